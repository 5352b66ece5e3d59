"""La única forma de producir un PDF en el portal.

Una configuración de fuentes compartida y la hoja de estilos base leída una sola
vez por proceso: sin eso cada documento pagaría cientos de milisegundos más en
cargar fuentes y estilos. Las cifras de render están en docs/PERFORMANCE.md.
Las fuentes vienen con el proyecto (`static/fonts/`); no se depende de las del
sistema. WeasyPrint es mucho más rápido con `libharfbuzz-subset0` instalada.

Cada documento sale en PDF/A (`PDF_VARIANTE`, por defecto PDF/A-3a): el
formato que el Archivo General de la Nación señala para los documentos
electrónicos de archivo, con la estructura etiquetada (títulos, párrafos,
tablas) que leen los lectores de pantalla.
"""

import atexit
import gc
import threading
from contextlib import contextmanager
from functools import lru_cache

import segno
from django.conf import settings
from django.template.loader import render_to_string

_DIRECTORIO_ESTATICO = settings.BASE_DIR / "static"
# WeasyPrint no garantiza seguridad entre hilos; el servidor de desarrollo y los
# trabajadores con hilos comparten la configuración de fuentes.
_candado = threading.Lock()


@lru_cache(maxsize=1)
def _motor():
    """WeasyPrint, sus fuentes y la hoja base: se cargan al primer PDF, una vez."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fuentes = FontConfiguration()
    # Su carpeta temporal se borra en __del__; al salir se suelta antes de que
    # Python desmonte los módulos que ese __del__ necesita.
    atexit.register(_motor.cache_clear)
    hoja = CSS(
        filename=str(_DIRECTORIO_ESTATICO / "pdf" / "base.css"), font_config=fuentes
    )
    return HTML, hoja, fuentes


def render_pdf(template_name: str, context: dict) -> bytes:
    """Renderiza la plantilla HTML `template_name` a un PDF y devuelve sus bytes."""
    contexto = {
        "entidad": settings.ENTIDAD,
        "portal_url": settings.PORTAL_URL,
        **context,
    }
    html = render_to_string(template_name, contexto)
    HTML, hoja, fuentes = _motor()
    with _candado, _sin_recolector():
        documento = HTML(string=html, base_url=str(_DIRECTORIO_ESTATICO))
        return documento.write_pdf(
            stylesheets=[hoja],
            font_config=fuentes,
            pdf_variant=settings.PDF_VARIANTE or None,
            pdf_tags=True,
        )


@contextmanager
def _sin_recolector():
    """Pausa el recolector de ciclos mientras WeasyPrint arma el documento.

    Un render crea cientos de miles de objetos de vida corta; con el recolector
    activo, algunas de sus pasadas recorren también todo lo que el proceso tiene
    cargado (Django, plantillas, módulos) y caen en medio de un render. Medido
    (docs/PERFORMANCE.md): la mediana no cambia y el p95 baja un tercio. La
    basura del render se libera por conteo de referencias al terminar; la que
    forma ciclos la recoge la siguiente pasada normal del recolector.
    """
    estaba_activo = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if estaba_activo:
            gc.enable()


def qr_svg_data_uri(texto: str) -> str:
    """Código QR de `texto` como imagen SVG embebible (`data:` URI)."""
    return segno.make(texto, error="m").svg_data_uri(scale=4, border=2)
