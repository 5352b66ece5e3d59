"""Suscriptores, bajas, segmentos y textos de consentimiento en el admin."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect, render
from django.urls import path

from comunicaciones.admin.bandeja import correos_de
from comunicaciones.models import (
    Baja,
    OrigenBaja,
    Segmento,
    Suscriptor,
    TextoConsentimiento,
    TipoSuscriptor,
)
from comunicaciones.services import audiencias
from sanpedro_gel.admin_ayudas import exigir


@admin.register(Suscriptor)
class SuscriptorAdmin(admin.ModelAdmin):
    list_display = [
        "nombre",
        "correo",
        "tipo",
        "vereda_barrio",
        "estado",
        "consentimiento",
        "consentimiento_en",
        "confirmado_en",
    ]
    list_filter = ["estado", "tipo", "consentimiento"]
    search_fields = ["nombre", "correo", "vereda_barrio"]
    list_select_related = ["consentimiento"]
    actions = ["dar_de_baja"]
    readonly_fields = [
        "correo",
        "estado",
        "consentimiento",
        "consentimiento_en",
        "correo_de_confirmacion",
        "confirmado_en",
        "dado_de_baja_en",
        "creado_en",
    ]
    fields = ["tipo", "nombre", "vereda_barrio", *readonly_fields]

    def has_add_permission(self, request):
        # Solo la persona se suscribe (en el portal): así queda su consentimiento.
        return False

    @admin.display(description="correo de confirmación")
    def correo_de_confirmacion(self, obj):
        return correos_de(obj, lambda mensaje: "Confirmación")

    def save_model(self, request, obj, form, change):
        obj.vereda_barrio_clave = audiencias.clave_de_texto(obj.vereda_barrio)
        super().save_model(request, obj, form, change)

    @admin.action(description="Dar de baja de los correos masivos")
    def dar_de_baja(self, request, queryset):
        exigir(request, "comunicaciones.change_suscriptor")
        for correo in queryset.values_list("correo", flat=True):
            audiencias.dar_de_baja(correo=correo, origen=OrigenBaja.ADMINISTRACION)
        messages.success(request, "Direcciones dadas de baja.")


class RegistrarBajaForm(forms.Form):
    correo = forms.EmailField(label="Correo electrónico")


@admin.register(Baja)
class BajaAdmin(admin.ModelAdmin):
    list_display = ["correo", "dada_en", "origen", "pieza"]
    list_filter = ["origen"]
    search_fields = ["correo"]
    readonly_fields = ["correo", "dada_en", "origen", "pieza"]
    change_list_template = "admin/comunicaciones/baja/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "registrar/",
                self.admin_site.admin_view(self.registrar),
                name="comunicaciones_baja_registrar",
            ),
            *super().get_urls(),
        ]

    def registrar(self, request):
        """Una persona pidió la baja por teléfono o en ventanilla."""
        exigir(request, "comunicaciones.change_suscriptor")
        form = RegistrarBajaForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            audiencias.dar_de_baja(
                correo=form.cleaned_data["correo"], origen=OrigenBaja.ADMINISTRACION
            )
            messages.success(request, "Baja registrada.")
            return redirect("admin:comunicaciones_baja_changelist")
        return render(
            request,
            "admin/comunicaciones/baja/registrar.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Registrar una baja de correos masivos",
                "form": form,
            },
        )


class SegmentoForm(forms.ModelForm):
    tipos = forms.MultipleChoiceField(
        label="Tipos de suscriptor",
        choices=TipoSuscriptor.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Vacío: ciudadanos y organizaciones.",
    )

    class Meta:
        model = Segmento
        fields = ["nombre", "tipos", "veredas_barrios"]


@admin.register(Segmento)
class SegmentoAdmin(admin.ModelAdmin):
    form = SegmentoForm
    list_display = ["nombre", "veredas_barrios"]
    search_fields = ["nombre"]


@admin.register(TextoConsentimiento)
class TextoConsentimientoAdmin(admin.ModelAdmin):
    list_display = ["version", "vigente_desde"]

    def get_readonly_fields(self, request, obj=None):
        # Un texto ya aceptado por alguien no se cambia: se publica otra versión.
        if obj is not None and obj.suscriptores.exists():
            return ["version", "texto", "vigente_desde"]
        return []

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.suscriptores.exists()
