from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.management import call_command

from sanpedro_gel import buzon


@shared_task
def limpiar_sesiones_vencidas():
    call_command("clearsessions")


@shared_task(ignore_result=False)
def eco(valor):
    """Devuelve lo que recibe: comprueba que un trabajador atiende una cola."""
    return valor


@shared_task(queue="transaccional")
def enviar_mensaje(mensaje_id: int) -> None:
    buzon.enviar_mensaje(mensaje_id=mensaje_id)


@shared_task
def barrer_buzon() -> None:
    # Los recién registrados se dejan a su tarea durante un barrido (a lo sumo
    # un minuto): con BUZON_BARRIDO_SEGUNDOS corto, también esa espera es corta.
    cada = min(settings.BUZON_BARRIDO_SEGUNDOS, 60)
    buzon.enviar_pendientes(antiguedad=timedelta(seconds=cada))
