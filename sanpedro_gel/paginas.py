"""Caché de las páginas públicas para el visitante sin sesión.

Una página marcada con `@pagina_publica` se guarda entera (Redis en
producción, memoria local en el portal embebido) la primera vez que la pide
alguien sin cookie de sesión ni mensajes pendientes, y las demás visitas
anónimas la reciben de la caché. Quien trae sesión (ingresó, votó una
pregunta, llegó por un enlace de campaña) recibe la página calculada: puede
tener algo suyo.

Tres cosas la mantienen al día:

- una generación común a todas las páginas: guardar o borrar algo que se ve
  en ellas (un trámite, una pieza, una jornada…) la cambia, y las copias
  anteriores dejan de usarse (`invalidar_paginas_publicas`, conectada a las
  señales de los modelos que cada app declara en su `ready`);
- las ventanas de publicación: cada app registra con `registrar_proximo_cambio`
  cuándo cambia por sí sola lo que muestra (un banner que empieza o termina a
  las 10:00, una encuesta que cierra); ninguna copia sirve más allá de ese
  instante;
- un tope de `VIGENCIA_MAXIMA` segundos para lo demás.

El formulario de una página guardada lleva una marca en lugar del token CSRF;
al entregarla se pone el token del visitante (y su cookie, como siempre).
"""

import re
import secrets
from collections.abc import Callable
from datetime import datetime
from functools import partial, wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

VIGENCIA_MAXIMA = 300
LLAVE_GENERACION = "paginas:generacion"
MARCA_CSRF = "__token-csrf-del-visitante__"
_TOKEN_CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')

_proximos_cambios: dict[str, Callable[[datetime], datetime | None]] = {}


def registrar_proximo_cambio(
    ventana: str, funcion: Callable[[datetime], datetime | None]
):
    """`funcion(ahora)` da el próximo instante (después de `ahora`) en que algo
    de la `ventana` («piezas», «encuestas», «jornadas») aparece o desaparece
    solo, o None. Una página declara las ventanas que muestra."""
    _proximos_cambios[ventana] = funcion


def invalidar_paginas_publicas(**kwargs):
    """Deja sin uso todas las copias guardadas. Sirve como receptor de señales."""
    cache.set(LLAVE_GENERACION, secrets.token_hex(6), None)


def _generacion() -> str:
    generacion = cache.get(LLAVE_GENERACION)
    if generacion is None:
        generacion = secrets.token_hex(6)
        # add: si otro proceso la creó a la vez, gana la suya.
        if not cache.add(LLAVE_GENERACION, generacion, None):
            generacion = cache.get(LLAVE_GENERACION) or generacion
    return generacion


def _hasta(generacion: str, ventanas: tuple[str, ...], ahora: datetime) -> float:
    """Hasta cuándo (marca de tiempo) sirve una copia de esta generación. El
    próximo cambio de cada ventana se calcula una vez por generación."""
    hasta = ahora.timestamp() + VIGENCIA_MAXIMA
    for ventana in ventanas:
        llave = f"paginas:proximo:{generacion}:{ventana}"
        proximo = cache.get(llave)
        if proximo is None or proximo <= ahora.timestamp():
            cambio = _proximos_cambios[ventana](ahora)
            proximo = cambio.timestamp() if cambio else float("inf")
            cache.set(llave, proximo, VIGENCIA_MAXIMA)
        hasta = min(hasta, proximo)
    return hasta


def _se_puede_guardar(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.GET.keys() - {"pagina"}
    )


def pagina_publica(vista=None, *, ventanas: tuple[str, ...] = ()):
    """La vista se guarda entera para el visitante sin sesión (ver el módulo).
    `ventanas`: las ventanas de publicación que la página muestra."""
    if vista is None:
        return partial(pagina_publica, ventanas=ventanas)

    @wraps(vista)
    def envoltura(request, *args, **kwargs):
        if not _se_puede_guardar(request):
            return vista(request, *args, **kwargs)
        generacion = _generacion()
        llave = f"pagina:{generacion}:{request.get_full_path()}"
        guardada = cache.get(llave)
        if guardada is not None and guardada[0] > timezone.now().timestamp():
            _, tipo, contenido = guardada
            if MARCA_CSRF in contenido:
                contenido = contenido.replace(MARCA_CSRF, get_token(request))
            return HttpResponse(contenido, content_type=tipo)

        ahora = timezone.now()
        hasta = _hasta(generacion, ventanas, ahora)
        respuesta = vista(request, *args, **kwargs)
        if (
            respuesta.status_code == 200
            and not respuesta.streaming
            and not respuesta.cookies
            and not getattr(request, "session", {}).get("_messages")
            and not (hasattr(request, "session") and request.session.modified)
            and "no-cache" not in respuesta.get("Cache-Control", "")
            and hasta - ahora.timestamp() >= 1
        ):
            contenido = respuesta.content.decode(respuesta.charset)
            if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
                contenido = _TOKEN_CSRF.sub(rf"\g<1>{MARCA_CSRF}\g<2>", contenido)
            cache.set(
                llave,
                (hasta, respuesta["Content-Type"], contenido),
                int(hasta - ahora.timestamp()) + 1,
            )
        return respuesta

    return envoltura


def conectar_invalidacion(*modelos):
    """Cambiar (guardar, borrar, sus relaciones) cualquiera de `modelos`
    invalida las páginas públicas."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for modelo in modelos:
        uid = f"paginas-publicas-{modelo._meta.label}"
        post_save.connect(
            invalidar_paginas_publicas, sender=modelo, dispatch_uid=f"{uid}-s"
        )
        post_delete.connect(
            invalidar_paginas_publicas, sender=modelo, dispatch_uid=f"{uid}-d"
        )
        for campo in modelo._meta.local_many_to_many:
            m2m_changed.connect(
                invalidar_paginas_publicas,
                sender=campo.remote_field.through,
                dispatch_uid=f"{uid}-{campo.name}",
            )
