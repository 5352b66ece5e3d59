"""Las actividades 1–9 del plan: una fila que el Líder GEL lleva para cada una,
sea o no una campaña o una jornada (el acuerdo que cambió el Estatuto
Tributario, el procedimiento revisado, el manual de funciones, los usuarios
creados…)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from comunicaciones import estados
from comunicaciones.estructura import COMPONENTES
from comunicaciones.models.campanas import ruta_evidencia
from sanpedro_gel.almacenamiento import almacenamiento_privado


class EstadoActividad(models.TextChoices):
    PENDIENTE = estados.PENDIENTE, "Pendiente"
    EN_CURSO = estados.EN_CURSO, "En curso"
    CUMPLIDA = estados.CUMPLIDA, "Cumplida"


class ActividadPlan(models.Model):
    """Una actividad del plan (1–9) con su responsable, fechas, estado y evidencia."""

    numero = models.PositiveSmallIntegerField("número", unique=True)
    componente = models.CharField(max_length=20, choices=[(c, c) for c in COMPONENTES])
    nombre = models.CharField(max_length=200)
    responsable = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    fecha_inicio = models.DateField("inicia el", null=True, blank=True)
    fecha_vence = models.DateField("vence el", null=True, blank=True)
    estado = models.CharField(
        max_length=12, choices=EstadoActividad, default=EstadoActividad.PENDIENTE
    )
    evidencia = models.CharField(
        "evidencia",
        max_length=300,
        blank=True,
        help_text="Qué prueba que se hizo: «Acuerdo 012 de 2026 del Concejo», "
        "«Resolución 0345 que actualiza el manual de funciones»…",
    )
    evidencia_archivo = models.FileField(
        "evidencia (archivo)",
        storage=almacenamiento_privado,
        upload_to=ruta_evidencia,
        blank=True,
    )
    evidencia_enlace = models.URLField("evidencia (enlace)", max_length=500, blank=True)
    observaciones = models.TextField(blank=True)
    cumplida_el = models.DateField("cumplida el", null=True, blank=True)
    actualizada_en = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "actividad del plan"
        verbose_name_plural = "actividades del plan"
        ordering = ["numero"]
        constraints = [
            models.CheckConstraint(
                condition=Q(numero__gte=1, numero__lte=9),
                name="actividad_plan_de_1_a_9",
            ),
        ]

    def __str__(self):
        return f"{self.numero}. {self.nombre}"

    @property
    def tiene_evidencia(self) -> bool:
        return bool(
            self.evidencia.strip() or self.evidencia_archivo or self.evidencia_enlace
        )
