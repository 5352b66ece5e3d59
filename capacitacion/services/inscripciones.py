"""Las inscripciones de ciudadanos a las asesorías ciudadanas: cupo, lista de
espera, cancelación con ascenso y llegada con el código.

Cupo y lista de espera se deciden con la fila de la jornada bloqueada
(`select_for_update`): dos inscripciones simultáneas esperan una a la otra, así
que contar los cupos ocupados y el último puesto de la espera y luego insertar
no se cruza con nadie. Los puestos de la espera son 1..n sin huecos: al salir
alguien de la lista (porque asciende o cancela) los de atrás avanzan uno.

Los correos (inscripción con el evento de calendario, puesto en la espera,
cupo obtenido) quedan en la bandeja de salida dentro de la misma transacción y
salen después del commit (`services/mensajes.py`); el recordatorio del día
anterior lo deja el despachador de avisos (`services/despacho.py`).
"""

from datetime import datetime

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from capacitacion.excepciones import CodigoDeLlegadaInvalido, InscripcionNoDisponible
from capacitacion.models import (
    CON_CUPO,
    EstadoInscripcion,
    EstadoJornada,
    Inscripcion,
    Jornada,
    TipoJornada,
)
from capacitacion.services import mensajes
from sanpedro_gel.verificacion import codigo_libre, normalizar_codigo

LONGITUD_CODIGO = 6


def admite_inscripciones(jornada: Jornada, *, ahora: datetime | None = None) -> bool:
    """Asesoría ciudadana publicada, convocada y que aún no empieza."""
    ahora = ahora or timezone.now()
    return (
        jornada.tipo == TipoJornada.ASESORIA
        and jornada.publicada
        and jornada.estado == EstadoJornada.CONVOCADA
        and jornada.inicio > ahora
    )


def vigente_de(*, jornada_id: int, usuario) -> Inscripcion | None:
    """La inscripción no cancelada de la cuenta en la jornada, si la hay."""
    if not usuario.is_authenticated:
        return None
    return (
        Inscripcion.objects.filter(jornada_id=jornada_id, usuario=usuario)
        .exclude(estado=EstadoInscripcion.CANCELADA)
        .first()
    )


def inscribir_ciudadano(
    *, jornada_id: int, usuario, ahora: datetime | None = None
) -> Inscripcion:
    """Inscribe la cuenta `usuario` a la asesoría: con cupo si queda alguno, si
    no al final de la lista de espera. Deja en la bandeja el correo con el
    código (y el evento de calendario si tiene cupo).

    Inofensivo llamarla dos veces: si ya tiene una inscripción vigente la
    devuelve tal cual, sin otro correo. Lanza `InscripcionNoDisponible` si la
    jornada no recibe inscripciones.
    """
    ahora = ahora or timezone.now()
    with transaction.atomic():
        jornada = Jornada.objects.select_for_update().get(pk=jornada_id)
        if not admite_inscripciones(jornada, ahora=ahora):
            raise InscripcionNoDisponible(
                "Esta jornada no recibe inscripciones: solo las asesorías "
                "ciudadanas convocadas que aún no han empezado."
            )
        existente = vigente_de(jornada_id=jornada.pk, usuario=usuario)
        if existente is not None:
            return existente
        inscripciones = jornada.inscripciones
        ocupados = inscripciones.filter(estado__in=CON_CUPO).count()
        if jornada.cupo is None or ocupados < jornada.cupo:
            estado, posicion = EstadoInscripcion.INSCRITA, None
        else:
            ultimo = inscripciones.filter(estado=EstadoInscripcion.ESPERA).aggregate(
                ultimo=Max("posicion")
            )["ultimo"]
            estado, posicion = EstadoInscripcion.ESPERA, (ultimo or 0) + 1
        inscripcion = Inscripcion.objects.create(
            jornada=jornada,
            usuario=usuario,
            estado=estado,
            posicion=posicion,
            codigo_verificacion=codigo_libre(
                longitud=LONGITUD_CODIGO, modelos=[Inscripcion]
            ),
            inscrita_en=ahora,
        )
        mensajes.registrar_inscripcion(
            inscripcion,
            motivo="inscrita" if estado == EstadoInscripcion.INSCRITA else "espera",
        )
    return inscripcion


def cancelar_inscripcion(
    *, inscripcion_id: int, usuario, ahora: datetime | None = None
) -> Inscripcion:
    """El titular cancela su inscripción. Si tenía cupo, asciende el primero de
    la lista de espera (y recibe su correo); si estaba en espera, los de atrás
    avanzan un puesto.

    Solo el titular: la inscripción de otra cuenta es `Inscripcion.DoesNotExist`
    (la vista responde 404). Inofensivo llamarla dos veces.
    """
    ahora = ahora or timezone.now()
    with transaction.atomic():
        jornada_id = (
            Inscripcion.objects.filter(pk=inscripcion_id, usuario=usuario)
            .values_list("jornada_id", flat=True)
            .get()
        )
        jornada = Jornada.objects.select_for_update().get(pk=jornada_id)
        inscripcion = Inscripcion.objects.get(pk=inscripcion_id)
        if inscripcion.estado == EstadoInscripcion.CANCELADA:
            return inscripcion
        if inscripcion.estado == EstadoInscripcion.ASISTIO:
            raise InscripcionNoDisponible(
                "Su llegada ya quedó registrada: la inscripción no se cancela."
            )
        tenia_cupo = inscripcion.estado == EstadoInscripcion.INSCRITA
        puesto = inscripcion.posicion
        inscripcion.estado = EstadoInscripcion.CANCELADA
        inscripcion.posicion = None
        inscripcion.cancelada_en = ahora
        inscripcion.save(update_fields=["estado", "posicion", "cancelada_en"])
        if tenia_cupo:
            _ascender_primero(jornada, ahora)
        else:
            _avanzar_espera(jornada, desde=puesto)
    return inscripcion


def _avanzar_espera(jornada: Jornada, *, desde: int) -> None:
    # Sin restricción única sobre el puesto: un UPDATE que corre la lista la
    # violaría a mitad de camino. Lo garantiza el bloqueo de la jornada.
    jornada.inscripciones.filter(
        estado=EstadoInscripcion.ESPERA, posicion__gt=desde
    ).update(posicion=F("posicion") - 1)


def _ascender_primero(jornada: Jornada, ahora: datetime) -> None:
    """Con la jornada bloqueada: si quedó un cupo libre, lo toma el primero de
    la espera."""
    if not admite_inscripciones(jornada, ahora=ahora):
        return
    ocupados = jornada.inscripciones.filter(estado__in=CON_CUPO).count()
    if jornada.cupo is not None and ocupados >= jornada.cupo:
        return
    primero = (
        jornada.inscripciones.filter(estado=EstadoInscripcion.ESPERA)
        .order_by("posicion")
        .first()
    )
    if primero is None:
        return
    Inscripcion.objects.filter(pk=primero.pk).update(
        estado=EstadoInscripcion.INSCRITA, posicion=None, promovida_en=ahora
    )
    _avanzar_espera(jornada, desde=primero.posicion)
    mensajes.registrar_inscripcion(primero, motivo="promovida")


def registrar_llegada(*, jornada_id: int, codigo: str, usuario) -> Inscripcion:
    """El funcionario de la entrada teclea el código del ciudadano: queda su
    asistencia con la hora y quién la registró. Acepta minúsculas, espacios y
    guiones. Inofensivo dos veces (la primera hora se conserva).

    Lanza `CodigoDeLlegadaInvalido` si el código no es de esta jornada o si la
    inscripción está cancelada o en lista de espera.
    """
    codigo = normalizar_codigo(codigo)
    with transaction.atomic():
        inscripcion = (
            Inscripcion.objects.select_for_update()
            .filter(jornada_id=jornada_id, codigo_verificacion=codigo)
            .first()
        )
        if inscripcion is None:
            raise CodigoDeLlegadaInvalido(
                "No hay una inscripción con ese código en esta jornada."
            )
        if inscripcion.estado == EstadoInscripcion.ESPERA:
            raise CodigoDeLlegadaInvalido(
                f"Ese código está en la lista de espera (puesto "
                f"{inscripcion.posicion}): no tiene cupo."
            )
        if inscripcion.estado == EstadoInscripcion.CANCELADA:
            raise CodigoDeLlegadaInvalido("Esa inscripción fue cancelada.")
        if inscripcion.estado == EstadoInscripcion.INSCRITA:
            inscripcion.estado = EstadoInscripcion.ASISTIO
            inscripcion.asistio_en = timezone.now()
            inscripcion.registrada_por = usuario
            inscripcion.save(update_fields=["estado", "asistio_en", "registrada_por"])
    return inscripcion
