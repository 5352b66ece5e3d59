"""Lo que llega por la ventanilla, para medir cuánto se hace en línea.

La fase de Transacción del plan se mide con la parte de las solicitudes de cada
trámite que se radica en línea: en línea / (en línea + ventanilla). Las de la
ventanilla no se copian una por una: Hacienda y Gobierno anotan cuántas
recibieron cada mes (docs/MEDICION.md explica por qué).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from tramites.models.catalogo import Tramite


class RadicacionesVentanilla(models.Model):
    """Cuántas solicitudes de un trámite se recibieron en la ventanilla en un mes."""

    tramite = models.ForeignKey(
        Tramite,
        on_delete=models.PROTECT,
        related_name="radicaciones_ventanilla",
        verbose_name="trámite",
    )
    mes = models.DateField(help_text="El primer día del mes.")
    cantidad = models.PositiveIntegerField(
        "solicitudes recibidas en la ventanilla",
        help_text="Las radicadas en la ventanilla (en papel o en el sistema de "
        "correspondencia) durante el mes, sin contar las del portal.",
    )
    observaciones = models.CharField(max_length=300, blank=True)
    registrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actualizado_en = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "radicaciones en la ventanilla"
        verbose_name_plural = "radicaciones en la ventanilla"
        ordering = ["-mes", "tramite__orden"]
        constraints = [
            models.UniqueConstraint(
                fields=["tramite", "mes"], name="ventanilla_una_por_tramite_y_mes"
            ),
            models.CheckConstraint(
                condition=Q(mes__day=1), name="ventanilla_mes_primer_dia"
            ),
        ]

    def __str__(self):
        return f"{self.tramite}: {self.cantidad} en {self.mes:%m/%Y}"


class MetaAdopcion(models.Model):
    """La meta del Líder GEL: qué parte de las solicitudes del trámite debe
    llegar en línea."""

    tramite = models.OneToOneField(
        Tramite,
        on_delete=models.CASCADE,
        related_name="meta_adopcion",
        verbose_name="trámite",
    )
    porcentaje = models.PositiveSmallIntegerField(
        "meta (% en línea)",
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Por ejemplo 60: seis de cada diez solicitudes, en línea.",
    )
    actualizada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actualizada_en = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "meta de adopción"
        verbose_name_plural = "metas de adopción"
        ordering = ["tramite__orden"]
        constraints = [
            models.CheckConstraint(
                condition=Q(porcentaje__gte=1, porcentaje__lte=100),
                name="meta_adopcion_entre_1_y_100",
            ),
        ]

    def __str__(self):
        return f"{self.tramite}: {self.porcentaje} % en línea"
