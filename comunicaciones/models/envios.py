"""Lo que el plan entrega: un envío por destinatario y una tarea por difusión."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone

from comunicaciones import estados
from comunicaciones.models.campanas import ruta_evidencia
from comunicaciones.models.directorio import Funcionario
from comunicaciones.models.piezas import Pieza
from sanpedro_gel.almacenamiento import almacenamiento_privado
from sanpedro_gel.models import PERSONAL_ACTIVO
from sanpedro_gel.reloj import hoy, inicio_del_dia


class EstadoEnvio(models.TextChoices):
    PENDIENTE = estados.PENDIENTE, "Pendiente"
    ENVIADO = estados.ENVIADO, "Enviado"
    FALLIDO = estados.FALLIDO, "Fallido"
    OMITIDO = estados.OMITIDO, "Omitido"


class EnvioQuerySet(models.QuerySet):
    def conteos(self) -> dict[str, int]:
        """Destinatarios, enviados, fallidos, omitidos y pendientes en una consulta."""
        return {
            clave.removeprefix("envios_"): valor
            for clave, valor in self.aggregate(**anotaciones_de_conteo("")).items()
        }


def anotaciones_de_conteo(prefijo: str) -> dict:
    """Conteos por estado de los envíos, con nombres `envios_*` (no chocan con
    los campos de la pieza); `prefijo` = "envios__" para anotar piezas."""
    campo = f"{prefijo}pk" if prefijo else "pk"
    estado = f"{prefijo}estado"
    return {
        "envios_destinatarios": Count(campo),
        "envios_enviados": Count(campo, filter=Q(**{estado: EstadoEnvio.ENVIADO})),
        "envios_fallidos": Count(campo, filter=Q(**{estado: EstadoEnvio.FALLIDO})),
        "envios_omitidos": Count(campo, filter=Q(**{estado: EstadoEnvio.OMITIDO})),
        "envios_pendientes": Count(campo, filter=Q(**{estado: EstadoEnvio.PENDIENTE})),
    }


class Envio(models.Model):
    """Un correo masivo de una pieza a un destinatario (su estado dice si salió).
    La restricción única impide que un destinatario exista dos veces."""

    pieza = models.ForeignKey(Pieza, on_delete=models.CASCADE, related_name="envios")
    correo = models.EmailField()
    nombre = models.CharField(max_length=250, blank=True)
    funcionario = models.ForeignKey(
        Funcionario, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    suscriptor = models.ForeignKey(
        "comunicaciones.Suscriptor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    estado = models.CharField(
        max_length=10, choices=EstadoEnvio, default=EstadoEnvio.PENDIENTE
    )
    motivo = models.CharField(
        max_length=300, blank=True, help_text="Por qué se omitió o falló."
    )
    intentos = models.PositiveSmallIntegerField(default=0)
    # Cuándo se publicó su lote en la cola y cuándo lo tomó un trabajador: el
    # despachador vuelve a encolar los pendientes cuyo lote se perdió.
    encolado_en = models.DateTimeField(null=True, blank=True)
    reclamado_en = models.DateTimeField(null=True, blank=True)
    reclamado_por = models.CharField(max_length=32, blank=True)
    enviado_en = models.DateTimeField(null=True, blank=True)

    objects = EnvioQuerySet.as_manager()

    class Meta:
        verbose_name = "envío"
        verbose_name_plural = "envíos"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pieza", "correo"], name="envio_unico_por_destinatario"
            ),
        ]
        indexes = [
            models.Index(fields=["pieza", "estado"], name="envio_pieza_estado"),
        ]

    def __str__(self):
        return f"{self.correo} — {self.get_estado_display()}"


class EstadoTarea(models.TextChoices):
    PENDIENTE = estados.PENDIENTE, "Pendiente"
    CUMPLIDA = estados.CUMPLIDA, "Cumplida"
    CANCELADA = estados.CANCELADA, "Cancelada"


class TareaDifusionQuerySet(models.QuerySet):
    def pendientes(self):
        return self.filter(estado=EstadoTarea.PENDIENTE)

    def vencidas(self, ahora: datetime | None = None):
        """Pendientes cuyo día ya pasó sin evidencia (en hora de Colombia)."""
        return self.pendientes().filter(vence_en__lt=inicio_del_dia(hoy(ahora)))


class TareaDifusion(models.Model):
    """Difusión que hace una persona (emisora, prensa, afiches…), con evidencia."""

    pieza = models.OneToOneField(Pieza, on_delete=models.CASCADE, related_name="tarea")
    responsable = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="tareas",
        limit_choices_to=PERSONAL_ACTIVO,
    )
    estado = models.CharField(
        max_length=10, choices=EstadoTarea, default=EstadoTarea.PENDIENTE
    )
    vence_en = models.DateTimeField("para el")
    realizada_el = models.DateField("fecha real", null=True, blank=True)
    evidencia_archivo = models.FileField(
        "evidencia (archivo)",
        storage=almacenamiento_privado,
        upload_to=ruta_evidencia,
        blank=True,
    )
    evidencia_enlace = models.URLField("evidencia (enlace)", max_length=500, blank=True)
    observaciones = models.TextField(blank=True)
    cerrada_en = models.DateTimeField(null=True, blank=True)
    cerrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    creado_en = models.DateTimeField(default=timezone.now)

    objects = TareaDifusionQuerySet.as_manager()

    class Meta:
        verbose_name = "tarea de difusión"
        verbose_name_plural = "tareas de difusión"
        ordering = ["vence_en", "pk"]
        indexes = [
            models.Index(fields=["estado", "vence_en"], name="tarea_estado_vence"),
        ]

    def __str__(self):
        return f"{self.pieza.get_canal_display()}: {self.pieza.titulo}"

    @property
    def vencida(self) -> bool:
        return self.estado == EstadoTarea.PENDIENTE and self.vence_en < inicio_del_dia(
            hoy()
        )
