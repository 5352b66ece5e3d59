"""Asistencias con sus correos de la bandeja de salida, y certificados, en el
admin."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from capacitacion import selectores
from capacitacion.models import Asistencia, Certificado
from capacitacion.services import jornadas
from sanpedro_gel import buzon, formato
from sanpedro_gel.admin_ayudas import ejecutar_servicio, persona_sin_enlace


@admin.register(Asistencia)
class AsistenciaAdmin(admin.ModelAdmin):
    list_display = [
        "funcionario",
        "dependencia",
        "jornada",
        "estado",
        "invitado_en",
        "confirmado_en",
        "asistio_en",
        "enlace_certificado",
    ]
    list_filter = ["jornada", "estado"]
    search_fields = ["funcionario__nombres", "funcionario__apellidos"]
    list_select_related = ["funcionario__dependencia", "jornada", "certificado"]
    registrada_por_nombre = persona_sin_enlace("registrada_por", "registrada por")
    readonly_fields = [
        "jornada",
        "funcionario",
        "estado",
        "invitado_en",
        "confirmado_en",
        "asistio_en",
        "registrada_por_nombre",
        "correos",
    ]
    actions = ["marcar_asistio", "quitar_asistencia"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="dependencia")
    def dependencia(self, obj):
        return obj.funcionario.dependencia

    @admin.display(description="certificado")
    def enlace_certificado(self, obj):
        certificado = getattr(obj, "certificado", None)
        if certificado is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("capacitacion:certificado", args=[certificado.pk]),
            certificado.codigo_verificacion,
        )

    @admin.display(description="correos (bandeja de salida)")
    def correos(self, obj):
        mensajes = selectores.correos_de(obj)
        if not mensajes:
            return "—"
        tipos = buzon.tipos()
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a>: {} {}{}</li>',
                (
                    (
                        reverse("admin:sanpedro_gel_mensaje_change", args=[m.pk]),
                        tipos.get(m.tipo, m.tipo),
                        m.get_estado_display().lower(),
                        formato.fecha_hora(m.enviado_en or m.creado_en),
                        f" — {m.error}" if m.error else "",
                    )
                    for m in mensajes
                ),
            ),
        )

    def _registrar(self, request, queryset, asistio: bool):
        if not request.user.has_perm("capacitacion.change_asistencia"):
            raise PermissionDenied
        por_jornada: dict[int, set[int]] = {}
        for jornada_id, funcionario_id in queryset.values_list(
            "jornada_id", "funcionario_id"
        ):
            por_jornada.setdefault(jornada_id, set()).add(funcionario_id)
        for jornada_id, ids in por_jornada.items():
            ejecutar_servicio(
                request,
                "Asistencia actualizada.",
                jornadas.registrar_asistencia,
                jornada_id=jornada_id,
                funcionario_ids=ids,
                usuario=request.user,
                asistio=asistio,
            )

    @admin.action(permissions=["change"], description="Registrar que asistió")
    def marcar_asistio(self, request, queryset):
        self._registrar(request, queryset, asistio=True)

    @admin.action(permissions=["change"], description="Quitar la asistencia")
    def quitar_asistencia(self, request, queryset):
        self._registrar(request, queryset, asistio=False)


@admin.register(Certificado)
class CertificadoAdmin(admin.ModelAdmin):
    list_display = [
        "codigo_verificacion",
        "titular",
        "jornada",
        "expedido_en",
        "enviado",
    ]
    search_fields = [
        "codigo_verificacion",
        "asistencia__funcionario__nombres",
        "asistencia__funcionario__apellidos",
    ]
    list_select_related = ["asistencia__funcionario", "asistencia__jornada"]
    fields = [
        "codigo_verificacion",
        "titular",
        "jornada",
        "expedido_en",
        "enviado",
        "descarga",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return selectores.con_envio(super().get_queryset(request))

    @admin.display(description="enviado", ordering="enviado_en")
    def enviado(self, obj):
        return formato.fecha_hora(obj.enviado_en) or "—"

    @admin.display(description="titular")
    def titular(self, obj):
        return obj.asistencia.funcionario

    @admin.display(description="jornada")
    def jornada(self, obj):
        return obj.asistencia.jornada

    @admin.display(description="PDF")
    def descarga(self, obj):
        return format_html(
            '<a href="{}">Descargar</a>',
            reverse("capacitacion:certificado", args=[obj.pk]),
        )
