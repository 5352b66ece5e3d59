"""Lo que comparten las pantallas del admin de todas las apps."""

from functools import wraps
from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html

from sanpedro_gel.excepciones import ErrorDelPortal
from sanpedro_gel.reloj import BOGOTA


class ArchivoPrivadoWidget(AdminFileWidget):
    """Campo de archivo para el almacenamiento privado: muestra el nombre sin
    enlace (los privados no tienen URL pública; se descargan por su vista)."""

    # Plantilla de widget: el renderizador de formularios la busca en las apps.
    template_name = "sanpedro_gel/widgets/archivo_privado.html"

    def format_value(self, value):
        if value and getattr(value, "name", None):
            value.nombre_visible = PurePosixPath(value.name).name
        return super().format_value(value)


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


def ejecutar_servicio(request, exito: str, funcion, **kwargs) -> bool:
    """Llama un servicio; su excepción de dominio se vuelve un mensaje de error
    y, si salió bien, `exito` uno de éxito: un solo mensaje por resultado.
    Devuelve si salió bien."""
    try:
        funcion(**kwargs)
    except ErrorDelPortal as error:
        messages.error(request, str(error))
        return False
    if exito:
        messages.success(request, exito)
    return True


def exigir(request, permiso: str) -> None:
    if not request.user.has_perm(permiso):
        raise PermissionDenied


def volver(request, url):
    return redirect(request.POST.get("siguiente") or url)


def enlace(url, texto):
    return format_html('<a href="{}">{}</a>', url, texto)
