"""Los trabajos periódicos de los trámites (Celery beat; gemelos en
management/commands). Los correos no tienen tareas propias: salen por la
bandeja de salida del núcleo."""

from celery import shared_task

from tramites.services import avisos, retencion, subsanacion


@shared_task
def declarar_desistimientos() -> None:
    subsanacion.declarar_desistimientos_vencidos()


@shared_task
def enviar_resumenes_revisores() -> None:
    avisos.enviar_resumenes_revisores()


@shared_task
def depurar_borradores() -> dict:
    # El resultado queda en CorridaPeriodica (sanpedro_gel/periodicos.py).
    return retencion.depurar_borradores()


@shared_task
def revisar_retencion_expedientes() -> dict:
    return {"listados": retencion.revisar_retencion_expedientes()}
