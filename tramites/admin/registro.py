"""El registro municipal de Industria y Comercio en el admin: contribuyentes,
establecimientos y actividades, con su historial de versiones.

El registro cambia al aprobar inscripciones y novedades (cada versión con su
radicado); en el admin se consulta. Solo un superusuario puede corregirlo a
mano, y esa corrección también queda en el historial con su nombre.
"""

from django.contrib import admin

from sanpedro_gel.admin_ayudas import HistorialAdmin
from tramites.models import ActividadContribuyente, Contribuyente, Establecimiento
from tramites.services.registro import historial_del_registro


class SoloSuperusuario:
    """Lectura para los roles; escritura solo para un superusuario."""

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class ActividadInline(SoloSuperusuario, admin.TabularInline):
    model = ActividadContribuyente
    fields = ["actividad", "principal"]
    autocomplete_fields = []
    extra = 0
    verbose_name_plural = "actividades económicas (CIIU)"


class EstablecimientoInline(SoloSuperusuario, admin.StackedInline):
    # Apilado: en una fila de tabla sus siete campos no caben en la pantalla.
    model = Establecimiento
    fields = [
        "nombre_comercial",
        ("direccion", "barrio_vereda"),
        "actividad",
        ("inicio_actividades", "activo", "cerrado_el"),
    ]
    extra = 0
    show_change_link = True


@admin.register(Contribuyente)
class ContribuyenteAdmin(SoloSuperusuario, HistorialAdmin):
    list_display = [
        "matricula",
        "nombre",
        "documento",
        "naturaleza",
        "regimen",
        "estado",
        "inscrito_el",
    ]
    list_filter = ["estado", "regimen", "naturaleza"]
    search_fields = ["=matricula", "numero_documento", "nombre"]
    ordering = ["nombre"]
    inlines = [ActividadInline, EstablecimientoInline]
    # El estado (activo o cancelado) cambia con la novedad de cese de
    # actividades o con la importación del registro, no a mano.
    readonly_fields = ["estado"]
    change_form_template = "admin/tramites/contribuyente/change_form.html"
    fieldsets = [
        (
            "Identificación",
            {
                "fields": [
                    "matricula",
                    ("tipo_documento", "numero_documento", "digito_verificacion"),
                    "naturaleza",
                    "nombre",
                    "regimen",
                    ("estado", "inscrito_el", "cancelado_el"),
                ]
            },
        ),
        (
            "Notificación y contacto",
            {
                "fields": [
                    "direccion_notificacion",
                    ("municipio_notificacion", "departamento_notificacion"),
                    ("telefono", "celular", "correo"),
                    "autoriza_notificacion_electronica",
                ]
            },
        ),
        (
            "Registro mercantil",
            {
                "fields": [
                    ("matricula_mercantil", "fecha_matricula_mercantil"),
                    "camara_comercio",
                ]
            },
        ),
        (
            "Representación legal",
            {
                "fields": [
                    "representante_nombres",
                    ("representante_tipo_documento", "representante_numero_documento"),
                    "representante_correo",
                ]
            },
        ),
    ]

    @admin.display(description="documento", ordering="numero_documento")
    def documento(self, obj):
        dv = f"-{obj.digito_verificacion}" if obj.digito_verificacion else ""
        return f"{obj.get_tipo_documento_display()} {obj.numero_documento}{dv}"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = dict(extra_context or {})
        contribuyente = self.get_object(request, object_id)
        if contribuyente is not None and self.has_view_permission(
            request, contribuyente
        ):
            extra["versiones"] = historial_del_registro(contribuyente)
        return super().change_view(request, object_id, form_url, extra)


@admin.register(Establecimiento)
class EstablecimientoAdmin(SoloSuperusuario, HistorialAdmin):
    list_display = [
        "nombre_comercial",
        "matricula",
        "direccion",
        "barrio_vereda",
        "actividad",
        "activo",
    ]
    list_filter = ["activo", "zona", "actividad__permite_ampliacion_horario"]
    search_fields = [
        "nombre_comercial",
        "direccion",
        "=contribuyente__matricula",
        "contribuyente__nombre",
    ]
    list_select_related = ["contribuyente", "actividad"]
    raw_id_fields = ["contribuyente"]

    @admin.display(description="matrícula ICA", ordering="contribuyente__matricula")
    def matricula(self, obj):
        return obj.contribuyente.matricula


@admin.register(ActividadContribuyente)
class ActividadContribuyenteAdmin(SoloSuperusuario, HistorialAdmin):
    list_display = ["actividad", "contribuyente", "principal"]
    list_filter = ["principal"]
    search_fields = ["=actividad__codigo", "=contribuyente__matricula"]
    list_select_related = ["contribuyente", "actividad"]
    raw_id_fields = ["contribuyente"]
