"""Piezas de autenticación compartidas por el login público y el del admin."""

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied

from sanpedro_gel.peticiones import ip_del_cliente


def usuario_del_intento(request, credentials) -> str | None:
    """La cuenta a la que apunta un intento de ingreso, para contar sus fallos.

    El formulario de allauth autentica con `email`, el del admin con `username`
    (que aquí es el correo); los dos deben sumar a la misma cuenta.
    """
    credentials = credentials or {}
    valor = credentials.get("email") or credentials.get("username")
    if not valor and request is not None and request.method == "POST":
        valor = request.POST.get("login") or request.POST.get("username")
    return valor.strip().lower() if valor else None


class AdaptadorDeCuentas(DefaultAccountAdapter):
    """allauth con la IP del cliente del portal: sus límites (registro, recuperar
    la clave) cuentan por la persona, no por el nginx que tienen todos delante."""

    def get_client_ip(self, request) -> str:
        ip = ip_del_cliente(request)
        if not ip:
            raise PermissionDenied("No se pudo determinar la dirección del cliente.")
        return ip
