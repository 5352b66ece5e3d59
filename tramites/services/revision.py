"""Los verbos de la mesa de revisión: asignar, iniciar la revisión, pedir
subsanación, prorrogar, aprobar y rechazar.

Todos siguen el mismo patrón: en una transacción bloquean la fila, comprueban
que quien actúa puede decidir ese trámite y que la solicitud está como la vio
(`estado_visto`), revisan sus reglas y llaman a `cambiar_estado` (o dejan una
actuación si no cambia el estado). Las reglas incumplidas lanzan
`TransicionInvalida`; la carrera con otro funcionario, `ConflictoDeEstado`; un
rol equivocado, `PermissionDenied`. En los tres casos no cambia nada.
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from sanpedro_gel.excepciones import ConflictoDeEstado, TransicionInvalida
from tramites import calendario, estados, permisos, plazos
from tramites.models import (
    Estado,
    ItemSubsanacion,
    Requisito,
    Solicitud,
    Subsanacion,
    TipoDocumentoExpedido,
)
from tramites.services import documentos, resultados
from tramites.services.flujo import cambiar_estado, registrar_actuacion

ACTIVOS = (Estado.RADICADO, Estado.EN_REVISION)


def nombre_de(usuario) -> str:
    return (usuario.get_full_name() or usuario.email) if usuario else "nadie"


# --- Comprobaciones comunes ----------------------------------------------------


def _bloquear(solicitud_id: int) -> Solicitud:
    # `of=("self",)`: bloquear solo la solicitud, no la fila del trámite unida.
    return (
        Solicitud.objects.select_for_update(of=("self",))
        .select_related("tramite", "asignado_a", "solicitante")
        .get(pk=solicitud_id)
    )


def _exigir_decisor(actor, solicitud: Solicitud) -> None:
    if not permisos.puede_decidir(actor, solicitud):
        raise PermissionDenied("Su rol no decide solicitudes de este trámite.")


def _exigir_visto(solicitud: Solicitud, estado_visto: str | None) -> None:
    if estado_visto and solicitud.estado != estado_visto:
        raise ConflictoDeEstado(
            "Otra persona cambió esta solicitud mientras usted la tenía abierta: "
            f"ahora está «{solicitud.get_estado_display()}». Recargue la página "
            "para ver su estado actual."
        )


def _exigir_estado(solicitud: Solicitud, *permitidos: str, accion: str) -> None:
    if solicitud.estado not in permitidos:
        raise TransicionInvalida(
            f"No se puede {accion} una solicitud en estado "
            f"«{solicitud.get_estado_display()}»."
        )


def _exigir_asignada(solicitud: Solicitud, actor, *, o_libre: bool = False) -> None:
    if solicitud.asignado_a_id == actor.pk:
        return
    if o_libre and solicitud.asignado_a_id is None:
        return
    if solicitud.asignado_a_id is None:
        raise TransicionInvalida(
            "Esta solicitud no está asignada. Use «Asignarme» antes de decidir."
        )
    raise TransicionInvalida(
        f"Esta solicitud está asignada a {nombre_de(solicitud.asignado_a)}. "
        "Use «Asignarme» si va a tomarla usted."
    )


def _preparar(solicitud_id: int, actor, estado_visto: str | None) -> Solicitud:
    solicitud = _bloquear(solicitud_id)
    _exigir_decisor(actor, solicitud)
    _exigir_visto(solicitud, estado_visto)
    return solicitud


# --- Asignar e iniciar -----------------------------------------------------------

_SIN_COMPROBAR = object()


def asignar(*, solicitud_id: int, actor, asignado_visto_id=_SIN_COMPROBAR) -> Solicitud:
    """«Asignarme»: `actor` toma la solicitud (también si era de otra persona).

    `asignado_visto_id` es a quién estaba asignada cuando el funcionario la
    vio: si cambió en el medio (otro se la asignó), `ConflictoDeEstado`.
    Idempotente: si ya es de `actor`, no hace nada. Deja una actuación interna.
    """
    with transaction.atomic():
        solicitud = _preparar(solicitud_id, actor, None)
        if solicitud.estado == Estado.BORRADOR:
            raise TransicionInvalida("Un borrador no se asigna.")
        if solicitud.estado in estados.FINALES:
            raise TransicionInvalida(
                "La solicitud ya fue decidida; no hay nada que asignar."
            )
        if solicitud.asignado_a_id == actor.pk:
            return solicitud
        visto = (
            solicitud.asignado_a_id
            if asignado_visto_id is _SIN_COMPROBAR
            else asignado_visto_id
        )
        tomadas = Solicitud.objects.filter(pk=solicitud.pk, asignado_a_id=visto).update(
            asignado_a=actor, actualizado_en=timezone.now()
        )
        if tomadas != 1:
            raise ConflictoDeEstado(
                f"Mientras usted la miraba, la solicitud quedó asignada a "
                f"{nombre_de(solicitud.asignado_a)}. Recargue la página."
            )
        anterior = solicitud.asignado_a
        registrar_actuacion(
            solicitud=solicitud,
            actor=actor,
            descripcion=f"Asignada a {nombre_de(actor)}",
            observacion=f"Antes la tenía {nombre_de(anterior)}." if anterior else "",
            publica=False,
        )
    solicitud.refresh_from_db()
    return solicitud


def iniciar_revision(*, solicitud_id: int, actor, estado_visto: str | None = None):
    """RADICADO → EN_REVISION. Si nadie la tenía asignada, queda para `actor`.

    Aviso al ciudadano: «su solicitud está en revisión».
    """
    with transaction.atomic():
        solicitud = _preparar(solicitud_id, actor, estado_visto)
        _exigir_estado(solicitud, Estado.RADICADO, accion="iniciar la revisión de")
        _exigir_asignada(solicitud, actor, o_libre=True)
        return cambiar_estado(
            solicitud=solicitud,
            destino=Estado.EN_REVISION,
            actor=actor,
            descripcion="Revisión iniciada",
            campos={"asignado_a": actor} if solicitud.asignado_a_id is None else {},
        )


# --- Subsanación -------------------------------------------------------------------


def solicitar_subsanacion(
    *,
    solicitud_id: int,
    actor,
    requisitos: dict[int, str] | None = None,
    pasos: dict[str, tuple[str, str]] | None = None,
    observacion: str = "",
    estado_visto: str | None = None,
) -> Subsanacion:
    """EN_REVISION → REQUIERE_SUBSANACION (Ley 1755 de 2015, art. 17).

    `requisitos` = {id de requisito: qué falta}; `pasos` = {clave del paso:
    (título, qué corregir)}. Al menos uno es obligatorio. Suspende el término
    guardando los días hábiles que quedaban y da al ciudadano
    `Tramite.meses_para_subsanar` meses. Aviso con el enlace a la página donde
    responde. No es idempotente: una segunda llamada falla por el estado.
    """
    requisitos = {k: v.strip() for k, v in (requisitos or {}).items() if v.strip()}
    pasos = {k: (t, d.strip()) for k, (t, d) in (pasos or {}).items() if d.strip()}
    with transaction.atomic():
        solicitud = _preparar(solicitud_id, actor, estado_visto)
        _exigir_estado(solicitud, Estado.EN_REVISION, accion="pedir subsanación de")
        _exigir_asignada(solicitud, actor)
        if not requisitos and not pasos:
            raise TransicionInvalida(
                "Indique qué falta: al menos un documento o un dato por corregir."
            )
        del_tramite = {
            r.pk: r
            for r in Requisito.objects.filter(
                tramite=solicitud.tramite, pk__in=requisitos
            )
        }
        if set(requisitos) - set(del_tramite):
            raise TransicionInvalida("Un requisito pedido no es de este trámite.")

        hoy = timezone.localdate()
        restantes = calendario.suspender(hoy, solicitud.vence_el or hoy)
        subsanacion = Subsanacion.objects.create(
            solicitud=solicitud,
            solicitada_por=actor,
            observacion=observacion.strip(),
            plazo_hasta=plazos.sumar_meses(hoy, solicitud.tramite.meses_para_subsanar),
        )
        items = [
            ItemSubsanacion(
                subsanacion=subsanacion,
                requisito=del_tramite[pk],
                titulo=del_tramite[pk].nombre[:200],
                detalle=detalle,
            )
            for pk, detalle in requisitos.items()
        ] + [
            ItemSubsanacion(
                subsanacion=subsanacion, paso=clave, titulo=titulo[:200], detalle=d
            )
            for clave, (titulo, d) in pasos.items()
        ]
        ItemSubsanacion.objects.bulk_create(items)
        resumen = "\n".join(f"• {i.titulo}: {i.detalle}" for i in items)
        cambiar_estado(
            solicitud=solicitud,
            destino=Estado.REQUIERE_SUBSANACION,
            actor=actor,
            descripcion="Se pidió completar la solicitud",
            observacion="\n\n".join(filter(None, [resumen, observacion.strip()])),
            campos={
                "termino_suspendido_el": hoy,
                "dias_habiles_restantes": restantes,
            },
        )
    return subsanacion


# --- Prórroga ----------------------------------------------------------------------


def limite_de_prorroga(solicitud: Solicitud) -> date:
    """La fecha más lejana admisible: a lo sumo el doble del término (Ley 1755,
    art. 14, parágrafo), es decir, el vencimiento actual más otro término."""
    return calendario.sumar_dias_habiles(
        solicitud.vence_el, solicitud.tramite.plazo_dias_habiles
    )


def prorrogar(
    *,
    solicitud_id: int,
    actor,
    razones: str,
    nueva_fecha: date,
    estado_visto: str | None = None,
):
    """Amplía el término antes de que venza, con razones y nueva fecha.

    Reglas: solicitud activa (radicada o en revisión), una sola prórroga, antes
    del vencimiento (se le avisa al ciudadano antes de que venza), nueva fecha
    hábil, posterior al vencimiento y no más allá de `limite_de_prorroga`.
    Aviso al ciudadano con las razones y la fecha. No es idempotente: la
    segunda prórroga se rechaza.
    """
    razones = razones.strip()
    with transaction.atomic():
        solicitud = _preparar(solicitud_id, actor, estado_visto)
        _exigir_estado(solicitud, *ACTIVOS, accion="prorrogar")
        _exigir_asignada(solicitud, actor, o_libre=True)
        hoy = timezone.localdate()
        if not razones:
            raise TransicionInvalida("Explique las razones de la prórroga.")
        if solicitud.prorrogada_en:
            raise TransicionInvalida(
                "El término de esta solicitud ya fue prorrogado una vez."
            )
        if hoy > solicitud.vence_el:
            raise TransicionInvalida(
                "El término ya venció: la prórroga debe avisarse al ciudadano "
                "antes del vencimiento."
            )
        limite = limite_de_prorroga(solicitud)
        if not solicitud.vence_el < nueva_fecha <= limite:
            raise TransicionInvalida(
                "La nueva fecha debe ser posterior al vencimiento actual "
                f"({solicitud.vence_el:%d/%m/%Y}) y no pasar del doble del término "
                f"({limite:%d/%m/%Y})."
            )
        locales = calendario.dias_no_habiles_locales(
            nueva_fecha.replace(day=1), nueva_fecha
        )
        if not plazos.es_habil(nueva_fecha, locales):
            raise TransicionInvalida("La nueva fecha debe ser un día hábil.")
        anterior = solicitud.vence_el
        cambiadas = Solicitud.objects.filter(
            pk=solicitud.pk,
            estado=solicitud.estado,
            vence_el=anterior,
            prorrogada_en__isnull=True,
        ).update(vence_el=nueva_fecha, prorrogada_en=timezone.now())
        if cambiadas != 1:
            raise ConflictoDeEstado(
                "Otra persona cambió esta solicitud mientras usted la tenía abierta."
            )
        return registrar_actuacion(
            solicitud=solicitud,
            actor=actor,
            descripcion=(
                f"Término prorrogado del {anterior:%d/%m/%Y} al {nueva_fecha:%d/%m/%Y}"
            ),
            observacion=razones,
            aviso="prorroga",
        )


# --- Decidir -----------------------------------------------------------------------


def metricas_de_decision(solicitud: Solicitud) -> dict:
    """Campos que el tablero agrega: cuándo, cuántos días hábiles, a tiempo."""
    ahora = timezone.now()
    hoy = timezone.localdate(ahora)
    radicada = timezone.localdate(solicitud.radicado_en)
    usados = (
        calendario.dias_habiles_entre(radicada, hoy) - solicitud.dias_habiles_suspendido
    )
    return {
        "decidida_en": ahora,
        "dias_habiles_para_decidir": max(usados, 0),
        "decidida_a_tiempo": solicitud.vence_el is None or hoy <= solicitud.vence_el,
    }


def aprobar(
    *,
    solicitud_id: int,
    actor,
    observaciones: str = "",
    concesion: dict | None = None,
    estado_visto: str | None = None,
):
    """EN_REVISION → APROBADO, con su resultado, en una sola transacción.

    Inscripción: el contribuyente entra al registro con matrícula nueva y se
    expide el certificado. Novedad: se aplica al registro (cada versión
    anterior queda en el historial) y se expide la constancia. Ampliación de
    horario: se expide la resolución numerada; `concesion` puede ajustar
    `hora_cierre`, `fecha_inicio`, `fecha_fin` y `condiciones` (lista).
    Si el resultado no puede aplicarse, `TransicionInvalida` y nada cambia.
    Efecto: el aviso al ciudadano queda en la bandeja con el documento; su
    PDF se dibuja al enviarse, tras el commit.
    """
    observaciones = observaciones.strip()
    with transaction.atomic():
        solicitud = _preparar(solicitud_id, actor, estado_visto)
        _exigir_estado(solicitud, Estado.EN_REVISION, accion="aprobar")
        _exigir_asignada(solicitud, actor)
        documento = resultados.aplicar(
            solicitud=solicitud,
            actor=actor,
            hoy=timezone.localdate(),
            observaciones=observaciones,
            concesion=concesion,
        )
        cambiar_estado(
            solicitud=solicitud,
            destino=Estado.APROBADO,
            actor=actor,
            descripcion=f"Solicitud aprobada: {documento.get_tipo_display().lower()}"
            + (f" {documento.numero}" if documento.numero else ""),
            observacion=observaciones,
            campos=metricas_de_decision(solicitud),
            documento=documento,
        )
    return documento


def rechazar(
    *,
    solicitud_id: int,
    actor,
    motivacion: str,
    estado_visto: str | None = None,
):
    """EN_REVISION → RECHAZADO con acto motivado (resolución numerada).

    La motivación es obligatoria: es la parte considerativa del acto. Efecto:
    el aviso al ciudadano queda en la bandeja con la resolución; su PDF se
    dibuja al enviarse, tras el commit.
    """
    motivacion = motivacion.strip()
    with transaction.atomic():
        solicitud = _preparar(solicitud_id, actor, estado_visto)
        _exigir_estado(solicitud, Estado.EN_REVISION, accion="rechazar")
        _exigir_asignada(solicitud, actor)
        if len(motivacion) < 20:
            raise TransicionInvalida(
                "Escriba la motivación del rechazo (al menos 20 caracteres): el "
                "ciudadano tiene derecho a conocer las razones."
            )
        documento = documentos.expedir(
            solicitud=solicitud,
            tipo=TipoDocumentoExpedido.RESOLUCION_RECHAZO,
            actor=actor,
            numerada=True,
            contenido={"motivacion": motivacion},
        )
        cambiar_estado(
            solicitud=solicitud,
            destino=Estado.RECHAZADO,
            actor=actor,
            descripcion=f"Solicitud negada: resolución {documento.numero}",
            observacion=motivacion,
            campos=metricas_de_decision(solicitud),
            documento=documento,
        )
    return documento
