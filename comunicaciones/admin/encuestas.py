"""La encuesta de comunicaciones en el admin: armarla (preguntas y opciones en
una sola página) y ver sus resultados."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.html import format_html

from comunicaciones.forms.encuestas import (
    EncuestaAdminForm,
    PreguntaAdminForm,
    validar_rankings,
)
from comunicaciones.models import Encuesta, Pregunta
from comunicaciones.services import encuestas as servicio
from comunicaciones.services import resultados as lecturas
from sanpedro_gel.admin_ayudas import en_hora_de_colombia
from sanpedro_gel.excepciones import ErrorDelPortal


class PreguntasFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        validar_rankings(f for f in self.forms if hasattr(f, "cleaned_data"))


class PreguntaEnLinea(admin.StackedInline):
    model = Pregunta
    form = PreguntaAdminForm
    formset = PreguntasFormSet
    extra = 1
    fields = [
        ("orden", "tipo", "obligatoria", "ranking_de"),
        "texto",
        "ayuda",
        "opciones_texto",
    ]
    ordering = ["orden", "pk"]

    def _bloqueada(self, obj) -> bool:
        return obj is not None and servicio.tiene_respuestas(obj)

    # Con respuestas recibidas las preguntas ya no cambian: las respuestas
    # apuntan a ellas y a sus opciones.
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not self._bloqueada(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._bloqueada(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._bloqueada(obj)

    def get_fields(self, request, obj=None):
        if self._bloqueada(obj):
            return [
                ("orden", "tipo", "obligatoria", "ranking_de"),
                "texto",
                "ayuda",
                "lista_de_opciones",
            ]
        return self.fields

    def get_readonly_fields(self, request, obj=None):
        return ["lista_de_opciones"] if self._bloqueada(obj) else []

    @admin.display(description="opciones")
    def lista_de_opciones(self, obj):
        return "; ".join(o.texto for o in obj.opciones.all()) or "—"


@admin.register(Encuesta)
class EncuestaAdmin(admin.ModelAdmin):
    form = EncuestaAdminForm
    inlines = [PreguntaEnLinea]
    list_display = [
        "titulo",
        "audiencia",
        "anonima",
        "abre_en",
        "cierra_en",
        "numero_de_respuestas",
        "enlaces",
    ]
    list_filter = ["audiencia", "anonima"]
    search_fields = ["titulo"]
    prepopulated_fields = {"slug": ["titulo"]}
    fieldsets = [
        (None, {"fields": ["titulo", "slug", "audiencia", "anonima"]}),
        (
            "Lo que ve quien responde",
            {
                "fields": [
                    "introduccion",
                    "pregunta_zona",
                    "pregunta_edad",
                    "pide_datos_personales",
                    "aviso_datos",
                ]
            },
        ),
        (
            "Fechas — hora de Colombia (America/Bogota)",
            {"fields": ["abre_en", "cierra_en"]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(respuestas_total=Count("respuestas"))
        )

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if obj is None else {}

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # El público y el anonimato se eligen al crearla; con respuestas, el
        # aviso que aceptaron queda fijo.
        fijos = ["audiencia", "anonima", "slug"]
        if servicio.tiene_respuestas(obj):
            fijos += ["aviso_datos", "pregunta_zona", "pregunta_edad"]
        return fijos

    def save_model(self, request, obj, form, change):
        if not change:
            obj.creada_por = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is not Pregunta:
            return
        for formulario in formset.forms:
            pregunta = formulario.instance
            if (
                not hasattr(formulario, "cleaned_data")
                or formulario.cleaned_data.get("DELETE")
                or pregunta.pk is None
            ):
                continue
            try:
                servicio.fijar_opciones(
                    pregunta=pregunta,
                    textos=formulario.cleaned_data.get("opciones_texto") or [],
                )
            except ErrorDelPortal as error:
                messages.error(request, str(error))

    @en_hora_de_colombia
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return super().changeform_view(request, object_id, form_url, extra_context)

    @admin.display(description="respuestas", ordering="respuestas_total")
    def numero_de_respuestas(self, obj):
        return obj.respuestas_total

    @admin.display(description="")
    def enlaces(self, obj):
        resultados = reverse("admin:comunicaciones_encuesta_resultados", args=[obj.pk])
        if obj.es_interna:
            return format_html('<a href="{}">Resultados</a>', resultados)
        return format_html(
            '<a href="{}">Resultados</a> · <a href="{}">Página pública</a>',
            resultados,
            obj.get_absolute_url(),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/resultados/",
                self.admin_site.admin_view(self.vista_resultados),
                name="comunicaciones_encuesta_resultados",
            ),
            *super().get_urls(),
        ]

    @en_hora_de_colombia
    def vista_resultados(self, request, pk):
        if not request.user.has_perm("comunicaciones.ver_resultados"):
            raise PermissionDenied
        encuesta = get_object_or_404(Encuesta, pk=pk)
        filtros = lecturas.filtros_validos(encuesta, request.GET)
        datos = lecturas.resultados(encuesta, filtros)
        formato = request.GET.get("formato")
        if formato in {"csv", "xlsx"}:
            contenido, tipo = (
                (lecturas.exportar_csv(datos), "text/csv; charset=utf-8")
                if formato == "csv"
                else (
                    lecturas.exportar_xlsx(datos),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                )
            )
            respuesta = HttpResponse(contenido, content_type=tipo)
            respuesta["Content-Disposition"] = (
                f'attachment; filename="resultados-{encuesta.slug}.{formato}"'
            )
            return respuesta
        consulta = request.GET.copy()
        consulta.pop("formato", None)
        return render(
            request,
            "admin/comunicaciones/encuesta/resultados.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": f"Resultados: {encuesta.titulo}",
                "encuesta": encuesta,
                "datos": datos,
                "consulta": consulta.urlencode(),
                "minimo": lecturas.MINIMO_ANONIMO,
                **lecturas.opciones_de_filtro(encuesta),
            },
        )
