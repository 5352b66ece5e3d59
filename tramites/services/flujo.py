"""El único escritor del estado de una solicitud, y el historial de actuaciones."""

from django.db import transaction
from django.utils import timezone

from sanpedro_gel.transiciones import mover_estado
from tramites import estados
from tramites.models import Actuacion, DocumentoExpedido, Estado, Solicitud
from tramites.services import avisos

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

CONFLICTO = (
    "Otra persona cambió esta solicitud mientras usted la tenía abierta. "
    "Recargue la página para ver su estado actual."
)


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
    documento: DocumentoExpedido | None = None,
) -> Actuacion:
    """Mueve `solicitud` de su estado actual a `destino` y deja la actuación.

    Precondición: `solicitud.estado` es el estado que quien llama vio. El paso
    se valida con `estados.SOLICITUD` (`TransicionInvalida`) y se escribe con
    un UPDATE condicionado a ese estado: si otra persona movió la solicitud en
    el medio, no cambia nada y se lanza `ConflictoDeEstado`. `campos` se
    escriben en el mismo UPDATE. Al volver, `solicitud` está recargada.

    Efecto: en la misma transacción deja en la bandeja de salida el aviso al
    ciudadano (`aviso`, o el de AVISO_POR_DESTINO; "" para ninguno), con el
    PDF de `documento` adjunto si lo hay; sale una sola vez, tras el commit.
    No es idempotente: una segunda llamada con el mismo destino falla.
    """
    origen = solicitud.estado
    if aviso is None:
        aviso = AVISO_POR_DESTINO.get(destino, "")
    ahora = timezone.now()
    with transaction.atomic():
        mover_estado(
            Solicitud,
            pk=solicitud.pk,
            tabla=estados.SOLICITUD,
            origen=origen,
            destino=destino,
            conflicto=CONFLICTO,
            campos={"actualizado_en": ahora, **(campos or {})},
        )
        solicitud.refresh_from_db()
        actuacion = Actuacion.objects.create(
            solicitud=solicitud,
            actor=actor,
            estado_origen=origen,
            estado_destino=destino,
            descripcion=descripcion or estados.SOLICITUD.etiqueta(destino),
            observacion=observacion,
            publica=publica,
            creada_en=ahora,
            aviso=aviso,
            documento=documento,
        )
        if aviso:
            avisos.registrar_aviso(actuacion)
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

    Si lleva `aviso`, el correo al ciudadano queda en la bandeja de salida en la
    misma transacción y sale una sola vez, como el de un cambio de estado. Cada
    llamada deja una fila nueva.
    """
    with transaction.atomic():
        actuacion = Actuacion.objects.create(
            solicitud=solicitud,
            actor=actor,
            estado_origen="",
            estado_destino="",
            descripcion=descripcion,
            observacion=observacion,
            publica=publica,
            aviso=aviso,
        )
        if aviso:
            avisos.registrar_aviso(actuacion)
    return actuacion
