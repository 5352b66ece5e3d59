"""El archivo en el admin: los expedientes que cumplieron su retención y la
aprobación de su disposición final (quién y cuándo). El admin no borra nada."""

from django.contrib import admin, messages

from sanpedro_gel.excepciones import ErrorDelPortal
from tramites.models import DisposicionExpediente, EstadoDisposicion
from tramites.services import retencion


@admin.register(DisposicionExpediente)
class DisposicionExpedienteAdmin(admin.ModelAdmin):
    list_display = [
        "radicado",
        "tramite",
        "solicitante",
        "disposicion_final",
        "accion",
        "retencion_hasta",
        "estado",
        "aprobada_por",
        "aprobada_en",
    ]
    list_filter = ["estado", "disposicion_final", "solicitud__tramite"]
    search_fields = ["solicitud__radicado", "solicitud__nombre_solicitante"]
    list_select_related = ["solicitud__tramite", "aprobada_por"]
    actions = ["aprobar"]
    readonly_fields = [
        "solicitud",
        "disposicion_final",
        "retencion_hasta",
        "listada_en",
        "estado",
        "aprobada_por",
        "aprobada_en",
    ]
    fields = [*readonly_fields, "observacion"]

    @admin.display(description="radicado", ordering="solicitud__radicado")
    def radicado(self, obj):
        return obj.solicitud.radicado

    @admin.display(description="trámite")
    def tramite(self, obj):
        return obj.solicitud.tramite

    @admin.display(description="solicitante")
    def solicitante(self, obj):
        return obj.solicitud.nombre_solicitante

    @admin.display(description="lo que se aprueba")
    def accion(self, obj):
        return obj.accion

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # Solo la observación, y solo mientras la disposición no está aprobada.
        if obj is not None and obj.estado != EstadoDisposicion.PENDIENTE:
            return False
        return self.has_aprobar_permission(request)

    def has_aprobar_permission(self, request):
        return request.user.has_perm("tramites.aprobar_disposicion")

    @admin.action(
        description="Aprobar la disposición final (eliminación o transferencia)",
        permissions=["aprobar"],
    )
    def aprobar(self, request, queryset):
        aprobadas = 0
        for fila in queryset.filter(estado=EstadoDisposicion.PENDIENTE):
            try:
                retencion.aprobar_disposicion(
                    disposicion_id=fila.pk,
                    actor=request.user,
                    observacion=fila.observacion,
                )
            except ErrorDelPortal as error:
                messages.error(request, f"{fila}: {error}")
                continue
            aprobadas += 1
        messages.success(
            request,
            f"Disposiciones aprobadas: {aprobadas}. El archivo ejecuta cada una; "
            "el portal no borra nada por su cuenta.",
        )
