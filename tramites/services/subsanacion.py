"""El lado del ciudadano de la subsanación y el desistimiento tácito
(Ley 1755 de 2015, art. 17).

Mientras la solicitud espera al ciudadano el término está suspendido; cuando
responde se reanuda con los días hábiles que quedaban. Si no responde dentro
del plazo (un mes por defecto, ampliable una vez por otro mes a su pedido), un
trabajo diario declara el desistimiento con un acto motivado.
"""

import logging
from datetime import date

from django.db import transaction
from django.utils import timezone

from sanpedro_gel.excepciones import ConflictoDeEstado, TransicionInvalida
from tramites import calendario, plazos
from tramites.models import Estado, Solicitud, Subsanacion, TipoDocumentoExpedido
from tramites.pasos import definicion_de
from tramites.selectores import subsanacion_pendiente
from tramites.services import adjuntos, documentos
from tramites.services.flujo import cambiar_estado, registrar_actuacion

logger = logging.getLogger(__name__)


def _bloquear_del_ciudadano(solicitud_id: int, actor) -> Solicitud:
    solicitud = (
        Solicitud.objects.select_for_update(of=("self",))
        .select_related("tramite")
        .get(pk=solicitud_id, solicitante=actor)
    )
    if solicitud.estado != Estado.REQUIERE_SUBSANACION:
        raise ConflictoDeEstado(
            "Esta solicitud ya no espera documentos ni correcciones: su estado es "
            f"«{solicitud.get_estado_display()}»."
        )
    return solicitud


def responder_subsanacion(
    *,
    solicitud_id: int,
    actor,
    archivos: dict | None = None,
    formularios: dict | None = None,
    comentario: str = "",
):
    """El ciudadano entrega lo pedido: REQUIERE_SUBSANACION → EN_REVISION.

    `archivos` = {id del punto: archivo ya validado}; `formularios` = {id del
    punto: formulario válido del paso}. Cada punto pedido debe venir; solo se
    cambia lo pedido. Un archivo inadmisible lanza `adjuntos.ArchivoRechazado`
    y nada cambia. Reanuda el término con los días hábiles que quedaban,
    contados desde el día siguiente. Aviso al ciudadano de que se recibió. Una
    segunda llamada lanza `ConflictoDeEstado` y no cambia nada.
    """
    archivos = archivos or {}
    formularios = formularios or {}
    with transaction.atomic():
        solicitud = _bloquear_del_ciudadano(solicitud_id, actor)
        subsanacion = subsanacion_pendiente(solicitud)
        if subsanacion is None:
            raise TransicionInvalida("No hay un requerimiento pendiente.")
        items = list(subsanacion.items.all())
        faltan = [
            i.titulo
            for i in items
            if (i.es_documento and i.pk not in archivos)
            or (not i.es_documento and i.pk not in formularios)
        ]
        if faltan:
            raise TransicionInvalida("Falta responder: " + "; ".join(faltan) + ".")
        definicion = definicion_de(solicitud.tramite.tipo)
        for item in items:
            if item.es_documento:
                # El anterior queda como no vigente, para el expediente.
                adjuntos.adjuntar(
                    solicitud=solicitud,
                    requisito=item.requisito,
                    archivo=archivos[item.pk],
                )
            else:
                definicion.guardar(solicitud, item.paso, formularios[item.pk])
        documento, nombre = definicion.identificacion(solicitud)

        hoy = timezone.localdate()
        desde = solicitud.termino_suspendido_el or hoy
        restantes = solicitud.dias_habiles_restantes or 0
        vence = calendario.reanudar(hoy, restantes, solicitud.vence_el)
        suspendidos = calendario.dias_habiles_entre(desde, hoy)
        Subsanacion.objects.filter(pk=subsanacion.pk).update(
            respondida_en=timezone.now(), respuesta=comentario.strip()
        )
        return cambiar_estado(
            solicitud=solicitud,
            destino=Estado.EN_REVISION,
            actor=actor,
            descripcion="El ciudadano completó la solicitud",
            observacion=comentario.strip(),
            aviso="subsanacion_recibida",
            campos={
                "datos": solicitud.datos,
                "documento": documento,
                "nombre_solicitante": nombre[:250],
                "vence_el": vence,
                "termino_suspendido_el": None,
                "dias_habiles_restantes": None,
                "dias_habiles_suspendido": solicitud.dias_habiles_suspendido
                + max(suspendidos, 0),
            },
        )


def pedir_ampliacion(*, solicitud_id: int, actor) -> Subsanacion:
    """El ciudadano pide, una sola vez, un mes más para subsanar.

    Solo antes de que venza el plazo. La segunda vez lanza `TransicionInvalida`
    y no cambia nada. Aviso con la nueva fecha.
    """
    with transaction.atomic():
        solicitud = _bloquear_del_ciudadano(solicitud_id, actor)
        subsanacion = subsanacion_pendiente(solicitud)
        if subsanacion is None:
            raise TransicionInvalida("No hay un requerimiento pendiente.")
        if subsanacion.ampliada_en:
            raise TransicionInvalida(
                "Ya pidió la ampliación del plazo; la ley la permite una sola vez."
            )
        if timezone.localdate() > subsanacion.plazo_hasta:
            raise TransicionInvalida("El plazo para subsanar ya venció.")
        nuevo = plazos.sumar_meses(subsanacion.plazo_hasta, 1)
        cambiadas = Subsanacion.objects.filter(
            pk=subsanacion.pk, ampliada_en__isnull=True
        ).update(ampliada_en=timezone.now(), plazo_hasta=nuevo)
        if cambiadas != 1:
            raise TransicionInvalida("Ya pidió la ampliación del plazo.")
        registrar_actuacion(
            solicitud=solicitud,
            actor=actor,
            descripcion=f"Plazo para subsanar ampliado hasta el {nuevo:%d/%m/%Y}",
            aviso="ampliacion_subsanacion",
        )
    subsanacion.refresh_from_db()
    return subsanacion


def declarar_desistimiento(*, solicitud_id: int, hoy: date | None = None, actor=None):
    """REQUIERE_SUBSANACION → DESISTIDO, con resolución motivada.

    Solo si el plazo para subsanar venció sin respuesta. Contra ese acto solo
    procede el recurso de reposición, y el ciudadano puede volver a presentar
    la solicitud. Aviso con la resolución adjunta.
    """
    hoy = hoy or timezone.localdate()
    with transaction.atomic():
        solicitud = (
            Solicitud.objects.select_for_update(of=("self",))
            .select_related("tramite")
            .get(pk=solicitud_id)
        )
        if solicitud.estado != Estado.REQUIERE_SUBSANACION:
            raise ConflictoDeEstado("La solicitud ya no espera al ciudadano.")
        subsanacion = subsanacion_pendiente(solicitud)
        if subsanacion is None or subsanacion.plazo_hasta >= hoy:
            raise TransicionInvalida("El plazo para subsanar aún no ha vencido.")
        documento = documentos.expedir(
            solicitud=solicitud,
            tipo=TipoDocumentoExpedido.RESOLUCION_DESISTIMIENTO,
            actor=actor,
            numerada=True,
            contenido={
                "requerida_en": timezone.localtime(
                    subsanacion.solicitada_en
                ).isoformat(),
                "plazo_hasta": subsanacion.plazo_hasta.isoformat(),
                "ampliada": subsanacion.ampliada_en is not None,
                "items": [
                    {"titulo": i.titulo, "detalle": i.detalle}
                    for i in subsanacion.items.all()
                ],
            },
        )
        cambiar_estado(
            solicitud=solicitud,
            destino=Estado.DESISTIDO,
            actor=actor,
            descripcion=f"Desistimiento tácito: resolución {documento.numero}",
            observacion=(
                "Venció el plazo para subsanar "
                f"({subsanacion.plazo_hasta:%d/%m/%Y}) sin respuesta."
            ),
            documento=documento,
        )
    return documento


def declarar_desistimientos_vencidos(*, hoy: date | None = None) -> int:
    """Trabajo diario: declara el desistimiento de cada solicitud cuyo plazo
    para subsanar venció sin respuesta. Devuelve cuántas declaró.

    Inofensivo si corre dos veces o en paralelo: cada una se declara con la
    fila bloqueada y la segunda vez ya no está en REQUIERE_SUBSANACION.
    """
    hoy = hoy or timezone.localdate()
    vencidas = (
        Solicitud.objects.filter(
            estado=Estado.REQUIERE_SUBSANACION,
            subsanaciones__respondida_en__isnull=True,
            subsanaciones__plazo_hasta__lt=hoy,
        )
        .values_list("pk", flat=True)
        .distinct()
    )
    declaradas = 0
    for solicitud_id in list(vencidas):
        try:
            declarar_desistimiento(solicitud_id=solicitud_id, hoy=hoy)
        except (ConflictoDeEstado, TransicionInvalida):
            logger.info("Desistimiento de %s ya no aplica", solicitud_id)
            continue
        declaradas += 1
    return declaradas
