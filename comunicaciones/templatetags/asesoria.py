"""Las preguntas frecuentes de un trámite, para su ficha pública, y el
diccionario de datos del CSV de la asesoría, para /transparencia/datos-abiertos/."""

from django import template

from comunicaciones.models import PreguntaFrecuente
from comunicaciones.services import datos_abiertos_asesoria

register = template.Library()


@register.inclusion_tag("comunicaciones/includes/frecuentes_del_tramite.html")
def frecuentes_del_tramite(tramite):
    return {
        "tramite": tramite,
        "frecuentes": list(
            PreguntaFrecuente.objects.filter(publicada=True, tramite=tramite).order_by(
                "orden", "pregunta"
            )[:10]
        ),
    }


@register.simple_tag
def conjunto_asesoria():
    """Título, descripción, archivo y campos del CSV de la asesoría."""
    conjunto = datos_abiertos_asesoria
    return {
        "titulo": conjunto.TITULO,
        "descripcion": conjunto.DESCRIPCION,
        "archivo": conjunto.ARCHIVO,
        "campos": conjunto.CAMPOS,
    }


@register.inclusion_tag("comunicaciones/includes/preguntas_de_mis_tramites.html")
def preguntas_de(usuario):
    """Las preguntas del ciudadano en «Mis trámites», con estado y fecha límite."""
    from comunicaciones.models import PreguntaCiudadana

    return {
        "preguntas": list(
            PreguntaCiudadana.objects.filter(ciudadano=usuario)
            .order_by("-recibida_en")
            .only("pk", "radicado", "asunto", "estado", "vence_el")[:20]
        )
    }
