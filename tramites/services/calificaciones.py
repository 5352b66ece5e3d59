"""«Califique el trámite»: la opinión del ciudadano después de la decisión."""

from django.db import IntegrityError, transaction

from sanpedro_gel.excepciones import TransicionInvalida
from tramites.models import Calificacion, Estado, Solicitud

DECIDIDAS = (Estado.APROBADO, Estado.RECHAZADO, Estado.DESISTIDO)


def calificar(
    *, solicitud_id: int, actor, puntaje: int, comentario: str = ""
) -> Calificacion:
    """Guarda la calificación (1 a 5) del dueño de una solicitud ya decidida.

    Una sola por solicitud: si ya existe se devuelve la existente sin cambiarla
    (un doble envío del formulario no duplica ni sobrescribe).
    """
    solicitud = Solicitud.objects.get(pk=solicitud_id, solicitante=actor)
    if solicitud.estado not in DECIDIDAS:
        raise TransicionInvalida("El trámite se califica después de la decisión.")
    if not 1 <= puntaje <= 5:
        raise TransicionInvalida("La calificación va de 1 a 5.")
    try:
        with transaction.atomic():
            return Calificacion.objects.create(
                solicitud=solicitud, puntaje=puntaje, comentario=comentario.strip()
            )
    except IntegrityError:
        return Calificacion.objects.get(solicitud=solicitud)
