"""Piezas compartidas por el admin del plan."""

from functools import wraps

from django.contrib import messages
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html

from comunicaciones.excepciones import ErrorDeComunicaciones
from comunicaciones.horario import BOGOTA


class ArchivoPrivadoWidget(AdminFileWidget):
    """Campo de archivo para el almacenamiento privado: muestra el nombre sin
    enlace (los privados no tienen URL pública; se descargan por su vista)."""

    # Plantilla de widget: la busca el renderizador de formularios en las apps.
    template_name = "comunicaciones/widgets/archivo_privado.html"


def en_hora_de_colombia(vista):
    """Formularios del admin que leen y muestran fechas en hora de Colombia,
    aunque se haya activado otra zona: «8:00» siempre es 8:00 en Bogotá."""

    @wraps(vista)
    def envuelta(*args, **kwargs):
        with timezone.override(BOGOTA):
            respuesta = vista(*args, **kwargs)
            if hasattr(respuesta, "render") and not respuesta.is_rendered:
                respuesta.render()
            return respuesta

    return envuelta


def ejecutar_servicio(request, exito: str, funcion, **kwargs):
    """Llama un servicio y convierte su excepción de dominio en un mensaje."""
    try:
        resultado = funcion(**kwargs)
    except ErrorDeComunicaciones as error:
        messages.error(request, str(error))
        return None
    messages.success(request, exito)
    return resultado


def exigir(request, permiso: str) -> None:
    if not request.user.has_perm(permiso):
        raise PermissionDenied


def volver(request, url):
    return redirect(request.POST.get("siguiente") or url)


def enlace(url, texto):
    return format_html('<a href="{}">{}</a>', url, texto)
