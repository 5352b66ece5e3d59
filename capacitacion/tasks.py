"""Tareas de Celery de la capacitación: envoltorios sobre los servicios.

Los correos no tienen tarea propia: los envía la bandeja de salida del núcleo
(`sanpedro_gel.tasks.enviar_mensaje` y su barrido de cada minuto).
"""

from celery import shared_task

from capacitacion.services import despacho


@shared_task
def despachar_avisos() -> None:
    despacho.ejecutar_despacho()
