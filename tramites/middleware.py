"""Atribución: la etiqueta `origen` del enlace por el que llegó el ciudadano.

Los enlaces de las piezas de comunicación (cuñas, afiches con QR, banner,
correos) llevan `?origen=emisora-mayo`. La etiqueta se guarda en la sesión en
cualquier página, y la sesión sobrevive al registro y al ingreso (Django
conserva los datos de una sesión anónima al iniciar sesión), así que llega
hasta la radicación aunque el ciudadano tenga que crear su cuenta primero.
"""

import re

PARAMETRO = "origen"
CLAVE_SESION = "tramites_origen"
LARGO_MAXIMO = 60


def limpiar_origen(valor: str) -> str:
    """Minúsculas, letras, números, guion y guion bajo; máximo 60 caracteres."""
    limpio = re.sub(r"[^a-z0-9_-]+", "-", str(valor or "").strip().lower())
    return limpio.strip("-")[:LARGO_MAXIMO]


def origen_de(request) -> str:
    sesion = getattr(request, "session", None)
    return sesion.get(CLAVE_SESION, "") if sesion is not None else ""


class OrigenMiddleware:
    """Guarda en la sesión el último `?origen=` visto (atribución al último toque)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        valor = request.GET.get(PARAMETRO)
        sesion = getattr(request, "session", None)
        if valor and sesion is not None:
            etiqueta = limpiar_origen(valor)
            if etiqueta and sesion.get(CLAVE_SESION) != etiqueta:
                sesion[CLAVE_SESION] = etiqueta
        return self.get_response(request)
