"""Las actividades 1–9 del plan en el admin y el tablero del plan (página y PDF
para el consejo de gobierno)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from comunicaciones import estados
from comunicaciones.forms import validar_archivo
from comunicaciones.forms.plan import PeriodoForm
from comunicaciones.models import ActividadPlan, EstadoActividad
from comunicaciones.services import tablero as lecturas
from comunicaciones.services.actividades import cambiar_estado_actividad
from sanpedro_gel.admin_ayudas import (
    ArchivoPrivadoWidget,
    ejecutar_servicio,
    en_hora_de_colombia,
    exigir,
)
from sanpedro_gel.pdf import render_pdf

PERMISO_TABLERO = "comunicaciones.ver_plan"

# acción del botón → estado al que lleva
ACCIONES = {
    "iniciar": estados.EN_CURSO,
    "cumplir": estados.CUMPLIDA,
    "reabrir": estados.EN_CURSO,
    "pendiente": estados.PENDIENTE,
}


@admin.register(ActividadPlan)
class ActividadPlanAdmin(admin.ModelAdmin):
    list_display = [
        "numero",
        "nombre",
        "componente",
        "responsable",
        "fecha_inicio",
        "fecha_vence",
        "estado",
        "cumplida_el",
    ]
    list_display_links = ["numero", "nombre"]
    list_filter = ["componente", "estado"]
    readonly_fields = ["numero", "componente", "estado", "cumplida_el"]
    fields = [
        "numero",
        "componente",
        "nombre",
        "responsable",
        ("fecha_inicio", "fecha_vence"),
        "estado",
        "cumplida_el",
        "evidencia",
        "evidencia_archivo",
        "evidencia_enlace",
        "observaciones",
    ]
    change_form_template = "admin/comunicaciones/actividadplan/change_form.html"
    change_list_template = "admin/comunicaciones/actividadplan/change_list.html"
    list_select_related = ["responsable"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        # Son las nueve del plan: se crean con la migración.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "evidencia_archivo":
            kwargs["widget"] = ArchivoPrivadoWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        formulario = super().get_form(request, obj, change=change, **kwargs)

        class ConEvidencia(formulario):
            def clean_evidencia_archivo(self):
                archivo = self.cleaned_data.get("evidencia_archivo")
                if archivo and hasattr(archivo, "content_type"):
                    validar_archivo(archivo)
                return archivo

            def clean(self):
                datos = super().clean()
                inicio, vence = datos.get("fecha_inicio"), datos.get("fecha_vence")
                if inicio and vence and vence < inicio:
                    self.add_error(
                        "fecha_vence", "Debe ser igual o posterior a la de inicio."
                    )
                return datos

        return ConEvidencia

    @en_hora_de_colombia
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if object_id:
            actividad = self.get_object(request, object_id)
            if actividad is not None:
                destinos = estados.ACTIVIDAD.destinos(actividad.estado)
                extra_context["acciones"] = [
                    (accion, EstadoActividad(hacia).label)
                    for accion, hacia in ACCIONES.items()
                    if hacia in destinos
                    and (accion != "reabrir" or actividad.estado == estados.CUMPLIDA)
                    and (accion != "iniciar" or actividad.estado == estados.PENDIENTE)
                ]
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        vista = self.admin_site.admin_view
        return [
            path(
                "tablero/",
                vista(self.vista_tablero),
                name="comunicaciones_actividadplan_tablero",
            ),
            path(
                "tablero.pdf",
                vista(self.vista_tablero_pdf),
                name="comunicaciones_actividadplan_tablero_pdf",
            ),
            path(
                "<int:pk>/estado/<str:accion>/",
                vista(require_POST(self.cambiar_estado)),
                name="comunicaciones_actividadplan_estado",
            ),
            *super().get_urls(),
        ]

    def cambiar_estado(self, request, pk, accion):
        exigir(request, "comunicaciones.change_actividadplan")
        if accion not in ACCIONES:
            raise Http404
        ejecutar_servicio(
            request,
            f"Actividad en «{EstadoActividad(ACCIONES[accion]).label.lower()}».",
            cambiar_estado_actividad,
            actividad_id=pk,
            hacia=ACCIONES[accion],
        )
        return redirect("admin:comunicaciones_actividadplan_change", pk)

    def _contexto(self, request):
        if not request.user.has_perm(PERMISO_TABLERO):
            raise PermissionDenied
        periodo = PeriodoForm(request.GET or None)
        desde, hasta = periodo.periodo()
        return {
            "periodo": periodo,
            "datos": lecturas.tablero(desde=desde, hasta=hasta),
            "puede_editar": request.user.has_perm(
                "comunicaciones.change_actividadplan"
            ),
        }

    @en_hora_de_colombia
    def vista_tablero(self, request):
        contexto = self._contexto(request)
        return render(
            request,
            "admin/comunicaciones/actividadplan/tablero.html",
            {
                **self.admin_site.each_context(request),
                **contexto,
                "opts": self.model._meta,
                "title": "Tablero del plan de comunicaciones",
                "consulta": request.GET.urlencode(),
            },
        )

    @en_hora_de_colombia
    def vista_tablero_pdf(self, request):
        contexto = self._contexto(request)
        datos = contexto["datos"]
        contenido = render_pdf("comunicaciones/pdf/tablero_plan.html", contexto)
        respuesta = HttpResponse(contenido, content_type="application/pdf")
        respuesta["Content-Disposition"] = (
            f'inline; filename="tablero-del-plan-{datos.desde:%Y%m%d}-'
            f'{datos.hasta:%Y%m%d}.pdf"'
        )
        return respuesta
