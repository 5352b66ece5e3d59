"""Lo que comparten las pantallas del admin de todas las apps."""

from functools import wraps
from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.admin.widgets import AdminFileWidget
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from simple_history.admin import SimpleHistoryAdmin

from sanpedro_gel.excepciones import ErrorDelPortal
from sanpedro_gel.reloj import BOGOTA


class ArchivoPrivadoWidget(AdminFileWidget):
    """Campo de archivo para el almacenamiento privado: muestra el nombre sin
    enlace (los privados no tienen URL pública; se descargan por su vista)."""

    # Plantilla de widget: el renderizador de formularios la busca en las apps.
    template_name = "sanpedro_gel/widgets/archivo_privado.html"

    def is_initial(self, value):
        # El de Django pregunta por `value.url`, que un privado no tiene.
        return bool(value and getattr(value, "name", None))

    def format_value(self, value):
        if value and getattr(value, "name", None):
            value.nombre_visible = PurePosixPath(value.name).name
        return super().format_value(value)


class HistorialAdmin(SimpleHistoryAdmin):
    """El historial de cambios, con el nombre de quien cambió enlazado a su
    cuenta solo para quien puede verla (a los demás el enlace les daría 403)."""

    def history_view(self, request, object_id, extra_context=None):
        usuario = get_user_model()._meta
        if not request.user.has_perm(f"{usuario.app_label}.view_{usuario.model_name}"):
            # Un nombre de vista que no existe: la plantilla muestra el nombre solo.
            extra_context = {**(extra_context or {}), "admin_user_view": "admin:-"}
        return super().history_view(request, object_id, extra_context)


def persona_sin_enlace(campo: str, titulo: str):
    """Columna de solo lectura con el nombre de quien hizo algo, sin el enlace a
    su cuenta que el admin pone a toda llave foránea: quien lee la pieza no
    siempre puede abrir cuentas de usuario, y el enlace le daría un 403.
    Se asigna como atributo de la clase del admin (por eso recibe el admin)."""

    def mostrar(_admin, obj):
        persona = getattr(obj, campo)
        if persona is None:
            return "—"
        return persona.get_full_name() or persona.email

    mostrar.short_description = titulo
    mostrar.admin_order_field = campo
    return mostrar


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


SALTO_DE_LINEA = mark_safe("<br>")


def enlaces_en_pestana_nueva(enlaces, *, separador=SALTO_DE_LINEA):
    """[(etiqueta, ruta)] como enlaces que se abren en otra pestaña (un PDF para
    imprimir, sin perder el formulario del admin), unidos con `separador`."""
    return format_html_join(
        separador,
        '<a href="{}" target="_blank">{}</a>',
        ((ruta, etiqueta) for etiqueta, ruta in enlaces),
    )
