"""Direcciones absolutas del portal, para correos, PDF y códigos QR.

Un correo o un PDF no tienen petición de la que sacar el dominio: se arman con
PORTAL_URL, la dirección pública (con nginx, el dominio; en `make run`, el
HOST y el PORT con que se sirve).
"""

from django.conf import settings
from django.urls import reverse


def absoluta(ruta: str) -> str:
    """`ruta` (que empieza por /) con el dominio del portal delante."""
    return settings.PORTAL_URL + ruta


def url_del_portal(nombre: str, *args, **kwargs) -> str:
    """La dirección absoluta de la vista `nombre` (como `reverse`)."""
    return absoluta(reverse(nombre, args=args or None, kwargs=kwargs or None))
