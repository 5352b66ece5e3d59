"""Filtros de los documentos expedidos: su contenido se guarda como JSON, con
fechas ISO y horas HH:MM."""

from datetime import date, datetime

from django import template

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


MESES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
DIAS = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]


@register.filter
def fecha_larga(valor, forma=""):
    """'10 de julio de 2026' (forma "dia": 'viernes 10 de julio de 2026'; forma
    "corta": '10 de julio'). En minúsculas, como se escribe en español, sin
    depender de las traducciones de la plantilla."""
    valor = fecha(valor)
    if not isinstance(valor, date):
        return valor or ""
    if isinstance(valor, datetime):
        from django.utils import timezone

        if timezone.is_aware(valor):
            valor = timezone.localtime(valor)
        valor = valor.date()
    texto = f"{valor.day} de {MESES[valor.month - 1]}"
    if forma != "corta":
        texto += f" de {valor.year}"
    if forma == "dia":
        texto = f"{DIAS[valor.weekday()]} {texto}"
    return texto
