"""El despachador de la capacitación: invitaciones, recordatorios, avisos de
cambio de fecha y de cancelación, y seguimientos.

La hora vive en la fila (`Aviso.enviar_en`, `Seguimiento.enviar_en`) y un
trabajo de cada minuto (Celery beat; en el portal embebido,
`ejecutar_periodicos`; a mano, `manage.py despachar_avisos_capacitacion`):

1. toma cada aviso o seguimiento vencido con un UPDATE condicionado
   (`procesado_en IS NULL` → ahora): si dos despachadores corren a la vez, solo
   uno obtiene la fila;
2. en esa misma transacción deja en la bandeja de salida un mensaje por
   persona (convocados y, en las asesorías, ciudadanos inscritos), con clave
   por aviso (o seguimiento) y asistencia o inscripción
   (`services/mensajes.py`): aunque algo se repita, cada persona recibe cada
   aviso una vez.

El envío, los reintentos y lo que el broker no alcanzó a publicar son de la
bandeja (`sanpedro_gel.buzon`), no de aquí.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from capacitacion.models import (
    Asistencia,
    Aviso,
    EstadoAsistencia,
    EstadoJornada,
    Jornada,
    Seguimiento,
    TipoAviso,
)
from capacitacion.services import mensajes

logger = logging.getLogger(__name__)


@dataclass
class ResumenDespacho:
    avisos: list[int] = field(default_factory=list)
    seguimientos: list[int] = field(default_factory=list)


def ejecutar_despacho(*, ahora: datetime | None = None) -> ResumenDespacho:
    """El trabajo de cada minuto. Correrlo dos veces seguidas no toma ni
    registra nada dos veces."""
    ahora = ahora or timezone.now()
    resumen = ResumenDespacho()
    for pk in Aviso.objects.filter(
        procesado_en__isnull=True, enviar_en__lte=ahora
    ).values_list("pk", flat=True)[:100]:
        if iniciar_aviso(aviso_id=pk, ahora=ahora):
            resumen.avisos.append(pk)
    for pk in Seguimiento.objects.filter(
        procesado_en__isnull=True,
        enviar_en__lte=ahora,
        jornada__estado=EstadoJornada.REALIZADA,
    ).values_list("pk", flat=True)[:100]:
        if iniciar_seguimiento(seguimiento_id=pk, ahora=ahora):
            resumen.seguimientos.append(pk)
    return resumen


def iniciar_aviso(*, aviso_id: int, ahora: datetime | None = None) -> bool:
    """Reclama el aviso y deja su correo para cada convocado. Devuelve False si
    otro despachador lo tomó antes, si aún no es su hora o si la jornada ya no
    está convocada (la cancelación sí sale de una jornada cancelada)."""
    ahora = ahora or timezone.now()
    with transaction.atomic():
        aviso = Aviso.objects.filter(pk=aviso_id).only("jornada_id", "tipo").first()
        if aviso is None:
            return False
        # La jornada bloqueada: cancelar o reprogramar no se cruzan con la toma.
        jornada = Jornada.objects.select_for_update().get(pk=aviso.jornada_id)
        if not (
            jornada.estado == EstadoJornada.CONVOCADA
            or aviso.tipo == TipoAviso.CANCELACION
        ):
            return False
        # El reclamo filtra solo columnas de la propia fila (sin uniones): en
        # PostgreSQL una subconsulta no se vuelve a evaluar tras esperar el
        # bloqueo de otro despachador, y ambos tomarían el aviso.
        tomado = Aviso.objects.filter(
            pk=aviso_id, procesado_en__isnull=True, enviar_en__lte=ahora
        ).update(procesado_en=ahora)
        if tomado != 1:
            return False
        aviso = Aviso.objects.get(pk=aviso_id)
        tardio = aviso.tipo in {TipoAviso.INVITACION, TipoAviso.RECORDATORIO}
        if tardio and jornada.inicio <= ahora:
            # El despachador estuvo detenido hasta después del inicio.
            Aviso.objects.filter(pk=aviso.pk).update(
                omitido="La jornada ya había empezado cuando llegó su hora."
            )
            return True
        mensajes.registrar_aviso(aviso, jornada.asistencias.all())
        mensajes.registrar_aviso_a_inscritos(aviso, jornada.inscripciones.all())
    logger.info("Aviso %s de capacitación tomado por el despachador", aviso_id)
    return True


def iniciar_seguimiento(*, seguimiento_id: int, ahora: datetime | None = None) -> bool:
    """Reclama el seguimiento y lo deja para cada asistente (solo quienes
    asistieron). Devuelve False si no le tocaba o si otro lo tomó antes."""
    ahora = ahora or timezone.now()
    with transaction.atomic():
        tomado = Seguimiento.objects.filter(
            pk=seguimiento_id,
            procesado_en__isnull=True,
            enviar_en__lte=ahora,
            # Subconsulta sin la fila reclamada: la condición sobre
            # procesado_en sí se vuelve a evaluar tras un bloqueo.
            jornada_id__in=Jornada.objects.filter(
                estado=EstadoJornada.REALIZADA
            ).values("pk"),
        ).update(procesado_en=ahora)
        if tomado != 1:
            return False
        seguimiento = Seguimiento.objects.get(pk=seguimiento_id)
        mensajes.registrar_seguimiento(
            seguimiento,
            Asistencia.objects.filter(
                jornada_id=seguimiento.jornada_id, estado=EstadoAsistencia.ASISTIO
            ),
        )
    return True


def alcanzar_invitaciones(*, jornada: Jornada, funcionario_ids: list[int]) -> None:
    """Convocados que llegan después de salir la invitación: reciben la suya
    (en la transacción de quien llama)."""
    asistencias = Asistencia.objects.filter(
        jornada=jornada, funcionario_id__in=funcionario_ids
    )
    for aviso in jornada.avisos.filter(
        tipo=TipoAviso.INVITACION, procesado_en__isnull=False, omitido=""
    ):
        mensajes.registrar_aviso(aviso, asistencias)
