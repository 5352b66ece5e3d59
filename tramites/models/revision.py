"""Lo que produce la mesa de revisión: requerimientos de subsanación, documentos
expedidos, calificaciones del ciudadano y la constancia de lo que se exportó."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from sanpedro_gel.almacenamiento import almacenamiento_privado
from tramites.models.catalogo import Requisito
from tramites.models.registro import Contribuyente, Establecimiento
from tramites.models.solicitudes import Solicitud, _ruta_privada


class Subsanacion(models.Model):
    """Requerimiento al ciudadano para que complete su solicitud (Ley 1755, art. 17)."""

    solicitud = models.ForeignKey(
        Solicitud, on_delete=models.CASCADE, related_name="subsanaciones"
    )
    solicitada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    solicitada_en = models.DateTimeField(default=timezone.now)
    observacion = models.TextField("indicaciones generales", blank=True)
    plazo_hasta = models.DateField(
        "plazo para responder",
        help_text="Sin respuesta hasta esta fecha se declara el desistimiento tácito.",
    )
    ampliada_en = models.DateTimeField(
        "ampliación pedida en",
        null=True,
        blank=True,
        help_text="El ciudadano puede pedir una sola vez un mes más.",
    )
    respondida_en = models.DateTimeField(null=True, blank=True)
    respuesta = models.TextField("comentario del ciudadano", blank=True)

    class Meta:
        verbose_name = "requerimiento de subsanación"
        verbose_name_plural = "requerimientos de subsanación"
        ordering = ["-solicitada_en", "-pk"]
        indexes = [
            models.Index(
                fields=["plazo_hasta"],
                condition=Q(respondida_en__isnull=True),
                name="subsanacion_pendiente",
            ),
        ]

    def __str__(self):
        return f"Subsanación de {self.solicitud} ({self.solicitada_en:%d/%m/%Y})"

    @property
    def puede_ampliarse(self) -> bool:
        return self.respondida_en is None and self.ampliada_en is None


class ItemSubsanacion(models.Model):
    """Una cosa concreta que el ciudadano debe aportar o corregir."""

    subsanacion = models.ForeignKey(
        Subsanacion,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name="subsanación",
    )
    requisito = models.ForeignKey(
        Requisito,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Documento que debe aportar de nuevo.",
    )
    paso = models.CharField(
        max_length=40, blank=True, help_text="Paso del formulario que debe corregir."
    )
    titulo = models.CharField("qué", max_length=200)
    detalle = models.TextField("qué falta o qué corregir")

    class Meta:
        verbose_name = "punto de la subsanación"
        verbose_name_plural = "puntos de la subsanación"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(requisito__isnull=False) & Q(paso=""))
                | (Q(requisito__isnull=True) & ~Q(paso="")),
                name="item_subsanacion_requisito_o_paso",
            ),
        ]

    def __str__(self):
        return self.titulo

    @property
    def es_documento(self) -> bool:
        return self.requisito_id is not None


class TipoDocumentoExpedido(models.TextChoices):
    CERTIFICADO_INSCRIPCION = (
        "CERTIFICADO_INSCRIPCION",
        "Certificado de inscripción en el Registro de Industria y Comercio",
    )
    CONSTANCIA_NOVEDAD = (
        "CONSTANCIA_NOVEDAD",
        "Constancia de novedad del Registro de Industria y Comercio",
    )
    RESOLUCION_HORARIO = (
        "RESOLUCION_HORARIO",
        "Resolución que concede la ampliación de horario",
    )
    RESOLUCION_RECHAZO = "RESOLUCION_RECHAZO", "Resolución que niega la solicitud"
    RESOLUCION_DESISTIMIENTO = (
        "RESOLUCION_DESISTIMIENTO",
        "Resolución que declara el desistimiento tácito",
    )


def ruta_documento(instancia, nombre):
    return _ruta_privada("expedidos", nombre)


class DocumentoExpedido(models.Model):
    """Documento que la Alcaldía expide al decidir: certificado, constancia o acto.

    `contenido` congela lo que el documento dice en el momento de expedirlo; el
    PDF se produce después (fuera de la transacción) a partir de él, y la página
    de verificación lo muestra.
    """

    solicitud = models.ForeignKey(
        Solicitud, on_delete=models.PROTECT, related_name="documentos"
    )
    tipo = models.CharField(max_length=30, choices=TipoDocumentoExpedido)
    numero = models.CharField(
        "número", max_length=20, blank=True, help_text="Resoluciones: RES-AAAA-NNNN."
    )
    codigo_verificacion = models.CharField(
        "código de verificación", max_length=8, unique=True
    )
    contenido = models.JSONField(default=dict)
    archivo = models.FileField(
        storage=almacenamiento_privado, upload_to=ruta_documento, blank=True
    )
    expedido_en = models.DateTimeField(default=timezone.now)
    expedido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    vigente_desde = models.DateField(null=True, blank=True)
    vigente_hasta = models.DateField(null=True, blank=True)
    # Lo que el documento acredita, para decir en la verificación si sigue vigente.
    contribuyente = models.ForeignKey(
        Contribuyente,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documentos",
    )
    establecimiento = models.ForeignKey(
        Establecimiento,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documentos",
    )

    class Meta:
        verbose_name = "documento expedido"
        verbose_name_plural = "documentos expedidos"
        ordering = ["-expedido_en", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["numero"],
                condition=~Q(numero=""),
                name="documento_numero_unico",
            ),
        ]

    def __str__(self):
        return self.numero or f"{self.get_tipo_display()} — {self.solicitud}"

    @property
    def nombre_archivo(self) -> str:
        base = self.numero or f"{self.tipo.lower()}-{self.solicitud.radicado}"
        return f"{base.replace('_', '-')}.pdf"

    @property
    def es_resolucion(self) -> bool:
        return self.tipo.startswith("RESOLUCION")


class Calificacion(models.Model):
    """«Califique el trámite»: la opinión del ciudadano tras la decisión."""

    solicitud = models.OneToOneField(
        Solicitud, on_delete=models.CASCADE, related_name="calificacion"
    )
    puntaje = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comentario = models.TextField(blank=True, max_length=1000)
    creada_en = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "calificación del trámite"
        verbose_name_plural = "calificaciones del trámite"
        ordering = ["-creada_en"]
        constraints = [
            models.CheckConstraint(
                condition=Q(puntaje__gte=1) & Q(puntaje__lte=5),
                name="calificacion_de_1_a_5",
            ),
        ]

    def __str__(self):
        return f"{self.puntaje}/5 — {self.solicitud}"


class FormatoExportacion(models.TextChoices):
    CSV = "CSV", "CSV"
    XLSX = "XLSX", "Excel (XLSX)"


class ExportacionBandeja(models.Model):
    """Constancia de que alguien exportó la bandeja de solicitudes, y con qué filtro."""

    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    formato = models.CharField(max_length=4, choices=FormatoExportacion)
    filtros = models.CharField(max_length=500, blank=True)
    filas = models.PositiveIntegerField()
    exportada_en = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "exportación de la bandeja"
        verbose_name_plural = "exportaciones de la bandeja"
        ordering = ["-exportada_en"]

    def __str__(self):
        return f"{self.formato} de {self.usuario} ({self.exportada_en:%d/%m/%Y %H:%M})"
