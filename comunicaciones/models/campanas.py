"""Campañas del plan de comunicaciones y la firma de las cartas del alcalde."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from comunicaciones import estados
from sanpedro_gel.almacenamiento import almacenamiento_privado
from sanpedro_gel.models import PERSONAL_ACTIVO


def _ruta(carpeta: str, nombre: str) -> str:
    # Nombre generado: el del archivo subido nunca llega al disco.
    extension = PurePosixPath(nombre).suffix.lower()[:8]
    hoy = timezone.localdate()
    return f"comunicaciones/{carpeta}/{hoy:%Y/%m}/{uuid.uuid4().hex}{extension}"


def ruta_imagen(instancia, nombre):
    return _ruta("imagenes", nombre)


def ruta_adjunto(instancia, nombre):
    return _ruta("adjuntos", nombre)


def ruta_firma(instancia, nombre):
    return _ruta("firmas", nombre)


def ruta_evidencia(instancia, nombre):
    return _ruta("evidencias", nombre)


class Nivel(models.TextChoices):
    INTERNO = "INTERNO", "Interno (servidores públicos)"
    EXTERNO = "EXTERNO", "Externo (ciudadanos y organizaciones)"


class EstadoCampana(models.TextChoices):
    PLANEADA = estados.PLANEADA, "Planeada"
    ACTIVA = estados.ACTIVA, "Activa"
    FINALIZADA = estados.FINALIZADA, "Finalizada"
    CANCELADA = estados.CANCELADA, "Cancelada"


class Campana(models.Model):
    """Campaña del plan: un objetivo, un público, unas fechas y sus piezas."""

    nivel = models.CharField(max_length=10, choices=Nivel)
    nombre = models.CharField(max_length=200)
    objetivo = models.TextField()
    tramites = models.ManyToManyField(
        "tramites.Tramite",
        blank=True,
        related_name="campanas",
        verbose_name="trámites que promueve",
    )
    actividades = models.ManyToManyField(
        "comunicaciones.ActividadPlan",
        blank=True,
        related_name="campanas",
        verbose_name="actividades del plan que sirve",
    )
    fecha_inicio = models.DateField("inicia el")
    fecha_fin = models.DateField("termina el")
    responsable = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="campanas",
        limit_choices_to=PERSONAL_ACTIVO,
    )
    estado = models.CharField(
        max_length=12, choices=EstadoCampana, default=EstadoCampana.PLANEADA
    )
    creado_en = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "campaña"
        verbose_name_plural = "campañas"
        ordering = ["-fecha_inicio", "nombre"]
        permissions = [
            ("ver_plan", "Ve el calendario, las líneas de tiempo y la efectividad"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(fecha_fin__gte=models.F("fecha_inicio")),
                name="campana_fechas_en_orden",
            ),
        ]

    def __str__(self):
        return self.nombre


class FirmaAlcalde(models.Model):
    """Nombre, cargo e imagen de la firma con que se firman las cartas del alcalde."""

    nombre = models.CharField(max_length=200)
    cargo = models.CharField(max_length=150, default="Alcalde municipal")
    imagen = models.ImageField(
        "imagen de la firma",
        storage=almacenamiento_privado,
        upload_to=ruta_firma,
        help_text="PNG o JPEG con fondo blanco o transparente.",
    )
    activa = models.BooleanField(default=True)
    creado_en = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "firma del alcalde"
        verbose_name_plural = "firmas del alcalde"
        ordering = ["-activa", "-creado_en"]

    def __str__(self):
        return f"{self.nombre} — {self.cargo}"
