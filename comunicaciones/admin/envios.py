"""Los envíos de las piezas de correo en el admin: la lista, de solo lectura, y
la columna de conteos de la lista de piezas."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from comunicaciones.models import Envio


class EnvioResumenMixin:
    @admin.display(description="dest. / env. / fall. / pend.")
    def col_envios(self, obj):
        if not obj.es_de_correo:
            return "—"
        fallidos = obj.envios_fallidos
        if fallidos:
            url = reverse("admin:comunicaciones_envio_changelist")
            fallidos = format_html(
                '<a href="{}?pieza__id__exact={}&estado__exact=FALLIDO">{}</a>',
                url,
                obj.pk,
                fallidos,
            )
        return format_html(
            "{} / {} / {} / {}",
            obj.envios_destinatarios,
            obj.envios_enviados,
            fallidos,
            obj.envios_pendientes,
        )


@admin.register(Envio)
class EnvioAdmin(admin.ModelAdmin):
    list_display = [
        "correo",
        "nombre",
        "pieza",
        "estado",
        "intentos",
        "enviado_en",
        "motivo",
    ]
    list_filter = ["estado", "pieza__canal"]
    search_fields = ["correo", "nombre"]
    list_select_related = ["pieza"]
    readonly_fields = [f.name for f in Envio._meta.fields]
    list_per_page = 100

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
