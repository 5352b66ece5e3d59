"""Admin del catálogo: fichas SUIT con normas y requisitos, actividades CIIU (con
importación CSV), días no hábiles locales y avisos de privacidad.

Lo editan el Administrador web y el Líder GEL (tramites/roles.py).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect, render
from django.urls import path, reverse

from sanpedro_gel.admin_ayudas import enlaces_en_pestana_nueva
from sanpedro_gel.hojas import HojaIlegible
from sanpedro_gel.registros import Registro
from tramites.models import (
    ActividadCIIU,
    AvisoPrivacidad,
    DiaNoHabil,
    Norma,
    Requisito,
    Solicitud,
    Tramite,
)
from tramites.services.importacion import importar_ciiu, leer_csv


class NormaInline(admin.TabularInline):
    model = Norma
    extra = 0
    fields = ["orden", "nombre", "articulos", "url"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class RequisitoInline(admin.StackedInline):
    model = Requisito
    extra = 0
    fields = [
        ("orden", "nombre"),
        "descripcion",
        ("condicion", "tipo_novedad"),
        ("obligatorio", "se_adjunta", "activo"),
    ]


@admin.register(Tramite)
class TramiteAdmin(admin.ModelAdmin):
    list_display = [
        "nombre",
        "dependencia",
        "plazo_dias_habiles",
        "costo",
        "activo",
        "orden",
    ]
    list_editable = ["activo", "orden"]
    search_fields = ["nombre", "codigo_suit"]
    prepopulated_fields = {"slug": ["nombre"]}
    inlines = [NormaInline, RequisitoInline]
    fieldsets = [
        (
            "Identificación",
            {
                "fields": [
                    "tipo",
                    "nombre",
                    "slug",
                    ("nombre_estandarizado", "codigo_suit"),
                    "dependencia",
                    ("activo", "orden"),
                ]
            },
        ),
        (
            "Ficha SUIT",
            {
                "fields": [
                    "proposito",
                    "dirigido_a",
                    "pasos",
                    "donde_y_cuando",
                    "costo",
                    "resultado",
                    "medio_seguimiento",
                    "recomendaciones",
                ]
            },
        ),
        (
            "Términos",
            {
                "fields": [
                    "plazo_dias_habiles",
                    "anticipacion_dias_habiles",
                    "meses_para_subsanar",
                ],
                "description": "Los términos se cuentan en días hábiles desde el día "
                "siguiente a la radicación, sin sábados, domingos, festivos ni los "
                "días no hábiles locales.",
            },
        ),
        (
            "Tabla de retención documental",
            {
                "fields": [
                    ("anios_archivo_gestion", "anios_archivo_central"),
                    "disposicion_final",
                ],
                "description": "Cuánto se guarda el expediente de cada solicitud "
                "decidida (Ley 594 de 2000). Al cumplirse, el expediente pasa a la "
                "lista de disposición final para que un funcionario apruebe su "
                "eliminación o transferencia.",
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        # El tipo une la ficha con su formulario y su serie de radicados.
        return ["tipo", "afiches_para_imprimir"] if obj else []

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.fieldsets
        identificacion, ficha, *resto = self.fieldsets
        campos = [*identificacion[1]["fields"], "afiches_para_imprimir"]
        return [
            (identificacion[0], {**identificacion[1], "fields": campos}),
            ficha,
            *resto,
        ]

    @admin.display(description="afiches para imprimir")
    def afiches_para_imprimir(self, obj):
        if not obj.activo:
            return "Trámite inactivo: su afiche se publica cuando se active."
        enlaces = [e for fuente in _ENLACES_DE_LA_FICHA for e in fuente(obj)]
        if not enlaces:
            return "—"
        return enlaces_en_pestana_nueva(enlaces)


# Los afiches son del plan de comunicaciones, que está encima de los trámites:
# comunicaciones registra aquí, desde su AppConfig.ready(), la función que da
# los enlaces [(etiqueta, ruta)] de un trámite. El catálogo no la importa.
_ENLACES_DE_LA_FICHA = Registro()
registrar_enlaces_de_la_ficha = _ENLACES_DE_LA_FICHA.registrar


class ImportarCSVForm(forms.Form):
    archivo = forms.FileField(
        label="Archivo CSV",
        help_text="Columnas: codigo, descripcion y, opcionales, seccion, "
        "permite_ampliacion_horario (sí/no) y activa (sí/no). Sirve el CSV que "
        "guarda Excel (separado por punto y coma o por comas, UTF-8 o no).",
    )


@admin.register(ActividadCIIU)
class ActividadCIIUAdmin(admin.ModelAdmin):
    list_display = [
        "codigo",
        "descripcion",
        "seccion",
        "permite_ampliacion_horario",
        "activa",
    ]
    list_editable = ["permite_ampliacion_horario", "activa"]
    list_filter = ["permite_ampliacion_horario", "activa", "seccion"]
    search_fields = ["codigo", "descripcion"]
    list_per_page = 100
    change_list_template = "admin/tramites/actividadciiu/change_list.html"

    def get_urls(self):
        return [
            path(
                "importar/",
                self.admin_site.admin_view(self.importar),
                name="tramites_actividadciiu_importar",
            ),
            *super().get_urls(),
        ]

    def importar(self, request):
        if not (
            self.has_add_permission(request) and self.has_change_permission(request)
        ):
            raise PermissionDenied
        formulario = ImportarCSVForm(request.POST or None, request.FILES or None)
        filas = None
        if request.method == "POST" and formulario.is_valid():
            try:
                filas = leer_csv(formulario.cleaned_data["archivo"].read())
            except HojaIlegible as error:
                formulario.add_error("archivo", str(error))
        if filas is not None:
            resultado = importar_ciiu(filas)
            messages.success(request, f"Actividades CIIU: {resultado.resumen()}")
            for linea, mensaje in resultado.errores[:50]:
                messages.warning(request, f"Línea {linea}: {mensaje}")
            return redirect(reverse("admin:tramites_actividadciiu_changelist"))
        return render(
            request,
            "admin/tramites/actividadciiu/importar.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Importar actividades CIIU",
                "formulario": formulario,
            },
        )


@admin.register(DiaNoHabil)
class DiaNoHabilAdmin(admin.ModelAdmin):
    list_display = ["fecha", "motivo"]
    date_hierarchy = "fecha"
    search_fields = ["motivo"]


@admin.register(AvisoPrivacidad)
class AvisoPrivacidadAdmin(admin.ModelAdmin):
    list_display = ["version", "tramite", "vigente_desde", "aceptaciones"]
    list_filter = ["tramite"]
    fields = ["tramite", "version", "vigente_desde", "texto"]

    @admin.display(description="solicitudes que lo aceptaron")
    def aceptaciones(self, obj):
        return Solicitud.objects.filter(aviso_privacidad=obj).count()

    def _usado(self, obj) -> bool:
        return (
            obj is not None and Solicitud.objects.filter(aviso_privacidad=obj).exists()
        )

    def get_readonly_fields(self, request, obj=None):
        # Un aviso que alguien ya aceptó es prueba: no se reescribe. Para
        # cambiarlo se publica una versión nueva.
        if self._usado(obj):
            return ["tramite", "version", "vigente_desde", "texto"]
        return []

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._usado(obj)
