"""El archivo: los expedientes que cumplieron su tiempo en la tabla de
retención documental y esperan que un funcionario apruebe su disposición."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from tramites.models.catalogo import DisposicionFinal
from tramites.models.solicitudes import Solicitud


class EstadoDisposicion(models.TextChoices):
    PENDIENTE = "PENDIENTE", "Por aprobar"
    APROBADA = "APROBADA", "Aprobada"


class DisposicionExpediente(models.Model):
    """Expediente que cumplió su retención y espera (o ya tiene) la aprobación
    de su disposición final. El portal nunca borra un expediente por su cuenta."""

    solicitud = models.OneToOneField(
        Solicitud,
        on_delete=models.PROTECT,
        related_name="disposicion",
        verbose_name="expediente",
    )
    disposicion_final = models.CharField(
        "disposición final", max_length=20, choices=DisposicionFinal
    )
    retencion_hasta = models.DateField("retención hasta")
    listada_en = models.DateTimeField("listada el", default=timezone.now)
    estado = models.CharField(
        max_length=20, choices=EstadoDisposicion, default=EstadoDisposicion.PENDIENTE
    )
    aprobada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    aprobada_en = models.DateTimeField("aprobada el", null=True, blank=True)
    observacion = models.TextField("observación", blank=True)

    class Meta:
        verbose_name = "disposición final de expediente"
        verbose_name_plural = "disposición final de expedientes"
        ordering = ["retencion_hasta", "pk"]
        permissions = [
            ("aprobar_disposicion", "Puede aprobar la disposición final de expedientes")
        ]

    def __str__(self):
        return f"{self.solicitud.radicado} — {self.get_disposicion_final_display()}"

    @property
    def accion(self) -> str:
        """Lo que se aprueba: eliminar o transferir al archivo histórico."""
        if self.disposicion_final == DisposicionFinal.ELIMINACION:
            return "Eliminación"
        if self.disposicion_final == DisposicionFinal.CONSERVACION_TOTAL:
            return "Transferencia al archivo histórico"
        if self.disposicion_final == DisposicionFinal.SELECCION:
            return "Selección (muestra al archivo histórico, el resto se elimina)"
        return "Microfilmación o digitalización y eliminación del original"
