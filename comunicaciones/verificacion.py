"""Lo que /verificar/<código>/ muestra de una respuesta a una pregunta
ciudadana: su radicado, su clase y cuándo se respondió, sin el texto."""

from comunicaciones.models import PreguntaCiudadana
from sanpedro_gel.formato import fecha_hora
from sanpedro_gel.verificacion import DocumentoVerificado, registrar_buscador


@registrar_buscador
def buscar_respuesta(codigo: str) -> DocumentoVerificado | None:
    pregunta = (
        PreguntaCiudadana.objects.filter(codigo_verificacion=codigo)
        .exclude(respondida_en=None)
        .first()
    )
    if pregunta is None:
        return None
    return DocumentoVerificado(
        tipo="Respuesta a una petición",
        titulo=pregunta.radicado,
        codigo=pregunta.codigo_verificacion,
        filas=[
            ("Clase", pregunta.get_clase_display()),
            ("Respondida por", pregunta.get_area_display()),
            ("Recibida el", fecha_hora(pregunta.recibida_en)),
            ("Respondida el", fecha_hora(pregunta.respondida_en)),
        ],
    )
