"""El despachador de la capacitación: invitaciones, recordatorios y seguimientos.

Mismo patrón que el de las piezas del plan (`comunicaciones/services/despacho.py`):
la hora vive en la fila y un trabajo de cada minuto (Celery beat; en el portal
embebido, `ejecutar_periodicos`; a mano, `manage.py despachar_avisos_capacitacion`):

1. toma cada aviso o seguimiento vencido con una actualización condicional
   (`procesado_en IS NULL` → ahora): si dos despachadores corren a la vez, solo
   uno obtiene la fila;
2. en esa misma transacción crea una `Entrega` por persona (restricción única
   por aviso y asistencia: aunque algo falle, nunca hay dos);
3. tras confirmar, encola una tarea por entrega en la cola `transaccional`;
   cada tarea bloquea su fila, envía y la marca enviada, así que una tarea
   repetida no envía dos veces;
4. vuelve a encolar las entregas pendientes cuyo mensaje se perdió.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from capacitacion.models import (
    Asistencia,
    Aviso,
    Certificado,
    Entrega,
    EstadoEntrega,
    EstadoJornada,
    Jornada,
    Seguimiento,
    TipoAviso,
)
from sanpedro_gel.tareas import encolar

logger = logging.getLogger(__name__)

# Tras cuánto una entrega encolada y aún pendiente se da por perdida.
REENCOLAR_TRAS = timedelta(minutes=10)
MAX_INTENTOS = 3


@dataclass
class ResumenDespacho:
    avisos: list[int] = field(default_factory=list)
    seguimientos: list[int] = field(default_factory=list)
    reencoladas: int = 0
    certificados: int = 0


def ejecutar_despacho(*, ahora: datetime | None = None) -> ResumenDespacho:
    """El trabajo de cada minuto. Correrlo dos veces seguidas no toma ni envía
    nada dos veces."""
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
        if enviar_seguimiento(seguimiento_id=pk, ahora=ahora):
            resumen.seguimientos.append(pk)
    resumen.reencoladas = recuperar_entregas(ahora=ahora)
    resumen.certificados = recuperar_certificados(ahora=ahora)
    return resumen


def iniciar_aviso(*, aviso_id: int, ahora: datetime | None = None) -> bool:
    """Reclama el aviso y crea una entrega por convocado. Devuelve False si otro
    despachador lo tomó antes, si aún no es su hora o si la jornada ya no está
    convocada (la cancelación sí sale de una jornada cancelada)."""
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
        aviso = Aviso.objects.select_related("jornada").get(pk=aviso_id)
        tardio = aviso.tipo in {TipoAviso.INVITACION, TipoAviso.RECORDATORIO}
        if tardio and aviso.jornada.inicio <= ahora:
            # El despachador estuvo detenido hasta después del inicio.
            Aviso.objects.filter(pk=aviso.pk).update(
                omitido="La jornada ya había empezado cuando llegó su hora."
            )
            return True
        _crear_entregas(
            Asistencia.objects.filter(jornada_id=aviso.jornada_id),
            ahora,
            aviso=aviso,
        )
    logger.info("Aviso %s de capacitación tomado por el despachador", aviso_id)
    return True


def enviar_seguimiento(*, seguimiento_id: int, ahora: datetime | None = None) -> bool:
    """Reclama el seguimiento y crea una entrega por asistente (solo quienes
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
        _crear_entregas(
            Asistencia.objects.filter(
                jornada_id=seguimiento.jornada_id, asistio_en__isnull=False
            ),
            ahora,
            seguimiento=seguimiento,
        )
    return True


def alcanzar_invitaciones(*, jornada, funcionario_ids: list[int]) -> None:
    """Convocados que llegan después de salir la invitación: reciben la suya
    (en la transacción de quien llama)."""
    ahora = timezone.now()
    asistencias = Asistencia.objects.filter(
        jornada=jornada, funcionario_id__in=funcionario_ids
    )
    for aviso in jornada.avisos.filter(
        tipo=TipoAviso.INVITACION, procesado_en__isnull=False, omitido=""
    ):
        _crear_entregas(asistencias, ahora, aviso=aviso)


def _crear_entregas(asistencias, ahora, *, aviso=None, seguimiento=None) -> None:
    activas = asistencias.filter(funcionario__activo=True).values_list("pk", flat=True)
    Entrega.objects.bulk_create(
        [
            Entrega(asistencia_id=pk, aviso=aviso, seguimiento=seguimiento)
            for pk in activas
        ],
        ignore_conflicts=True,
    )
    filtro = {"aviso": aviso} if aviso else {"seguimiento": seguimiento}
    ids = list(
        Entrega.objects.filter(estado=EstadoEntrega.PENDIENTE, **filtro).values_list(
            "pk", flat=True
        )
    )
    # Sellada desde ya: la recuperación no la toma por perdida mientras espera.
    Entrega.objects.filter(pk__in=ids).update(encolada_en=ahora)
    transaction.on_commit(lambda: _encolar(ids))


def _encolar(ids: list[int]) -> int:
    from capacitacion.tasks import enviar_entrega

    publicadas = 0
    for pk in ids:
        if not encolar(enviar_entrega, pk):
            # Broker caído: la recuperación del próximo minuto las toma.
            Entrega.objects.filter(pk__in=ids).filter(
                estado=EstadoEntrega.PENDIENTE
            ).update(encolada_en=None)
            break
        publicadas += 1
    return publicadas


def recuperar_entregas(*, ahora: datetime | None = None) -> int:
    """Vuelve a encolar las entregas pendientes cuyo mensaje se perdió."""
    ahora = ahora or timezone.now()
    ids = list(
        Entrega.objects.filter(estado=EstadoEntrega.PENDIENTE)
        .filter(Q(encolada_en__isnull=True) | Q(encolada_en__lt=ahora - REENCOLAR_TRAS))
        .order_by("pk")
        .values_list("pk", flat=True)[:500]
    )
    if ids:
        Entrega.objects.filter(pk__in=ids).update(encolada_en=ahora)
        _encolar(ids)
    return len(ids)


def recuperar_certificados(*, ahora: datetime | None = None) -> int:
    """Vuelve a encolar los certificados sin enviar (broker caído, SMTP caído):
    cada diez minutos, hasta agotar sus intentos."""
    from capacitacion.services.certificados import MAX_INTENTOS_ENVIO
    from capacitacion.tasks import entregar_certificado

    ahora = ahora or timezone.now()
    hace_un_rato = ahora - REENCOLAR_TRAS
    ids = (
        Certificado.objects.filter(
            enviado_en__isnull=True,
            expedido_en__lt=hace_un_rato,
            intentos_envio__lt=MAX_INTENTOS_ENVIO,
        )
        .filter(
            Q(ultimo_intento_en__isnull=True) | Q(ultimo_intento_en__lt=hace_un_rato)
        )
        .values_list("pk", flat=True)[:100]
    )
    return sum(encolar(entregar_certificado, pk) for pk in ids)


def enviar_entrega(*, entrega_id: int, ahora: datetime | None = None) -> bool:
    """Envía el correo de una entrega si sigue pendiente. Devuelve si lo envió.

    A lo sumo una vez: bloquea la fila, comprueba el estado, envía y la marca,
    todo en una transacción. Un fallo de SMTP cuenta un intento; al tercero la
    entrega queda fallida con el motivo.
    """
    from capacitacion.services.mensajes import correo_de_entrega

    ahora = ahora or timezone.now()
    with transaction.atomic():
        entrega = (
            Entrega.objects.select_for_update(of=("self",))
            .select_related(
                "aviso__jornada",
                "seguimiento__jornada",
                "asistencia__funcionario",
                "asistencia__jornada",
            )
            .filter(pk=entrega_id, estado=EstadoEntrega.PENDIENTE)
            .first()
        )
        if entrega is None:
            return False
        try:
            correo_de_entrega(entrega).send()
        except Exception as error:
            entrega.intentos += 1
            entrega.motivo = str(error)[:300]
            if entrega.intentos >= MAX_INTENTOS:
                entrega.estado = EstadoEntrega.FALLIDA
            entrega.save(update_fields=["intentos", "motivo", "estado"])
            logger.warning("Entrega %s de capacitación falló: %s", entrega_id, error)
            return False
        entrega.estado = EstadoEntrega.ENVIADA
        entrega.enviada_en = ahora
        entrega.save(update_fields=["estado", "enviada_en"])
    return True
