"""Tareas de Celery del plan: envoltorios de pocas líneas sobre los servicios.

Ninguna se reintenta con countdown: lo que falla lo retoma el despacho de cada
minuto, que mira las filas (envíos pendientes, confirmaciones sin sello,
recordatorios debidos).
"""

from celery import shared_task
from django.contrib.auth import get_user_model

from comunicaciones.models import Funcionario, Pieza
from comunicaciones.services import (
    audiencias,
    despacho,
    directorio,
    lotes,
    piezas,
    tareas,
)


@shared_task(queue="transaccional")
def enviar_bienvenida_funcionario(funcionario_id: int) -> None:
    funcionario = (
        Funcionario.objects.select_related("usuario").filter(pk=funcionario_id).first()
    )
    if funcionario is None or funcionario.usuario is None:
        return
    directorio.enviar_bienvenida(funcionario)


@shared_task
def despachar_piezas() -> None:
    despacho.ejecutar_despacho()


@shared_task
def recordar_tareas_difusion() -> None:
    tareas.recordar_tareas()


@shared_task(queue="masivo")
def enviar_lote(pieza_id: int, envio_ids: list[int]) -> None:
    lotes.enviar_lote(pieza_id=pieza_id, envio_ids=envio_ids)


@shared_task(queue="transaccional")
def enviar_prueba(pieza_id: int, usuario_id: int) -> None:
    usuario = get_user_model().objects.filter(pk=usuario_id).first()
    if usuario is None or not Pieza.objects.filter(pk=pieza_id).exists():
        return
    piezas.enviar_prueba(pieza_id=pieza_id, usuario=usuario)


@shared_task(queue="transaccional")
def enviar_confirmacion_suscripcion(suscriptor_id: int) -> None:
    audiencias.enviar_confirmacion(suscriptor_id=suscriptor_id)


@shared_task(queue="transaccional")
def enviar_recordatorio_tarea(tarea_id: int, tipo: str) -> None:
    tareas.enviar_recordatorio(tarea_id=tarea_id, tipo=tipo)


@shared_task(queue="transaccional")
def avisar_pieza_pausada(pieza_id: int) -> None:
    lotes.avisar_pausa(pieza_id=pieza_id)
