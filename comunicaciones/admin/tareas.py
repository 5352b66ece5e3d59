"""Tareas de difusión en el admin: seguimiento y vencidas para el Líder GEL.

Se cierran con evidencia en la intranet (/intranet/tareas/), donde el
responsable sube el archivo o el enlace; aquí se ven, se filtran y se reasignan.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from comunicaciones.admin.bandeja import correos_de
from comunicaciones.models import EstadoTarea, TareaDifusion
from comunicaciones.services.tareas import PREVIO
from sanpedro_gel.admin_ayudas import persona_sin_enlace
from sanpedro_gel.reloj import hoy, inicio_del_dia


class VencidaFiltro(admin.SimpleListFilter):
    title = "vencimiento"
    parameter_name = "vencida"

    def lookups(self, request, model_admin):
        return [("si", "Vencidas sin evidencia"), ("no", "Al día")]

    def queryset(self, request, queryset):
        if self.value() == "si":
            return queryset.vencidas()
        if self.value() == "no":
            return queryset.exclude(
                estado=EstadoTarea.PENDIENTE, vence_en__lt=inicio_del_dia(hoy())
            )
        return queryset


@admin.register(TareaDifusion)
class TareaDifusionAdmin(admin.ModelAdmin):
    list_display = [
        "titulo",
        "canal",
        "campana",
        "responsable",
        "vence_en",
        "estado",
        "col_vencida",
        "realizada_el",
        "col_evidencia",
    ]
    list_filter = [VencidaFiltro, "estado", "pieza__canal", "responsable"]
    search_fields = ["pieza__titulo", "pieza__campana__nombre"]
    list_select_related = ["pieza__campana", "responsable"]
    date_hierarchy = "vence_en"
    cerrada_por_nombre = persona_sin_enlace("cerrada_por", "cerrada por")
    fields = [
        "pieza",
        "responsable",
        "estado",
        "vence_en",
        "recordatorios",
        "realizada_el",
        "col_evidencia",
        "observaciones",
        "cerrada_en",
        "cerrada_por_nombre",
    ]
    readonly_fields = [f for f in fields if f != "responsable"]

    def has_add_permission(self, request):
        # Las crea programar una pieza con seguimiento.
        return False

    @admin.display(description="pieza", ordering="pieza__titulo")
    def titulo(self, obj):
        return obj.pieza.titulo

    @admin.display(description="canal", ordering="pieza__canal")
    def canal(self, obj):
        return obj.pieza.get_canal_display()

    @admin.display(description="campaña")
    def campana(self, obj):
        return obj.pieza.campana

    @admin.display(description="recordatorios")
    def recordatorios(self, obj):
        return correos_de(
            obj,
            lambda mensaje: (
                "Día anterior" if mensaje.datos.get("tipo") == PREVIO else "Mismo día"
            ),
        )

    @admin.display(description="¿vencida?", boolean=True)
    def col_vencida(self, obj):
        return obj.vencida

    @admin.display(description="evidencia")
    def col_evidencia(self, obj):
        if obj.estado == EstadoTarea.PENDIENTE:
            return format_html(
                '<a href="{}">Registrar evidencia</a>',
                reverse("comunicaciones:cerrar_tarea", args=[obj.pk]),
            )
        partes = []
        if obj.evidencia_archivo:
            partes.append(
                format_html(
                    '<a href="{}">archivo</a>',
                    reverse("comunicaciones:evidencia", args=[obj.pk]),
                )
            )
        if obj.evidencia_enlace:
            partes.append(
                format_html(
                    '<a href="{}" rel="noopener noreferrer">enlace</a>',
                    obj.evidencia_enlace,
                )
            )
        return format_html(" · ".join(["{}"] * len(partes)), *partes) if partes else "—"
