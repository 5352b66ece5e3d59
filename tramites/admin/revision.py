"""Mesa de revisión en el admin: la bandeja, el detalle de cada solicitud y sus
botones, la exportación y el tablero del Líder GEL.

Quién ve y quién decide lo dice `tramites.permisos`; cada URL lo comprueba (un
botón oculto no es una regla). El formulario del admin no edita nada: cada
botón lleva a su formulario y llama a un servicio.
"""

from datetime import timedelta

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from sanpedro_gel import peticiones
from tramites import calendario, permisos
from tramites.admin import acciones, forms
from tramites.models import (
    Calificacion,
    Estado,
    ExportacionBandeja,
    FormatoExportacion,
    Solicitud,
    TipoTramite,
    Tramite,
)
from tramites.services import bandeja, tablero
from tramites.services.bandeja import Reloj

# --- Filtros de la bandeja -------------------------------------------------------


class EstadoFiltro(admin.SimpleListFilter):
    """Por defecto, lo pendiente: la bandeja es el trabajo por hacer, y las
    decididas (la mayoría, con vencimientos viejos) no deben taparlo."""

    title = "estado"
    parameter_name = "estado"
    TODAS = "todas"

    def lookups(self, request, model_admin):
        return [(e.value, e.label) for e in Estado if e != Estado.BORRADOR]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "Pendientes (sin decidir)",
        }
        yield {
            "selected": self.value() == self.TODAS,
            "query_string": changelist.get_query_string(
                {self.parameter_name: self.TODAS}
            ),
            "display": "Todas",
        }
        for valor, etiqueta in self.lookup_choices:
            yield {
                "selected": self.value() == valor,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: valor}
                ),
                "display": etiqueta,
            }

    def queryset(self, request, queryset):
        valor = self.value()
        if valor is None:
            return queryset.filter(estado__in=bandeja.PENDIENTES)
        if valor == self.TODAS:
            return queryset
        return queryset.filter(estado=valor)


class TramiteFiltro(admin.SimpleListFilter):
    title = "trámite"
    parameter_name = "tramite"

    def lookups(self, request, model_admin):
        visibles = permisos.tramites_que_ve(request.user)
        return [(t.value, t.label) for t in TipoTramite if t in visibles]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tramite__tipo=self.value())
        return queryset


class VencimientoFiltro(admin.SimpleListFilter):
    title = "vencimiento"
    parameter_name = "vence"

    def lookups(self, request, model_admin):
        return [
            ("vencidas", "Vencidas"),
            ("hoy", "Vencen hoy"),
            ("3", f"En {bandeja.DIAS_POR_VENCER} días hábiles o menos"),
            ("10", "En 10 días hábiles o menos"),
            ("suspendidas", "Término suspendido (esperan al ciudadano)"),
        ]

    def queryset(self, request, queryset):
        valor = self.value()
        if not valor:
            return queryset
        if valor == "suspendidas":
            return queryset.filter(estado=Estado.REQUIERE_SUBSANACION)
        hoy = timezone.localdate()
        activas = queryset.filter(estado__in=bandeja.ACTIVOS)
        if valor == "vencidas":
            return activas.filter(vence_el__lt=hoy)
        if valor == "hoy":
            return activas.filter(vence_el=hoy)
        if valor in ("3", "10"):
            limite = calendario.sumar_dias_habiles(hoy, int(valor))
            return activas.filter(vence_el__gte=hoy, vence_el__lte=limite)
        return queryset


class AsignadoFiltro(admin.SimpleListFilter):
    title = "asignada a"
    parameter_name = "asignada"

    def lookups(self, request, model_admin):
        visibles = permisos.tramites_que_ve(request.user)
        opciones = [("mias", "A mí"), ("nadie", "Sin asignar")]
        opciones += [
            (str(u.pk), u.get_full_name() or u.email)
            for u in permisos.revisores(de_tramites=visibles)
            if u.pk != request.user.pk
        ]
        return opciones

    def queryset(self, request, queryset):
        valor = self.value()
        if valor == "mias":
            return queryset.filter(asignado_a=request.user)
        if valor == "nadie":
            return queryset.filter(asignado_a__isnull=True)
        if valor:
            return queryset.filter(asignado_a_id=peticiones.id_de(valor) or 0)
        return queryset


# --- La bandeja ---------------------------------------------------------------------


class BandejaChangeList(ChangeList):
    """Calcula el plazo de las filas de la página con una sola consulta de días
    no hábiles (el admin es compartido entre hilos: nada se guarda en él)."""

    def get_results(self, request):
        super().get_results(request)
        reloj = Reloj.de_hoy()
        for solicitud in self.result_list:
            solicitud.plazo_bandeja = reloj.plazo(solicitud)


@admin.register(Solicitud)
class SolicitudAdmin(admin.ModelAdmin):
    # Lo que decide el orden de trabajo (vencimiento y plazo) va primero: en una
    # pantalla angosta lo demás puede quedar a la derecha.
    list_display = [
        "radicado",
        "columna_vence",
        "columna_plazo",
        "columna_estado",
        "columna_solicitante",
        "columna_tramite",
        "columna_asignada",
        "columna_radicada",
    ]
    list_display_links = ["radicado"]
    list_filter = [EstadoFiltro, TramiteFiltro, VencimientoFiltro, AsignadoFiltro]
    list_select_related = ["tramite", "asignado_a"]
    search_fields = ["radicado"]  # la búsqueda real está en get_search_results
    search_help_text = (
        "Busque por radicado (ICA-2026-000123), número de documento o nombre."
    )
    ordering = [F("vence_el").asc(nulls_last=True), "pk"]
    list_per_page = 50
    show_full_result_count = False
    actions = None

    class Media:
        css = {"all": ["css/mesa_revision.css"]}

    # Permisos: solo tramites.permisos decide.

    def has_module_permission(self, request):
        return bool(permisos.tramites_que_ve(request.user))

    def has_view_permission(self, request, obj=None):
        visibles = permisos.tramites_que_ve(request.user)
        if obj is not None:
            return obj.estado != Estado.BORRADOR and obj.tramite.tipo in visibles
        return bool(visibles)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # El estado solo cambia con los botones; el formulario no edita nada.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # Los ids de los trámites del rol (tabla de tres filas) en vez de unir con
        # ella: así PostgreSQL usa los índices de la solicitud. `datos` (el JSON
        # del formulario, que pesa) no hace falta en la lista ni en la exportación.
        tramites = list(
            Tramite.objects.filter(
                tipo__in=permisos.tramites_que_ve(request.user)
            ).values_list("pk", flat=True)
        )
        return (
            super()
            .get_queryset(request)
            .exclude(estado=Estado.BORRADOR)
            .filter(tramite_id__in=tramites)
            .defer("datos")
        )

    def get_search_results(self, request, queryset, search_term):
        condicion = bandeja.filtro_de_busqueda(search_term)
        if condicion is None:
            return queryset, False
        return queryset.filter(condicion), False

    def get_changelist(self, request, **kwargs):
        return BandejaChangeList

    # Columnas.

    @admin.display(description="trámite", ordering="tramite__nombre")
    def columna_tramite(self, obj):
        return {
            TipoTramite.INSCRIPCION_ICA: "Inscripción",
            TipoTramite.NOVEDAD_ICA: "Novedad",
            TipoTramite.AMPLIACION_HORARIO: "Horario",
        }.get(obj.tramite.tipo, obj.tramite.nombre)

    @admin.display(description="solicitante", ordering="nombre_solicitante")
    def columna_solicitante(self, obj):
        return format_html(
            "{}<br><small>{}</small>", obj.nombre_solicitante, obj.documento
        )

    @admin.display(description="estado", ordering="estado")
    def columna_estado(self, obj):
        return format_html(
            '<span class="estado estado-{}">{}</span>',
            obj.estado.lower(),
            obj.get_estado_display(),
        )

    @admin.display(description="radicada", ordering="radicado_en")
    def columna_radicada(self, obj):
        return timezone.localtime(obj.radicado_en).strftime("%d/%m/%Y")

    @admin.display(description="vence el", ordering="vence_el")
    def columna_vence(self, obj):
        return obj.vence_el.strftime("%d/%m/%Y") if obj.vence_el else "—"

    @admin.display(description="días háb.")
    def columna_plazo(self, obj):
        plazo = getattr(obj, "plazo_bandeja", None) or Reloj.de_hoy().plazo(obj)
        if not plazo.clase:
            return plazo.texto
        return format_html('<span class="{}">{}</span>', plazo.clase, plazo.texto)

    @admin.display(description="asignada a", ordering="asignado_a__first_name")
    def columna_asignada(self, obj):
        if obj.asignado_a is None:
            return format_html('<span class="sin-asignar">{}</span>', "Sin asignar")
        return obj.asignado_a.get_full_name() or obj.asignado_a.email

    def changelist_view(self, request, extra_context=None):
        consulta = request.GET.urlencode()
        sufijo = f"?{consulta}" if consulta else ""
        extra = {
            "title": "Mesa de revisión",
            "subtitle": None,
            # La bandeja es la pantalla de trabajo del revisor: sus ocho columnas
            # y el filtro no caben a 1280 px junto al menú lateral del admin. Se
            # vuelve al resto del admin por las migas de pan y el inicio.
            "is_nav_sidebar_enabled": False,
            "url_csv": reverse("admin:tramites_solicitud_exportar", args=["csv"])
            + sufijo,
            "url_xlsx": reverse("admin:tramites_solicitud_exportar", args=["xlsx"])
            + sufijo,
            "url_tablero": reverse("admin:tramites_solicitud_tablero")
            if request.user.has_perm(permisos.PERMISO_LECTURA_TOTAL)
            else None,
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context=extra)

    # URLs propias: detalle, botones, exportación y tablero.

    def get_urls(self):
        envolver = self.admin_site.admin_view
        propias = [
            path(
                "exportar/<str:formato>/",
                envolver(self.exportar_view),
                name="tramites_solicitud_exportar",
            ),
            path(
                "tablero/",
                envolver(self.tablero_view),
                name="tramites_solicitud_tablero",
            ),
        ]
        for nombre, vista in acciones.VISTAS.items():
            propias.append(
                path(
                    f"<int:pk>/{nombre}/",
                    envolver(self._accion(vista)),
                    name=f"tramites_solicitud_{nombre.replace('-', '_')}",
                )
            )
        return propias + super().get_urls()

    def _accion(self, vista):
        def envoltura(request, pk):
            solicitud = self.solicitud_visible(request, pk)
            return vista(self, request, solicitud)

        return envoltura

    def solicitud_visible(self, request, pk) -> Solicitud:
        """La solicitud si el usuario la ve; 403 si es de otro rol; 404 si no existe."""
        solicitud = get_object_or_404(
            Solicitud.objects.select_related(
                "tramite", "solicitante", "asignado_a"
            ).exclude(estado=Estado.BORRADOR),
            pk=pk,
        )
        if solicitud.tramite.tipo not in permisos.tramites_que_ve(request.user):
            # Igual que si no existiera: un 403 diría a Gobierno que ese
            # radicado de Hacienda existe.
            raise Http404
        return solicitud

    def change_view(self, request, object_id, form_url="", extra_context=None):
        pk = peticiones.id_de(str(object_id))
        if pk is None:
            raise Http404
        if request.method != "GET":
            raise PermissionDenied
        solicitud = self.solicitud_visible(request, pk)
        return acciones.detalle(self, request, solicitud)

    def history_view(self, request, object_id, extra_context=None):
        # El historial de la solicitud es el de sus actuaciones (en el detalle).
        return redirect("admin:tramites_solicitud_change", object_id)

    def exportar_view(self, request, formato):
        if not self.has_view_permission(request):
            raise PermissionDenied
        formato = formato.upper()
        if formato not in FormatoExportacion.values:
            raise Http404
        lista = self.get_changelist_instance(request)
        contenido = bandeja.exportar(
            solicitudes=lista.queryset,
            formato=formato,
            usuario=request.user,
            filtros=request.GET.urlencode(),
        )
        extension = formato.lower()
        tipo = (
            "text/csv; charset=utf-8"
            if formato == FormatoExportacion.CSV
            else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        respuesta = HttpResponse(contenido, content_type=tipo)
        nombre = f"solicitudes-{timezone.localdate():%Y%m%d}.{extension}"
        respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
        return respuesta

    def tablero_view(self, request):
        if not request.user.has_perm(permisos.PERMISO_LECTURA_TOTAL):
            raise PermissionDenied
        hoy = timezone.localdate()
        formulario = forms.PeriodoForm(request.GET or None)
        desde, hasta = hoy - timedelta(days=365), hoy
        if formulario.is_bound and formulario.is_valid():
            desde = formulario.cleaned_data["desde"] or desde
            hasta = formulario.cleaned_data["hasta"] or hasta
        contexto = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Tablero de trámites en línea",
            "formulario": formulario,
            **tablero.indicadores(desde=desde, hasta=hasta),
        }
        return TemplateResponse(
            request, "admin/tramites/solicitud/tablero.html", contexto
        )


class SoloLecturaLiderGel(admin.ModelAdmin):
    """Registros que el Líder GEL consulta y nadie edita."""

    actions = None

    def has_module_permission(self, request):
        return request.user.has_perm(permisos.PERMISO_LECTURA_TOTAL)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(permisos.PERMISO_LECTURA_TOTAL)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Calificacion)
class CalificacionAdmin(SoloLecturaLiderGel):
    list_display = ["creada_en", "radicado", "tramite", "puntaje", "comentario"]
    list_filter = ["puntaje", "solicitud__tramite"]
    list_select_related = ["solicitud__tramite"]
    date_hierarchy = "creada_en"

    @admin.display(description="radicado", ordering="solicitud__radicado")
    def radicado(self, obj):
        return obj.solicitud.radicado

    @admin.display(description="trámite", ordering="solicitud__tramite__nombre")
    def tramite(self, obj):
        return obj.solicitud.tramite.nombre


@admin.register(ExportacionBandeja)
class ExportacionBandejaAdmin(SoloLecturaLiderGel):
    list_display = ["exportada_en", "usuario", "formato", "filas", "filtros"]
    list_filter = ["formato"]
    list_select_related = ["usuario"]
    date_hierarchy = "exportada_en"
