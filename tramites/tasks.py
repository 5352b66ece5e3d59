from smtplib import SMTPException

from celery import shared_task

from tramites import services
from tramites.models import Actuacion, Solicitud


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


@shared_task(
    queue="transaccional",
    autoretry_for=(OSError, SMTPException),
    retry_backoff=True,
    max_retries=8,
)
def notificar_actuacion(actuacion_id: int) -> None:
    from tramites.services import avisos

    if not Actuacion.objects.filter(pk=actuacion_id).exists():
        return
    avisos.notificar_actuacion(actuacion_id=actuacion_id)


@shared_task
def barrer_avisos_pendientes() -> None:
    from tramites.services import avisos

    avisos.completar_avisos_pendientes()


@shared_task
def declarar_desistimientos() -> None:
    from tramites.services import subsanacion

    subsanacion.declarar_desistimientos_vencidos()


@shared_task
def enviar_resumenes_revisores() -> None:
    from tramites.services import avisos

    avisos.enviar_resumenes_revisores()
