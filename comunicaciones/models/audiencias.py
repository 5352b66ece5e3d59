"""El público externo del plan: suscriptores con consentimiento y bajas."""

import unicodedata

from django.db import models
from django.utils import timezone

from comunicaciones import estados


def clave_de_texto(texto: str) -> str:
    """Texto sin tildes, en minúsculas y con espacios simples, para comparar."""
    sin_tildes = unicodedata.normalize("NFKD", texto).encode("ascii", "ignore").decode()
    return " ".join(sin_tildes.lower().split())


class TextoConsentimiento(models.Model):
    """Versión del texto de autorización que acepta quien se suscribe."""

    version = models.CharField("versión", max_length=20, unique=True)
    texto = models.TextField()
    vigente_desde = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "texto de consentimiento"
        verbose_name_plural = "textos de consentimiento"
        ordering = ["-vigente_desde"]

    def __str__(self):
        return f"Consentimiento {self.version}"

    @classmethod
    def vigente(cls):
        return (
            cls.objects.filter(vigente_desde__lte=timezone.now())
            .order_by("-vigente_desde")
            .first()
        )


class TipoSuscriptor(models.TextChoices):
    CIUDADANO = "CIUDADANO", "Ciudadano o ciudadana"
    ORGANIZACION = "ORGANIZACION", "Organización, empresa o negocio"


class EstadoSuscriptor(models.TextChoices):
    PENDIENTE = estados.PENDIENTE, "Sin confirmar"
    ACTIVO = estados.ACTIVO, "Activo"
    DADO_DE_BAJA = estados.DADO_DE_BAJA, "Dado de baja"


class SuscriptorQuerySet(models.QuerySet):
    def activos(self):
        return self.filter(estado=EstadoSuscriptor.ACTIVO)


class Suscriptor(models.Model):
    """Ciudadano u organización que pidió recibir las novedades de la Alcaldía."""

    tipo = models.CharField(max_length=20, choices=TipoSuscriptor)
    nombre = models.CharField("nombre o razón social", max_length=200)
    correo = models.EmailField("correo electrónico", unique=True)
    vereda_barrio = models.CharField("vereda o barrio", max_length=120)
    # La misma vereda o barrio sin tildes ni mayúsculas: los segmentos la comparan.
    vereda_barrio_clave = models.CharField(max_length=120, editable=False)
    estado = models.CharField(
        max_length=20, choices=EstadoSuscriptor, default=EstadoSuscriptor.PENDIENTE
    )
    consentimiento = models.ForeignKey(
        TextoConsentimiento,
        on_delete=models.PROTECT,
        related_name="suscriptores",
        verbose_name="texto aceptado",
    )
    consentimiento_en = models.DateTimeField("aceptó el")
    confirmado_en = models.DateTimeField(null=True, blank=True)
    dado_de_baja_en = models.DateTimeField(null=True, blank=True)
    creado_en = models.DateTimeField(auto_now_add=True)

    objects = SuscriptorQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "suscriptores"
        ordering = ["nombre"]
        indexes = [
            models.Index(
                fields=["estado", "vereda_barrio_clave"], name="suscriptor_zona"
            ),
        ]

    def __str__(self):
        return f"{self.nombre} <{self.correo}>"


class OrigenBaja(models.TextChoices):
    ENLACE = "ENLACE", "Enlace del correo"
    UN_CLIC = "UN_CLIC", "Botón de baja del programa de correo (un clic)"
    ADMINISTRACION = "ADMINISTRACION", "Registrada por un funcionario"


class Baja(models.Model):
    """Dirección que pidió no recibir más correos masivos. Nunca se borra sola."""

    correo = models.EmailField(unique=True)
    dada_en = models.DateTimeField(default=timezone.now)
    origen = models.CharField(max_length=20, choices=OrigenBaja)
    pieza = models.ForeignKey(
        "comunicaciones.Pieza",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bajas",
        help_text="Pieza desde cuyo correo se pidió la baja.",
    )

    class Meta:
        verbose_name = "baja de correos masivos"
        verbose_name_plural = "bajas de correos masivos"
        ordering = ["-dada_en"]

    def __str__(self):
        return self.correo


class Segmento(models.Model):
    """Parte de los suscriptores: por tipo y por veredas o barrios."""

    nombre = models.CharField(max_length=120, unique=True)
    tipos = models.JSONField(
        "tipos de suscriptor",
        default=list,
        blank=True,
        help_text="Vacío: ciudadanos y organizaciones.",
    )
    veredas_barrios = models.TextField(
        "veredas o barrios",
        blank=True,
        help_text="Una por línea. Vacío: todo el municipio.",
    )

    class Meta:
        ordering = ["nombre"]

    def __str__(self):
        return self.nombre

    def claves_de_zona(self) -> list[str]:
        return [
            clave_de_texto(linea)
            for linea in self.veredas_barrios.splitlines()
            if linea.strip()
        ]
