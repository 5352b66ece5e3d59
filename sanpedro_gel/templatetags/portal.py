from django import template
from django.conf import settings
from django.forms import BaseForm, BaseFormSet
from django.template.loader import render_to_string
from django.utils.html import format_html

from sanpedro_gel import formato, fragmentos, periodicos, verificacion
from sanpedro_gel import texto as texto_seguro
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
        return formato.minutos(duracion)
    except AttributeError:
        return duracion


@register.filter
def fecha_larga(valor, dia_semana=False):
    """21 de diciembre de 2026; con `:"dia"`, lunes 21 de diciembre de 2026."""
    return formato.fecha_larga(valor, dia_semana=bool(dia_semana))


@register.filter
def fecha_hora(valor, segundos=False):
    """21 de diciembre de 2026, 3:04 p. m."""
    return formato.fecha_hora(valor, segundos=bool(segundos))


@register.filter
def fecha_corta(valor):
    """21 dic. 2026."""
    return formato.fecha_corta(valor)


@register.filter
def numero(valor, decimales=None):
    """1.234,5 (coma decimal); `:1` fija un decimal."""
    return formato.numero(valor, None if decimales in (None, "") else int(decimales))


@register.filter
def horas(valor):
    """«1 hora», «0,7 horas»."""
    return formato.horas(valor)


@register.filter
def plural(cantidad, palabras):
    """`{{ n|plural:"mes,meses" }}` → «1 mes», «2 meses»."""
    singular, _, varios = str(palabras).partition(",")
    return formato.plural(cantidad, singular, varios or singular + "s")


@register.filter
def enmascarar(documento):
    """43555111 → ••••5111."""
    return verificacion.enmascarar(documento)


@register.inclusion_tag("admin/includes/avisos_de_trabajos.html", takes_context=True)
def avisos_de_trabajos(context):
    """En el índice del admin, a quien vigila los trabajos periódicos: los
    atrasados y los que fallaron."""
    usuario = context["request"].user
    if not usuario.has_perm("sanpedro_gel.view_ejecucionperiodica"):
        return {"problemas": []}
    return {"problemas": periodicos.con_problemas()}


@register.simple_tag
def barra(porcentaje, color="#3366cc"):
    """Una barra horizontal dibujada en el servidor (SVG, sin JavaScript) de
    `porcentaje` (0–100) del ancho. Es decorativa: la cifra va escrita al lado,
    así que los lectores de pantalla la saltan. Sirve igual en el PDF."""
    try:
        ancho = max(0.0, min(100.0, float(porcentaje or 0)))
    except (TypeError, ValueError):
        ancho = 0.0
    return format_html(
        '<svg class="barra-svg" viewBox="0 0 100 10" preserveAspectRatio="none" '
        'width="100%" height="12" aria-hidden="true" focusable="false">'
        '<rect width="100" height="10" fill="#e9eef8"/>'
        '<rect width="{}" height="10" fill="{}"/></svg>',
        f"{ancho:.1f}",
        color,
    )


@register.filter
def hora_del_dia(valor):
    return formato.hora_del_dia(valor)


@register.filter(name="markdown_seguro")
def markdown_seguro_filtro(texto):
    """El Markdown de un funcionario (una respuesta) como HTML limpio."""
    return texto_seguro.markdown_seguro(texto)


class _FijoNode(template.Node):
    # Sin bloques dentro: {% extends %} no recorre la parte en cada página
    # buscando {% block %}, y uno que se pusiera ahí no se encontraría.
    child_nodelists = ()

    def __init__(self, nodelist, nombre, variantes):
        self.nodelist = nodelist
        self.nombre = nombre
        self.variantes = variantes

    def render(self, context):
        # Lo que la parte asigne ({% url … as %}) no sale de ella: igual si se
        # dibuja que si sale de memoria.
        with context.push():
            # Un `entidad` que no es el de la configuración (o ninguno: un
            # render_to_string sin petición) se dibuja sin guardar.
            if context.get("entidad") is not settings.ENTIDAD:
                return self.nodelist.render(context)
            llave = (
                self.nombre.resolve(context),
                *(variante.resolve(context) for variante in self.variantes),
            )
            return fragmentos.guardada(llave, lambda: self.nodelist.render(context))


@register.tag
def fijo(parser, token):
    """`{% fijo "nombre" variante… %}…{% endfijo %}`: una parte de la plantilla
    base que se dibuja una vez por proceso y por variante (ver
    sanpedro_gel.fragmentos). Dentro solo se usan `entidad` y las variantes."""
    partes = token.split_contents()
    if len(partes) < 2:
        raise template.TemplateSyntaxError("{% fijo %} necesita un nombre.")
    nodelist = parser.parse(("endfijo",))
    parser.delete_first_token()
    return _FijoNode(
        nodelist,
        parser.compile_filter(partes[1]),
        [parser.compile_filter(parte) for parte in partes[2:]],
    )


@register.simple_tag(takes_context=True)
def menu_principal(context):
    """El menú principal: una variante por entrada del menú que es la página
    actual y por tipo de usuario, nunca por usuario (ver sanpedro_gel.fragmentos)."""
    request = context.get("request")
    seccion = fragmentos.seccion_del_menu(request.path) if request else ""
    tipo = fragmentos.tipo_de_usuario(context.get("user"))
    return fragmentos.guardada(
        ("base-menu", seccion, tipo),
        lambda: render_to_string(
            "includes/menu_principal.html", {"seccion": seccion, "tipo": tipo}
        ),
    )
