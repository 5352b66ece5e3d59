from django import template
from django.forms import BaseForm, BaseFormSet

from sanpedro_gel.pdf import qr_svg_data_uri

register = template.Library()


def _errores_de(formulario):
    if isinstance(formulario, BaseFormSet):
        for mensaje in formulario.non_form_errors():
            yield {"id": None, "mensaje": mensaje}
        for subformulario in formulario.forms:
            yield from _errores_de(subformulario)
        return
    if not isinstance(formulario, BaseForm):
        return
    for mensaje in formulario.non_field_errors():
        yield {"id": None, "mensaje": mensaje}
    for nombre, mensajes in formulario.errors.items():
        if nombre == "__all__" or nombre not in formulario.fields:
            continue
        campo = formulario[nombre]
        for mensaje in mensajes:
            yield {"id": campo.id_for_label or campo.auto_id, "mensaje": mensaje}


@register.inclusion_tag("includes/resumen_errores.html")
def resumen_errores(*formularios):
    """Resumen «Hay un problema»: un enlace por error, con el mismo texto del campo."""
    errores = [e for formulario in formularios for e in _errores_de(formulario)]
    return {"errores": errores}


@register.filter
def qr(texto):
    """Imagen SVG (data URI) con el código QR de `texto`."""
    return qr_svg_data_uri(str(texto))


@register.filter
def nit(numero, dv=None):
    """Formatea un NIT como 800.197.268-4 (con el dígito de verificación si se da)."""
    numero = str(numero or "")
    if not numero.isdigit():
        return numero
    con_puntos = f"{int(numero):,}".replace(",", ".")
    return f"{con_puntos}-{dv}" if dv not in (None, "") else con_puntos


@register.filter
def minutos(duracion):
    """Una duración (timedelta) en minutos enteros, para textos al ciudadano."""
    try:
        return max(1, round(duracion.total_seconds() / 60))
    except AttributeError:
        return duracion
