"""El único escritor del estado de una solicitud."""

from django.db import transaction
from django.utils import timezone

from tramites import estados
from tramites.models import Actuacion, Estado, Solicitud


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
) -> Actuacion:
    """Mueve `solicitud` de su estado actual a `destino` y deja la actuación.

    Precondición: `solicitud.estado` es el estado que quien llama vio. El cambio
    es un UPDATE condicionado a ese estado: si otra persona movió la solicitud
    en el medio, no cambia nada y se lanza `ConflictoDeEstado`. `campos` se
    escriben en el mismo UPDATE. Al volver, `solicitud` está recargada.
    No es idempotente: una segunda llamada con el mismo destino falla.
    """
    origen = solicitud.estado
    if not estados.permitida(origen, destino):
        raise TransicionInvalida(
            f"Una solicitud en estado «{Estado(origen).label}» no puede pasar a "
            f"«{Estado(destino).label}»."
        )
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
        )
    solicitud.refresh_from_db()
    return actuacion
