"""Las preguntas frecuentes de un trámite, para su ficha pública."""

from django import template

from comunicaciones.models import PreguntaFrecuente

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
