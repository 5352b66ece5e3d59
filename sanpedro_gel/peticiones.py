"""Datos de la petición HTTP que varias partes del portal necesitan igual."""

import ipaddress
import re
from functools import cache

from django.conf import settings


@cache
def _redes(proxies: tuple[str, ...]):
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _es_proxy(ip: str) -> bool:
    try:
        direccion = ipaddress.ip_address(ip)
    except ValueError:
        return False
    return any(direccion in red for red in _redes(tuple(settings.PROXIES_CONFIABLES)))


def ip_del_cliente(request) -> str | None:
    """La IP del cliente: la misma para el bloqueo de ingresos (axes), los
    límites de allauth, los del portal y los registros de descargas.

    Es REMOTE_ADDR, salvo que la conexión venga de un proxy de
    `PROXIES_CONFIABLES` (nginx): entonces se recorre X-Forwarded-For de derecha
    a izquierda saltando los proxies confiables, y la primera dirección que no
    es uno de ellos es el cliente. Lo que haya a su izquierda lo escribió el
    cliente y no se cree; si la conexión no viene de un proxy confiable, la
    cabecera se ignora del todo (un cliente no puede hacerse pasar por otro
    llegando directo a gunicorn).
    """
    ip = request.META.get("REMOTE_ADDR") or None
    if not ip or not _es_proxy(ip):
        return ip
    reenviada = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for salto in reversed([s.strip() for s in reenviada.split(",") if s.strip()]):
        try:
            ipaddress.ip_address(salto)
        except ValueError:
            break  # basura en la cabecera: se queda con el último salto válido
        ip = salto
        if not _es_proxy(salto):
            break
    return ip


_MAYOR_ID = 2**63 - 1  # el mayor entero que cabe en un bigint de PostgreSQL y en SQLite


def id_de(valor) -> int | None:
    """El identificador que trae un parámetro, o None si no es uno.

    Solo dígitos ASCII («١٢» o «1e3» no son ids) y dentro de lo que la base de
    datos guarda: un número más grande haría fallar la consulta con un 500 en
    vez de no encontrar nada.
    """
    if not isinstance(valor, str) or not valor.isascii() or not valor.isdigit():
        return None
    numero = int(valor)
    return numero if 0 < numero <= _MAYOR_ID else None


_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,50}")


def slug_de(valor) -> str:
    """El slug que trae un parámetro, o "" si no es uno.

    Un texto cualquiera no llega a la consulta: PostgreSQL no admite el
    carácter NUL en un literal y la búsqueda daría un 500 en vez de no
    encontrar nada.
    """
    if not isinstance(valor, str) or not _SLUG.fullmatch(valor):
        return ""
    return valor
