"""Tareas de Celery de la capacitación: envoltorios sobre los servicios.

Sin reintentos con countdown: lo que falla lo retoma el despacho de cada minuto,
que mira las filas (entregas pendientes, certificados sin enviar).
"""

from celery import shared_task

from capacitacion.services import certificados, despacho


@shared_task
def despachar_avisos() -> None:
    despacho.ejecutar_despacho()


@shared_task(queue="transaccional")
def enviar_entrega(entrega_id: int) -> None:
    despacho.enviar_entrega(entrega_id=entrega_id)


@shared_task(queue="transaccional")
def entregar_certificado(certificado_id: int) -> None:
    certificados.enviar_certificado(certificado_id=certificado_id)
