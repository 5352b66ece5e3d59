"""Campañas en el admin, con su línea de tiempo y su efectividad; la firma."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from comunicaciones import estados
from comunicaciones.forms import FirmaAlcaldeForm
from comunicaciones.models import Campana, EstadoCampana, FirmaAlcalde, Pieza
from comunicaciones.services import piezas as servicio
from comunicaciones.services import plan
from comunicaciones.services.resultados import diagnostico_para
from sanpedro_gel.admin_ayudas import (
    ArchivoPrivadoWidget,
    en_hora_de_colombia,
    exigir,
)
from sanpedro_gel.excepciones import ErrorDelPortal

ESTADOS_POR_ACCION = {
    "activar": (EstadoCampana.ACTIVA, "Campaña activa."),
    "finalizar": (EstadoCampana.FINALIZADA, "Campaña finalizada."),
    "cancelar": (
        EstadoCampana.CANCELADA,
        "Campaña cancelada; sus piezas pendientes también.",
    ),
}


class PiezaEnLinea(admin.TabularInline):
    model = Pieza
    fields = ["programada_para", "canal", "enlace_titulo", "estado"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False
    ordering = ["programada_para"]
    verbose_name_plural = "piezas (créelas y edítelas en «Piezas»)"

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="título")
    def enlace_titulo(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:comunicaciones_pieza_change", args=[obj.pk]),
            obj.titulo,
        )


@admin.register(Campana)
class CampanaAdmin(admin.ModelAdmin):
    list_display = [
        "nombre",
        "nivel",
        "fecha_inicio",
        "fecha_fin",
        "estado",
        "responsable",
        "numero_de_piezas",
        "tablero",
    ]
    list_filter = ["nivel", "estado"]
    search_fields = ["nombre", "objetivo"]
    filter_horizontal = ["tramites"]
    readonly_fields = ["estado", "diagnostico"]
    inlines = [PiezaEnLinea]
    change_form_template = "admin/comunicaciones/campana/change_form.html"
    fields = [
        "nivel",
        "nombre",
        "objetivo",
        "tramites",
        "actividades",
        "fecha_inicio",
        "fecha_fin",
        "responsable",
        "estado",
        "diagnostico",
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("responsable")
            .annotate(piezas_total=Count("piezas"))
        )

    def get_changeform_initial_data(self, request):
        return {
            "responsable": request.user.pk,
            **super().get_changeform_initial_data(request),
        }

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "actividades":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description="diagnóstico de canales")
    def diagnostico(self, obj):
        return diagnostico_para(obj.nivel if obj.pk else None)

    @admin.display(description="piezas", ordering="piezas_total")
    def numero_de_piezas(self, obj):
        return obj.piezas_total

    @admin.display(description="")
    def tablero(self, obj):
        return format_html(
            '<a href="{}">Línea de tiempo y efectividad</a>',
            reverse("admin:comunicaciones_campana_tablero", args=[obj.pk]),
        )

    @en_hora_de_colombia
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if object_id:
            campana = self.get_object(request, object_id)
            if campana is not None:
                extra_context["acciones"] = [
                    (accion, EstadoCampana(hacia).label)
                    for accion, (hacia, _) in ESTADOS_POR_ACCION.items()
                    if hacia in estados.CAMPANA.destinos(campana.estado)
                ]
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        vista = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/tablero/",
                vista(self.vista_tablero),
                name="comunicaciones_campana_tablero",
            ),
            path(
                "<int:pk>/estado/<str:accion>/",
                vista(require_POST(self.cambiar_estado)),
                name="comunicaciones_campana_estado",
            ),
            *super().get_urls(),
        ]

    def cambiar_estado(self, request, pk, accion):
        exigir(request, "comunicaciones.change_campana")
        if accion not in ESTADOS_POR_ACCION:
            raise Http404
        hacia, exito = ESTADOS_POR_ACCION[accion]
        try:
            servicio.cambiar_estado_campana(campana_id=pk, hacia=hacia)
        except ErrorDelPortal as error:
            messages.error(request, str(error))
        else:
            messages.success(request, exito)
        return redirect("admin:comunicaciones_campana_change", pk)

    @en_hora_de_colombia
    def vista_tablero(self, request, pk):
        if not request.user.has_perm("comunicaciones.ver_plan"):
            raise PermissionDenied
        campana = get_object_or_404(
            Campana.objects.select_related("responsable").prefetch_related("tramites"),
            pk=pk,
        )
        return render(
            request,
            "admin/comunicaciones/campana/tablero.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": f"{campana.nombre}: línea de tiempo y efectividad",
                "campana": campana,
                "piezas": list(plan.linea_de_tiempo(campana)),
                "efectividad": plan.efectividad(campana),
                "dias_sin_fin": plan.DIAS_SIN_FIN,
                "colores": plan.COLOR_POR_CANAL,
            },
        )


@admin.register(FirmaAlcalde)
class FirmaAlcaldeAdmin(admin.ModelAdmin):
    form = FirmaAlcaldeForm
    list_display = ["nombre", "cargo", "activa", "creado_en"]
    list_filter = ["activa"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "imagen":
            kwargs["widget"] = ArchivoPrivadoWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)
