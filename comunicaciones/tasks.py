"""Tareas de Celery del plan: envoltorios de pocas líneas sobre los servicios.

Ninguna se reintenta con countdown: lo que falla lo retoma el despacho de cada
minuto, que mira las filas (envíos pendientes o huérfanos). Los correos
transaccionales del plan no tienen tareas propias: los envía la bandeja de
salida del núcleo (`sanpedro_gel.tasks.enviar_mensaje`, cola `transaccional`).
"""

from celery import shared_task

from comunicaciones.services import (
    audiencias,
    despacho,
    lotes,
    resumen_asesoria,
    tareas,
)


@shared_task
def despachar_piezas() -> None:
    despacho.ejecutar_despacho()


@shared_task
def recordar_tareas_difusion() -> None:
    tareas.recordar_tareas()


@shared_task
def enviar_resumenes_asesoria() -> None:
    resumen_asesoria.enviar_resumenes_asesoria()


@shared_task(queue="masivo")
def enviar_lote(pieza_id: int, envio_ids: list[int]) -> None:
    lotes.enviar_lote(pieza_id=pieza_id, envio_ids=envio_ids)


@shared_task
def depurar_suscriptores() -> dict:
    # El resultado queda en CorridaPeriodica (sanpedro_gel/periodicos.py).
    return {"borradas": audiencias.depurar_suscriptores_sin_confirmar()}
