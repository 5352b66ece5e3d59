"""Filtros de presentación de los trámites. Las fechas se escriben con los
filtros del núcleo (`{% load portal %}`)."""

from django import template

register = template.Library()

# Colores con contraste AA sobre blanco para cada estado de una solicitud.
CLASES_ESTADO = {
    "BORRADOR": "text-bg-secondary",
    "RADICADO": "text-bg-primary",
    "EN_REVISION": "text-bg-info",
    "REQUIERE_SUBSANACION": "text-bg-warning",
    "APROBADO": "text-bg-success",
    "RECHAZADO": "text-bg-danger",
    "DESISTIDO": "text-bg-dark",
}


@register.filter
def clase_estado(estado: str) -> str:
    return CLASES_ESTADO.get(str(estado), "text-bg-secondary")
