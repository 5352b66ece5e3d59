"""Límite de intentos por IP para formularios públicos (consulta, verificación).

Usa la caché de Django: en producción, Redis (REDIS_URL), compartida por todos
los procesos web; en el portal embebido, la memoria del proceso.
"""

from django.core.cache import cache


def permitir(clave: str, *, maximo: int, ventana_segundos: int) -> bool:
    """Cuenta un intento de `clave`; False si ya superó `maximo` en la ventana.

    La ventana empieza con el primer intento y no se alarga con los siguientes:
    quien espera `ventana_segundos` puede volver a intentar.
    """
    llave = f"limite:{clave}"
    cache.add(llave, 0, timeout=ventana_segundos)
    try:
        intentos = cache.incr(llave)
    except ValueError:
        # La llave venció entre add() e incr().
        cache.set(llave, 1, timeout=ventana_segundos)
        intentos = 1
    return intentos <= maximo
