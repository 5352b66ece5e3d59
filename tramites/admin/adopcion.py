"""La adopción en el admin: Hacienda y Gobierno anotan lo que recibió la
ventanilla cada mes; el Líder GEL fija la meta de cada trámite y ve la parte
que se radica en línea."""

import re
from datetime import date

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.html import format_html

from sanpedro_gel.reloj import hoy
from tramites.models import MetaAdopcion, RadicacionesVentanilla, Tramite
from tramites.permisos import tramites_que_decide, tramites_que_ve
from tramites.services import adopcion

_MES = re.compile(r"^\s*(\d{1,2})\s*[/\-.]\s*(\d{4})\s*$")
_MES_ISO = re.compile(r"^\s*(\d{4})\s*-\s*(\d{1,2})\s*$")


def leer_mes(texto: str) -> date:
    """«03/2026», «3-2026» o «2026-03» → 1 de marzo de 2026."""
    if m := _MES.match(texto or ""):
        mes, anio = int(m.group(1)), int(m.group(2))
    elif m := _MES_ISO.match(texto or ""):
        anio, mes = int(m.group(1)), int(m.group(2))
    else:
        raise ValidationError("Escriba el mes como mm/aaaa, por ejemplo 03/2026.")
    if not 1 <= mes <= 12:
        raise ValidationError("El mes debe estar entre 01 y 12.")
    if not 2000 <= anio <= 2100:
        raise ValidationError("Revise el año: escríbalo con cuatro cifras.")
    return date(anio, mes, 1)


class VentanillaForm(forms.ModelForm):
    mes = forms.CharField(
        label="mes",
        max_length=7,
        help_text="mm/aaaa, por ejemplo 03/2026.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 8}),
    )

    class Meta:
        model = RadicacionesVentanilla
        fields = ["tramite", "mes", "cantidad", "observaciones"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.mes:
            self.initial["mes"] = f"{self.instance.mes:%m/%Y}"

    def clean_mes(self):
        mes = leer_mes(self.cleaned_data.get("mes"))
        if mes > hoy().replace(day=1):
            raise ValidationError("El mes no puede ser posterior al actual.")
        return mes

    def clean(self):
        datos = super().clean()
        tramite, mes = datos.get("tramite"), datos.get("mes")
        if (
            tramite
            and mes
            and RadicacionesVentanilla.objects.filter(tramite=tramite, mes=mes)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error(
                "mes",
                f"Ya hay un conteo de «{tramite}» para {adopcion.nombre_del_mes(mes)}: "
                "corríjalo en la lista en vez de crear otro.",
            )
        return datos

    def validate_unique(self):
        # `clean` ya lo comprobó con un mensaje claro; la restricción única de
        # la base queda de respaldo.
        pass


@admin.register(RadicacionesVentanilla)
class RadicacionesVentanillaAdmin(admin.ModelAdmin):
    form = VentanillaForm
    list_display = [
        "tramite",
        "col_mes",
        "cantidad",
        "registrado_por",
        "actualizado_en",
    ]
    list_filter = ["tramite"]
    list_select_related = ["tramite", "registrado_por"]
    change_list_template = "admin/tramites/radicacionesventanilla/change_list.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(tramite__tipo__in=tramites_que_ve(request.user))
        )

    def _decide(self, request, obj) -> bool:
        return obj is None or obj.tramite.tipo in tramites_que_decide(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._decide(
            request, obj
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "tramite":
            kwargs["queryset"] = Tramite.objects.filter(
                tipo__in=tramites_que_decide(request.user)
            ).order_by("orden", "nombre")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        obj.registrado_por = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="mes", ordering="mes")
    def col_mes(self, obj):
        return adopcion.nombre_del_mes(obj.mes)

    def get_urls(self):
        return [
            path(
                "adopcion/",
                self.admin_site.admin_view(self.vista_adopcion),
                name="tramites_radicacionesventanilla_adopcion",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "url_adopcion": reverse("admin:tramites_radicacionesventanilla_adopcion"),
        }
        return super().changelist_view(request, extra_context)

    def vista_adopcion(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        hasta = hoy()
        try:
            meses = max(1, min(24, int(request.GET.get("meses", 6))))
        except ValueError:
            meses = 6
        desde = adopcion.meses_atras(hasta, meses)
        visibles = tramites_que_ve(request.user)
        filas = [
            f
            for f in adopcion.adopcion(desde=desde, hasta=hasta)
            if f.tramite.tipo in visibles
        ]
        return render(
            request,
            "admin/tramites/radicacionesventanilla/adopcion.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Adopción: la parte de las solicitudes que llega en línea",
                "filas": filas,
                "meses": meses,
                "puede_fijar_meta": request.user.has_perm(
                    "tramites.change_metaadopcion"
                ),
            },
        )


@admin.register(MetaAdopcion)
class MetaAdopcionAdmin(admin.ModelAdmin):
    list_display = ["tramite", "col_porcentaje", "actualizada_por", "actualizada_en"]
    fields = ["tramite", "porcentaje"]
    list_select_related = ["tramite", "actualizada_por"]

    def save_model(self, request, obj, form, change):
        obj.actualizada_por = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="meta", ordering="porcentaje")
    def col_porcentaje(self, obj):
        return format_html("{} %", obj.porcentaje)
