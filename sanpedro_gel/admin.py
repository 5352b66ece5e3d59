from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.text import Truncator

from sanpedro_gel import buzon, periodicos
from sanpedro_gel.admin_ayudas import ejecutar_servicio
from sanpedro_gel.models import (
    CorridaPeriodica,
    EjecucionPeriodica,
    EstadoMensaje,
    Mensaje,
    Usuario,
)

admin.site.site_header = f"{settings.ENTIDAD['nombre']} — Administración del portal"
admin.site.site_title = "Portal GEL"
admin.site.index_title = "Gestión del portal"


@admin.register(Usuario)
class UsuarioAdmin(UserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "is_staff",
        "is_active",
        "last_login",
    ]
    list_filter = ["is_staff", "is_active", "groups"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Datos personales", {"fields": ["first_name", "last_name"]}),
        (
            "Permisos",
            {
                "fields": [
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ]
            },
        ),
        ("Fechas", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]


@admin.register(Mensaje)
class MensajeAdmin(admin.ModelAdmin):
    """La bandeja de salida: qué se envió, qué falló y por qué. Solo lectura; las
    acciones reintentan o anulan con los servicios del buzón."""

    list_display = [
        "creado_en",
        "tipo_legible",
        "para",
        "estado",
        "intentos",
        "enviado_en",
        "error_corto",
    ]
    list_filter = ["estado", "tipo", "creado_en"]
    search_fields = ["para", "clave"]
    date_hierarchy = "creado_en"
    actions = ["reintentar", "anular"]
    list_per_page = 50
    fields = [
        "clave",
        "tipo",
        "plantilla",
        "para",
        "referencia_tipo",
        "referencia_id",
        "datos",
        "adjuntos",
        "estado",
        "intentos",
        "proximo_intento_en",
        "reclamado_en",
        "enviado_en",
        "error",
        "creado_en",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_reintentar_permission(self, request):
        return request.user.has_perm("sanpedro_gel.reintentar_mensaje")

    @admin.display(description="tipo", ordering="tipo")
    def tipo_legible(self, mensaje):
        return buzon.tipos().get(mensaje.tipo, mensaje.tipo)

    @admin.display(description="último error")
    def error_corto(self, mensaje):
        return Truncator(mensaje.error).chars(80)

    @admin.action(
        description="Reintentar los fallidos seleccionados", permissions=["reintentar"]
    )
    def reintentar(self, request, queryset):
        fallidos = queryset.filter(estado=EstadoMensaje.FALLIDO)
        for pk in fallidos.values_list("pk", flat=True):
            ejecutar_servicio(request, "", buzon.reintentar, mensaje_id=pk)
        self.message_user(request, f"Mensajes devueltos a la bandeja: {len(fallidos)}.")

    @admin.action(
        description="Anular los pendientes seleccionados", permissions=["reintentar"]
    )
    def anular(self, request, queryset):
        anulados = sum(
            buzon.anular(clave=clave, motivo=f"Anulado por {request.user.email}.")
            for clave in queryset.values_list("clave", flat=True)
        )
        self.message_user(request, f"Mensajes anulados: {anulados}.")


@admin.register(EjecucionPeriodica)
class EjecucionPeriodicaAdmin(admin.ModelAdmin):
    """Los trabajos periódicos y su última ejecución: solo lectura."""

    list_display = [
        "nombre",
        "ultima_ok_en",
        "atrasado",
        "fallas_seguidas",
        "ultima_falla_en",
        "error_corto",
    ]
    readonly_fields = [
        "nombre",
        "tarea",
        "vigilado_desde",
        "ultima_ok_en",
        "ultima_falla_en",
        "ultimo_error",
        "fallas_seguidas",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        periodicos.asegurar_filas()
        return super().changelist_view(request, extra_context)

    @admin.display(description="¿atrasado?", boolean=True)
    def atrasado(self, fila):
        return periodicos.atrasada(fila)

    @admin.display(description="último error")
    def error_corto(self, fila):
        return Truncator(fila.ultimo_error).chars(80)


@admin.register(CorridaPeriodica)
class CorridaPeriodicaAdmin(admin.ModelAdmin):
    """Cada ejecución de los trabajos que informan lo que hicieron (las
    depuraciones de datos personales): solo lectura, nunca se borra a mano."""

    list_display = ["nombre", "terminada_en", "resultado"]
    list_filter = ["nombre"]
    date_hierarchy = "terminada_en"
    readonly_fields = ["nombre", "tarea", "terminada_en", "resultado"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
