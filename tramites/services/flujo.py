"""El único escritor del estado de una solicitud."""

from django.db import transaction
from django.utils import timezone

from sanpedro_gel.tareas import encolar_al_confirmar
from tramites import estados
from tramites.models import Actuacion, Estado, Solicitud

# El correo que recibe el ciudadano al llegar a cada estado (plantillas
# tramites/emails/aviso_<nombre>_*). La radicación tiene su propio acuse de
# recibo con la constancia, así que RADICADO no está aquí.
AVISO_POR_DESTINO = {
    Estado.EN_REVISION: "en_revision",
    Estado.REQUIERE_SUBSANACION: "subsanacion",
    Estado.APROBADO: "aprobada",
    Estado.RECHAZADO: "rechazada",
    Estado.DESISTIDO: "desistida",
}


class TransicionInvalida(Exception):
    """El paso pedido no está en la tabla de transiciones o no cumple sus reglas."""


class ConflictoDeEstado(Exception):
    """Otra persona cambió la solicitud entre la lectura y la escritura."""


def cambiar_estado(
    *,
    solicitud: Solicitud,
    destino: str,
    actor=None,
    descripcion: str = "",
    observacion: str = "",
    publica: bool = True,
    campos: dict | None = None,
    aviso: str | None = None,
) -> Actuacion:
    """Mueve `solicitud` de su estado actual a `destino` y deja la actuación.

    Precondición: `solicitud.estado` es el estado que quien llama vio. El cambio
    es un UPDATE condicionado a ese estado: si otra persona movió la solicitud
    en el medio, no cambia nada y se lanza `ConflictoDeEstado`. `campos` se
    escriben en el mismo UPDATE. Al volver, `solicitud` está recargada.

    Efecto: tras el commit se encola el aviso al ciudadano (`aviso`, o el de
    AVISO_POR_DESTINO; "" para ninguno), que sale una sola vez
    (services.avisos.notificar_actuacion).
    No es idempotente: una segunda llamada con el mismo destino falla.
    """
    origen = solicitud.estado
    if not estados.permitida(origen, destino):
        raise TransicionInvalida(
            f"Una solicitud en estado «{Estado(origen).label}» no puede pasar a "
            f"«{Estado(destino).label}»."
        )
    if aviso is None:
        aviso = AVISO_POR_DESTINO.get(destino, "")
    ahora = timezone.now()
    with transaction.atomic():
        cambiadas = Solicitud.objects.filter(pk=solicitud.pk, estado=origen).update(
            estado=destino, actualizado_en=ahora, **(campos or {})
        )
        if cambiadas != 1:
            raise ConflictoDeEstado(
                "Otra persona cambió esta solicitud mientras usted la tenía abierta. "
                "Recargue la página para ver su estado actual."
            )
        actuacion = Actuacion.objects.create(
            solicitud_id=solicitud.pk,
            actor=actor,
            estado_origen=origen,
            estado_destino=destino,
            descripcion=descripcion or Estado(destino).label,
            observacion=observacion,
            publica=publica,
            creada_en=ahora,
            aviso=aviso,
        )
        if aviso:
            from tramites.tasks import notificar_actuacion

            encolar_al_confirmar(notificar_actuacion, actuacion.pk)
    solicitud.refresh_from_db()
    return actuacion


def registrar_actuacion(
    *,
    solicitud: Solicitud,
    actor=None,
    descripcion: str,
    observacion: str = "",
    publica: bool = True,
    aviso: str = "",
) -> Actuacion:
    """Deja en el historial una actuación que no cambia el estado (asignación,
    prórroga, ampliación del plazo para subsanar…).

    Si lleva `aviso`, el correo al ciudadano se encola tras el commit y sale una
    sola vez, como el de un cambio de estado. Cada llamada deja una fila nueva.
    """
    actuacion = Actuacion.objects.create(
        solicitud_id=solicitud.pk,
        actor=actor,
        estado_origen="",
        estado_destino="",
        descripcion=descripcion,
        observacion=observacion,
        publica=publica,
        aviso=aviso,
    )
    if aviso:
        from tramites.tasks import notificar_actuacion

        encolar_al_confirmar(notificar_actuacion, actuacion.pk)
    return actuacion
