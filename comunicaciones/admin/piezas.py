"""Piezas y envíos en el admin: programar, probar, seguir el envío y el calendario."""

from datetime import date

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from comunicaciones import estados
from comunicaciones.admin.envios import EnvioResumenMixin
from comunicaciones.excepciones import PiezaIncompleta
from comunicaciones.forms import PiezaAdminForm
from comunicaciones.models import (
    Campana,
    Canal,
    Envio,
    EstadoEnvio,
    Pieza,
    anotaciones_de_conteo,
)
from comunicaciones.services import piezas as servicio
from comunicaciones.services import plan
from comunicaciones.services.afiches import enlaces_para_imprimir
from comunicaciones.services.mensajes import Persona, PlantillaMasiva, renderizar_carta
from comunicaciones.services.resultados import diagnostico_para
from sanpedro_gel.admin_ayudas import (
    ArchivoPrivadoWidget,
    ejecutar_servicio,
    en_hora_de_colombia,
    enlaces_en_pestana_nueva,
    exigir,
    persona_sin_enlace,
)
from sanpedro_gel.excepciones import ErrorDelPortal
from sanpedro_gel.reloj import en_bogota, hoy

PERMISO_PROGRAMAR = "comunicaciones.programar_pieza"

# acción → (servicio, mensaje de éxito, permiso)
ACCIONES = {
    "programar": (
        lambda request, pk: servicio.programar_pieza(pieza_id=pk, usuario=request.user),
        "Pieza programada. El despachador la tomará a su hora (hora de Colombia).",
        PERMISO_PROGRAMAR,
    ),
    "borrador": (
        lambda request, pk: servicio.volver_a_borrador(pieza_id=pk),
        "La pieza volvió a borrador: ya puede editarla.",
        PERMISO_PROGRAMAR,
    ),
    "pausar": (
        lambda request, pk: servicio.pausar_pieza(
            pieza_id=pk, motivo=f"Pausada por {request.user.email}."
        ),
        "Pieza pausada. Lo pendiente espera a que la reanude.",
        PERMISO_PROGRAMAR,
    ),
    "reanudar": (
        lambda request, pk: servicio.reanudar_pieza(pieza_id=pk),
        "Pieza reanudada: los envíos pendientes vuelven a la cola.",
        PERMISO_PROGRAMAR,
    ),
    "reintentar": (
        lambda request, pk: servicio.reintentar_fallidos(pieza_id=pk),
        "Los envíos fallidos volvieron a la cola.",
        PERMISO_PROGRAMAR,
    ),
    "cancelar": (
        lambda request, pk: servicio.cancelar_pieza(pieza_id=pk),
        "Pieza cancelada.",
        PERMISO_PROGRAMAR,
    ),
    "prueba": (
        lambda request, pk: servicio.solicitar_prueba(
            pieza_id=pk, usuario=request.user
        ),
        "Prueba en camino a su correo.",
        "comunicaciones.view_pieza",
    ),
}

# Los campos que solo se editan en borrador: los mismos del formulario.
CAMPOS_DE_CONTENIDO = PiezaAdminForm.Meta.fields


@admin.register(Pieza)
class PiezaAdmin(EnvioResumenMixin, admin.ModelAdmin):
    form = PiezaAdminForm
    list_display = [
        "titulo",
        "canal",
        "col_programada",
        "col_estado",
        "col_envios",
    ]
    list_filter = ["estado", "canal", "campana__nivel", "campana"]
    search_fields = ["titulo", "campana__nombre"]
    list_select_related = ["campana"]
    date_hierarchy = "programada_para"
    filter_horizontal = ["dependencias", "roles"]
    actions = [
        "programar_seleccionadas",
        "reintentar_fallidos",
        "cancelar_seleccionadas",
    ]
    change_form_template = "admin/comunicaciones/pieza/change_form.html"
    change_list_template = "admin/comunicaciones/pieza/change_list.html"
    programada_por_nombre = persona_sin_enlace("programada_por", "programada por")
    readonly_fields = [
        "estado",
        "programada_por_nombre",
        "iniciada_en",
        "terminada_en",
        "motivo_estado",
        "resumen_envios",
        "adjunto_guardado",
        "afiches_para_imprimir",
    ]

    def get_fieldsets(self, request, obj=None):
        adjunto = "adjunto" if obj is None or obj.editable else "adjunto_guardado"
        fieldsets = [
            (
                "Pieza",
                {
                    "fields": [
                        "campana",
                        "canal",
                        "titulo",
                        "cuerpo",
                        "imagen",
                        "texto_alternativo",
                        adjunto,
                        "enlace",
                        "texto_enlace",
                        "etiqueta_origen",
                        "encuesta",
                    ]
                },
            ),
            (
                "Audiencia",
                {
                    "description": "Correo: elija servidores públicos o suscriptores. "
                    "La carta del alcalde y los avisos de intranet van al personal; "
                    "los filtros vacíos no restringen.",
                    "fields": [
                        "destinatarios",
                        "dependencias",
                        "vinculaciones",
                        "roles",
                        "segmento",
                    ],
                },
            ),
            (
                "Programación — hora de Colombia (America/Bogota)",
                {
                    "fields": [
                        "programada_para",
                        "visible_hasta",
                        "responsable",
                        "firma",
                    ]
                },
            ),
        ]
        if obj is not None and obj.canal == Canal.AFICHES:
            fieldsets[0][1]["fields"].append("afiches_para_imprimir")
        if obj is not None:
            fieldsets.append(
                (
                    "Estado",
                    {
                        "fields": [
                            "estado",
                            "programada_por_nombre",
                            "iniciada_en",
                            "terminada_en",
                            "motivo_estado",
                            "resumen_envios",
                        ]
                    },
                )
            )
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        formulario = super().get_form(request, obj, change=change, **kwargs)
        if "canal" in formulario.base_fields:
            # Las piezas se diseñan desde el último diagnóstico de canales.
            nivel = obj.campana.nivel if obj is not None else None
            formulario.base_fields["canal"].help_text = diagnostico_para(nivel)
        return formulario

    def has_change_permission(self, request, obj=None):
        # Solo un borrador se edita; lo demás se ve (y se mueve con los botones).
        return super().has_change_permission(request, obj) and (
            obj is None or obj.editable
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.editable:
            return [*CAMPOS_DE_CONTENIDO, *self.readonly_fields]
        return self.readonly_fields

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "adjunto":
            kwargs["widget"] = ArchivoPrivadoWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(**anotaciones_de_conteo("envios__"))
        )

    def get_changeform_initial_data(self, request):
        inicial = super().get_changeform_initial_data(request)
        inicial.setdefault("responsable", request.user.pk)
        return inicial

    @en_hora_de_colombia
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if object_id:
            pieza = self.get_object(request, object_id)
            if pieza is not None:
                extra_context |= {
                    "pieza": pieza,
                    "acciones": self._acciones_disponibles(request, pieza),
                    "conteos": Envio.objects.filter(pieza=pieza).conteos()
                    if pieza.es_de_correo
                    else None,
                }
        return super().changeform_view(request, object_id, form_url, extra_context)

    @en_hora_de_colombia
    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, extra_context)

    def _acciones_disponibles(self, request, pieza):
        puede = request.user.has_perm(PERMISO_PROGRAMAR)
        disponibles = []

        def agregar(accion, texto, condicion, peligrosa=False):
            if condicion:
                disponibles.append(
                    {"accion": accion, "texto": texto, "peligrosa": peligrosa}
                )

        estado = pieza.estado
        agregar("prueba", "Enviarme una prueba", estado != estados.CANCELADA)
        agregar("programar", "Programar", puede and estado == estados.BORRADOR)
        agregar("borrador", "Volver a borrador", puede and estado == estados.PROGRAMADA)
        agregar(
            "pausar",
            "Pausar",
            puede and estado == estados.EN_CURSO and pieza.es_de_correo,
        )
        agregar("reanudar", "Reanudar", puede and estado == estados.PAUSADA)
        agregar(
            "reintentar",
            "Reintentar fallidos",
            puede
            and pieza.es_de_correo
            and Envio.objects.filter(pieza=pieza, estado=EstadoEnvio.FALLIDO).exists(),
        )
        agregar(
            "cancelar",
            "Cancelar pieza",
            puede and estados.CANCELADA in estados.PIEZA.destinos(estado),
            peligrosa=True,
        )
        return disponibles

    # --- Columnas y campos de solo lectura ------------------------------------------

    @admin.display(description="hora (Colombia)", ordering="programada_para")
    def col_programada(self, obj):
        if obj.programada_para is None:
            return "—"
        return date_format(en_bogota(obj.programada_para), "SHORT_DATETIME_FORMAT")

    @admin.display(description="estado", ordering="estado")
    def col_estado(self, obj):
        return format_html(
            '<span class="estado-pieza estado-{}">{}</span>',
            obj.estado.lower(),
            obj.estado_legible,
        )

    @admin.display(description="envíos")
    def resumen_envios(self, obj):
        if not obj.es_de_correo:
            tarea = getattr(obj, "tarea", None)
            if obj.es_de_seguimiento and tarea is not None:
                return format_html(
                    "Tarea de {} — {}",
                    tarea.responsable,
                    tarea.get_estado_display(),
                )
            return "—"
        conteos = Envio.objects.filter(pieza=obj).conteos()
        url = reverse("admin:comunicaciones_envio_changelist")
        return format_html(
            "Destinatarios: <strong>{}</strong> · Enviados: <strong>{}</strong> · "
            "Fallidos: <strong>{}</strong> · Omitidos: {} · Pendientes: "
            '<strong>{}</strong> · <a href="{}?pieza__id__exact={}">ver envíos</a>',
            conteos["destinatarios"],
            conteos["enviados"],
            conteos["fallidos"],
            conteos["omitidos"],
            conteos["pendientes"],
            url,
            obj.pk,
        )

    @admin.display(description="adjunto")
    def adjunto_guardado(self, obj):
        if not obj.adjunto:
            return "—"
        return obj.adjunto.name.rsplit("/", 1)[-1]

    @admin.display(description="afiches para imprimir")
    def afiches_para_imprimir(self, obj):
        """Un PDF por trámite de la campaña y tamaño, con el QR `?origen=afiche`."""
        tramites = list(obj.campana.tramites.order_by("orden", "nombre"))
        if not tramites:
            return "La campaña no tiene trámites: agréguelos para tener sus afiches."
        filas = []
        for tramite in tramites:
            if tramite.activo:
                enlaces = enlaces_en_pestana_nueva(
                    enlaces_para_imprimir(tramite), separador=" · "
                )
            else:
                enlaces = "trámite inactivo: su afiche se publica cuando se active."
            filas.append((tramite.nombre, enlaces))
        return format_html_join("", "<p><strong>{}</strong>: {}</p>", filas)

    # --- Acciones de la lista --------------------------------------------------------

    @admin.action(description="Programar las piezas seleccionadas")
    def programar_seleccionadas(self, request, queryset):
        self._en_cada_pieza(request, queryset, "programar", "Programada: {}")

    @admin.action(description="Reintentar los envíos fallidos")
    def reintentar_fallidos(self, request, queryset):
        self._en_cada_pieza(request, queryset, "reintentar", "Reintento en cola: {}")

    @admin.action(description="Cancelar las piezas seleccionadas")
    def cancelar_seleccionadas(self, request, queryset):
        self._en_cada_pieza(request, queryset, "cancelar", "Cancelada: {}")

    def _en_cada_pieza(self, request, queryset, accion, exito):
        """La acción de los botones, sobre cada pieza elegida: un mensaje por
        pieza."""
        funcion, _, permiso = ACCIONES[accion]
        exigir(request, permiso)
        for pieza in queryset:
            ejecutar_servicio(
                request,
                exito.format(pieza.titulo),
                funcion,
                request=request,
                pk=pieza.pk,
            )

    # --- Vistas propias ---------------------------------------------------------------

    def get_urls(self):
        vista = self.admin_site.admin_view
        propias = [
            ("calendario/", self.calendario, "calendario"),
            ("<int:pk>/vista-previa/", self.vista_previa, "vista_previa"),
            (
                "<int:pk>/vista-previa/carta.pdf",
                self.vista_previa_carta,
                "vista_previa_carta",
            ),
            ("<int:pk>/accion/<str:accion>/", require_POST(self.accion), "accion"),
        ]
        return [
            path(ruta, vista(funcion), name=f"comunicaciones_pieza_{nombre}")
            for ruta, funcion, nombre in propias
        ] + super().get_urls()

    def accion(self, request, pk, accion):
        if accion not in ACCIONES:
            raise Http404
        funcion, exito, permiso = ACCIONES[accion]
        exigir(request, permiso)
        pieza = get_object_or_404(Pieza, pk=pk)
        try:
            funcion(request, pieza.pk)
        except PiezaIncompleta as error:
            messages.error(request, "No se pudo programar. Falta:")
            for problema in error.errores:
                messages.error(request, problema)
        except ErrorDelPortal as error:
            messages.error(request, str(error))
        else:
            messages.success(request, exito)
        return redirect("admin:comunicaciones_pieza_change", pieza.pk)

    def vista_previa(self, request, pk):
        exigir(request, "comunicaciones.view_pieza")
        pieza = get_object_or_404(
            Pieza.objects.select_related("campana", "firma"), pk=pk
        )
        contexto = {"pieza": pieza, "vista_previa": True}
        if pieza.es_de_correo:
            mensaje = PlantillaMasiva(pieza).mensaje_para(
                Persona.de_usuario(request.user)
            )
            contexto |= {
                "asunto": mensaje.subject,
                "correo_html": mensaje.alternatives[0][0],
                "correo_texto": mensaje.body,
            }
        return render(request, "comunicaciones/vista_previa.html", contexto)

    def vista_previa_carta(self, request, pk):
        exigir(request, "comunicaciones.view_pieza")
        pieza = get_object_or_404(
            Pieza.objects.select_related("firma"), pk=pk, canal=Canal.CARTA_ALCALDE
        )
        contenido = renderizar_carta(pieza, Persona.de_usuario(request.user))
        respuesta = HttpResponse(contenido, content_type="application/pdf")
        respuesta["Content-Disposition"] = 'inline; filename="vista-previa-carta.pdf"'
        return respuesta

    @en_hora_de_colombia
    def calendario(self, request):
        if not request.user.has_perm("comunicaciones.ver_plan"):
            raise PermissionDenied
        try:
            anio, mes = (int(x) for x in request.GET.get("mes", "").split("-"))
            date(anio, mes, 1)
        except ValueError:
            anio, mes = hoy().year, hoy().month
        canal = request.GET.get("canal", "")
        if canal not in Canal.values:
            canal = ""
        try:
            campana_id = int(request.GET.get("campana", ""))
        except ValueError:
            campana_id = None
        anterior, siguiente = plan.mes_anterior_y_siguiente(anio, mes)
        return render(
            request,
            "admin/comunicaciones/pieza/calendario.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Calendario del plan de comunicaciones",
                "semanas": plan.calendario_del_mes(
                    anio, mes, canal=canal, campana_id=campana_id
                ),
                "mes": date(anio, mes, 1),
                "anterior": anterior,
                "siguiente": siguiente,
                "canales": Canal.choices,
                "canal": canal,
                "campanas": Campana.objects.order_by("-fecha_inicio"),
                "campana_id": campana_id,
                "colores": plan.COLOR_POR_CANAL,
                "vencidas": list(plan.tareas_vencidas()[:20]),
                "hoy": hoy(),
            },
        )
