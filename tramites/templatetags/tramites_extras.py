"""Filtros de presentación de los trámites. Las fechas se escriben con los
filtros del núcleo (`{% load portal %}`)."""

from django import template
from django.utils.html import format_html

from sanpedro_gel import formato
from tramites.models import Estado

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


def _termino(solicitud) -> dict:
    suspendido = solicitud.estado == Estado.REQUIERE_SUBSANACION
    restantes = solicitud.dias_habiles_restantes if suspendido else None
    return {
        "vence_el": solicitud.vence_el,
        "suspendido": suspendido,
        "suspendido_el": solicitud.termino_suspendido_el,
        "restantes": restantes if restantes is not None and restantes > 0 else None,
        "dias": formato.plural(restantes, "día hábil", "días hábiles")
        if restantes and restantes > 0
        else "",
    }


@register.inclusion_tag("tramites/_termino.html")
def termino_de_respuesta(solicitud, forma="detalle"):
    """El término de respuesta como lo ve el ciudadano: la fecha límite o, con
    el término suspendido por una subsanación (Ley 1755, art. 17), desde cuándo
    y cuántos días hábiles quedarán cuando responda. `forma`: "detalle" (un par
    <dt>/<dd>) o "consulta" (lo mismo, en tercera persona). En una tabla,
    `termino_en_celda`."""
    return {"forma": forma, **_termino(solicitud)}


@register.filter
def termino_en_celda(solicitud):
    """El término de respuesta en una celda de «Mis trámites»; sin plantilla
    propia, porque se dibuja en cada fila."""
    termino = _termino(solicitud)
    fecha = formato.fecha_larga(termino["vence_el"])
    if not termino["suspendido"]:
        return fecha
    if termino["restantes"]:
        detalle = format_html(
            "Quedarán {} cuando complete la solicitud.", termino["dias"]
        )
    else:
        detalle = format_html("Ya había vencido el {}.", fecha)
    return format_html(
        '<span class="d-block">Término suspendido</span><small>{}</small>', detalle
    )
