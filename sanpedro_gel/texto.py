"""Texto con formato seguro: Markdown convertido a HTML y limpiado con nh3.

Quien redacta en el admin (una pieza, una noticia, la respuesta a una
pregunta) escribe Markdown; lo que llega a una página o a un correo es HTML con
una lista cerrada de etiquetas, sin scripts, estilos ni atributos de eventos, y
con enlaces solo http(s) o mailto.
"""

import re

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ETIQUETAS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "a",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "hr",
    "code",
}
ATRIBUTOS = {"a": {"href", "title"}}
ESQUEMAS = {"http", "https", "mailto"}


def markdown_seguro(texto: str) -> SafeString:
    """HTML seguro del Markdown `texto`."""
    html = markdown.markdown(texto or "", extensions=["sane_lists"])
    limpio = nh3.clean(
        html,
        tags=ETIQUETAS,
        attributes=ATRIBUTOS,
        url_schemes=ESQUEMAS,
        link_rel="noopener noreferrer",
    )
    return mark_safe(limpio)


def texto_plano(texto: str) -> str:
    """Versión de texto del Markdown para la parte text/plain de los correos.

    Los enlaces [texto](url) quedan como «texto (url)»; el resto del marcado
    ligero se deja, porque se lee bien tal cual.
    """
    return re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", r"\1 (\2)", texto or "")


_ENLACE_WEB = re.compile(r"^https?://[^\s/]+", re.IGNORECASE)


def enlace_valido(enlace: str) -> bool:
    """Solo direcciones web o rutas del portal: nunca «javascript:» ni «data:»
    (el enlace de un banner va tal cual en la portada)."""
    enlace = enlace.strip()
    if enlace.startswith("/") and not enlace.startswith("//"):
        return True
    return _ENLACE_WEB.match(enlace) is not None
