"""Las partes fijas de `base.html` (encabezado, menú, pie), dibujadas una vez
por proceso.

El encabezado y el pie dependen solo del código y de la configuración
(`ENTIDAD`, las URL, los estáticos con huella); el menú, además, de qué sección
del menú está abierta y de qué tipo de usuario mira (`tipo_de_usuario`). Nada
de eso se edita en el admin, así que cada proceso guarda cada parte en memoria
la primera vez que la dibuja: sin ir a Redis y sin la generación de las
páginas públicas (`sanpedro_gel.paginas`). Si el menú llega a salir de datos
editables, su llave debe llevar esa generación.

Nada personal entra en una parte fija: la llave es el tipo de usuario, nunca el
usuario, y la plantilla de una parte fija no usa más variables que las de su
llave y `entidad`.
"""

from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.urls import reverse
from django.utils.safestring import SafeString

# Las partes son pocas (encabezado, pie, menú por sección y tipo); el tope
# solo protege de una llave mal elegida que creciera con cada página.
TOPE = 200

ANONIMO = "anonimo"
CIUDADANO = "ciudadano"
FUNCIONARIO = "funcionario"
PERSONAL = "personal"

MENU = (
    "inicio",
    "tramites:lista",
    "tramites:consulta",
    "comunicaciones:noticias",
    "comunicaciones:asesoria",
    "capacitacion:inicio",
    "transparencia",
)

_guardadas: dict[tuple, SafeString] = {}
_ve_la_intranet: Callable[[object], bool] = lambda usuario: False  # noqa: E731


def registrar_intranet(funcion: Callable[[object], bool]):
    """`funcion(usuario)` dice si un usuario que no es del personal del admin
    ve el enlace a la intranet (comunicaciones la registra)."""
    global _ve_la_intranet
    _ve_la_intranet = funcion


def tipo_de_usuario(usuario) -> str:
    """Qué menú ve: anónimo, ciudadano, funcionario (con la intranet) o
    personal del admin (la intranet y la administración)."""
    if usuario is None or not usuario.is_authenticated:
        return ANONIMO
    if usuario.is_staff:
        return PERSONAL
    return FUNCIONARIO if _ve_la_intranet(usuario) else CIUDADANO


@lru_cache(maxsize=1)
def urls_del_menu() -> frozenset[str]:
    return frozenset(reverse(nombre) for nombre in MENU)


def seccion_del_menu(ruta: str) -> str:
    """La ruta si es la de una entrada del menú (la que se marca como actual),
    o "": así el menú no tiene una variante por cada página."""
    return ruta if ruta in urls_del_menu() else ""


def guardada(llave: tuple, dibujar: Callable[[], SafeString]) -> SafeString:
    # Con DEBUG las plantillas se recargan al editarlas: nada se guarda.
    if settings.DEBUG:
        return dibujar()
    parte = _guardadas.get(llave)
    if parte is None:
        parte = dibujar()
        if len(_guardadas) >= TOPE:
            _guardadas.clear()
        _guardadas[llave] = parte
    return parte


def olvidar(**kwargs):
    """Borra las partes guardadas: una prueba cambió la configuración."""
    _guardadas.clear()
    urls_del_menu.cache_clear()


setting_changed.connect(olvidar, dispatch_uid="fragmentos-olvidar")
