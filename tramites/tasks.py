from smtplib import SMTPException

from celery import shared_task

from tramites import services
from tramites.models import Solicitud


@shared_task(
    queue="transaccional",
    autoretry_for=(OSError, SMTPException),
    retry_backoff=True,
    max_retries=8,
)
def completar_radicacion(solicitud_id: int) -> None:
    if not Solicitud.objects.filter(pk=solicitud_id).exists():
        return
    services.enviar_acuse(solicitud_id=solicitud_id)


@shared_task
def barrer_radicaciones_pendientes() -> None:
    services.completar_efectos_pendientes()
