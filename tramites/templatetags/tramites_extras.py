"""Filtros de presentación de los trámites (estado, documentos)."""

from django import template

from tramites import formato, validadores

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


@register.filter
def telefono(numero: str) -> str:
    return validadores.formatear_telefono(numero)


@register.filter
def enmascarar(documento: str) -> str:
    """43555111 → ****5111: lo justo para que el titular reconozca su documento."""
    documento = str(documento or "")
    if len(documento) <= 4:
        return documento
    return "•" * (len(documento) - 4) + documento[-4:]


@register.filter
def fecha_larga(valor, dia_semana=False):
    """21 de diciembre de 2026; con `:"dia"`, lunes 21 de diciembre de 2026."""
    return formato.fecha_larga(valor, dia_semana=bool(dia_semana))


@register.filter
def fecha_hora(valor, segundos=False):
    """21 de diciembre de 2026, 3:04 p. m."""
    return formato.fecha_hora(valor, segundos=bool(segundos))
