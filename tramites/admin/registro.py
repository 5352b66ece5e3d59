"""El registro municipal de Industria y Comercio en el admin: contribuyentes,
establecimientos y actividades, con su historial de versiones.

El registro cambia al aprobar inscripciones y novedades (cada versión con su
radicado); en el admin se consulta. Solo un superusuario puede corregirlo a
mano, y esa corrección también queda en el historial con su nombre.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path

from sanpedro_gel.admin_ayudas import HistorialAdmin
from tramites import permisos
from tramites.excepciones import ReclamoRechazado
from tramites.models import (
    ActividadContribuyente,
    Contribuyente,
    Establecimiento,
    TipoTramite,
)
from tramites.services import titularidad
from tramites.services.registro import historial_del_registro


class AsociarForm(forms.Form):
    correo = forms.EmailField(
        label="Correo de la cuenta del titular",
        error_messages={
            "required": "Escriba el correo de la cuenta del titular.",
            "invalid": "Escriba un correo válido.",
        },
    )


def puede_asociar(usuario) -> bool:
    """Hacienda (quien decide las inscripciones) asocia registros a cuentas."""
    return usuario.is_superuser or (
        TipoTramite.INSCRIPCION_ICA in permisos.tramites_que_decide(usuario)
    )


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
                    "titular_cuenta",
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

    def get_readonly_fields(self, request, obj=None):
        # La cuenta del titular cambia con la inscripción, el reclamo con código
        # o «Asociar a una cuenta»: siempre con su versión en el historial.
        return [*super().get_readonly_fields(request, obj), "titular_cuenta"]

    def get_urls(self):
        return [
            path(
                "<int:pk>/asociar/",
                self.admin_site.admin_view(self.asociar_view),
                name="tramites_contribuyente_asociar",
            ),
            *super().get_urls(),
        ]

    def asociar_view(self, request, pk):
        if request.method != "POST" or not puede_asociar(request.user):
            raise PermissionDenied
        contribuyente = get_object_or_404(Contribuyente, pk=pk)
        formulario = AsociarForm(request.POST)
        if not formulario.is_valid():
            for error in formulario.errors["correo"]:
                messages.error(request, error)
        else:
            try:
                titularidad.asociar(
                    contribuyente=contribuyente,
                    correo=formulario.cleaned_data["correo"],
                    actor=request.user,
                )
            except ReclamoRechazado as error:
                messages.error(request, error.mensaje)
            else:
                messages.success(
                    request,
                    f"El registro {contribuyente.matricula} quedó asociado a "
                    f"{formulario.cleaned_data['correo']}.",
                )
        return redirect("admin:tramites_contribuyente_change", contribuyente.pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = dict(extra_context or {})
        contribuyente = self.get_object(request, object_id)
        if contribuyente is not None and self.has_view_permission(
            request, contribuyente
        ):
            extra["versiones"] = historial_del_registro(contribuyente)
            if puede_asociar(request.user):
                extra["asociar_form"] = AsociarForm()
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
