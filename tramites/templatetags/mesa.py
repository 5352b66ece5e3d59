"""Filtros de los documentos expedidos: su contenido se guarda como JSON, con
fechas ISO y horas HH:MM."""

from datetime import date, datetime

from django import template

from sanpedro_gel import formato
from tramites.models import Calificacion, Estado
from tramites.selectores import subsanacion_pendiente

register = template.Library()


@register.filter
def fecha(valor):
    """'2026-12-24' o '2026-12-24T10:00:00-05:00' → fecha o fecha y hora."""
    if not valor or isinstance(valor, date):
        return valor
    texto = str(valor)
    try:
        if "T" in texto:
            return datetime.fromisoformat(texto)
        return date.fromisoformat(texto)
    except ValueError:
        return valor


@register.filter
def hora(valor):
    """'04:00' → '4:00 a. m.'; '12:00' → '12:00 m.' (uso colombiano)."""
    if not valor:
        return ""
    try:
        horas, minutos = (int(p) for p in str(valor).split(":")[:2])
    except ValueError:
        return valor
    if horas == 12 and minutos == 0:
        return "12:00 m."
    sufijo = "a. m." if horas < 12 else "p. m."
    return f"{(horas % 12) or 12}:{minutos:02d} {sufijo}"


@register.filter
def fecha_larga(valor, forma=""):
    """Como `fecha_larga` de `{% load portal %}`, aceptando también fechas ISO del
    contenido JSON de un documento; forma "dia" con el día de la semana y
    "corta" sin el año ('10 de julio')."""
    valor = fecha(valor)
    if not isinstance(valor, date):
        return valor or ""
    texto = formato.fecha_larga(valor, dia_semana=forma == "dia")
    if forma == "corta":
        return texto.rsplit(" de ", 1)[0]
    return texto


@register.inclusion_tag("tramites/_revision_ciudadano.html")
def revision_ciudadano(solicitud):
    """Lo que el ciudadano ve de la revisión en el detalle de su solicitud: lo
    que debe completar, los documentos expedidos y la invitación a calificar."""
    pendiente = (
        subsanacion_pendiente(solicitud)
        if solicitud.estado == Estado.REQUIERE_SUBSANACION
        else None
    )
    decidida = solicitud.estado in (Estado.APROBADO, Estado.RECHAZADO, Estado.DESISTIDO)
    return {
        "solicitud": solicitud,
        "subsanacion": pendiente,
        "documentos": list(solicitud.documentos.all()),
        "puede_calificar": decidida
        and not Calificacion.objects.filter(solicitud=solicitud).exists(),
    }
