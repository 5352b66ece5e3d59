"""Límites de intentos por clave para formularios públicos (consulta,
verificación): por IP, por radicado…

Usa la caché de Django: en producción, Redis (REDIS_URL), compartida por todos
los procesos web; en el portal embebido, la memoria del proceso.

La ventana empieza con el primer intento contado y no se alarga con los
siguientes: quien espera `ventana_segundos` puede volver a intentar.
"""

from django.core.cache import cache


def _llave(clave: str) -> str:
    return f"limite:{clave}"


def contar(clave: str, *, ventana_segundos: int) -> int:
    """Suma un intento a `clave` y devuelve cuántos lleva en la ventana."""
    llave = _llave(clave)
    cache.add(llave, 0, timeout=ventana_segundos)
    try:
        return cache.incr(llave)
    except ValueError:
        # La llave venció entre add() e incr().
        cache.set(llave, 1, timeout=ventana_segundos)
        return 1


def agotado(clave: str, *, maximo: int) -> bool:
    """Si `clave` ya llegó a `maximo` intentos en su ventana, sin contar uno más.

    Para los límites que solo cuentan lo que sale mal (consultas fallidas): se
    pregunta antes y se cuenta después, según el resultado.
    """
    return (cache.get(_llave(clave)) or 0) >= maximo


def permitir(clave: str, *, maximo: int, ventana_segundos: int) -> bool:
    """Cuenta un intento de `clave`; False si ya superó `maximo` en la ventana."""
    return contar(clave, ventana_segundos=ventana_segundos) <= maximo
