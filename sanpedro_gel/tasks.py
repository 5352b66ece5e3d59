from celery import shared_task
from django.core.management import call_command


@shared_task
def limpiar_sesiones_vencidas():
    call_command("clearsessions")


@shared_task(ignore_result=False)
def eco(valor):
    """Devuelve lo que recibe: comprueba que un trabajador atiende una cola."""
    return valor
