"""Conversación en vivo de la asesoría: en el horario en línea, con un
funcionario de turno, el ciudadano conversa por el portal. Cada conversación se
guarda; si necesita respuesta formal se vuelve una pregunta con radicado."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

LARGO_MENSAJE = 1000


class EstadoConversacion(models.TextChoices):
    ABIERTA = "ABIERTA", "Abierta"
    CERRADA = "CERRADA", "Cerrada"


class Conversacion(models.Model):
    """Una conversación en vivo entre un ciudadano y la Alcaldía."""

    ciudadano = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="conversaciones",
    )
    estado = models.CharField(
        max_length=8,
        choices=EstadoConversacion,
        default=EstadoConversacion.ABIERTA,
        db_index=True,
    )
    atendida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conversaciones_atendidas",
    )
    creada_en = models.DateTimeField("creada el", default=timezone.now)
    cerrada_en = models.DateTimeField("cerrada el", null=True, blank=True)
    pregunta = models.ForeignKey(
        "comunicaciones.PreguntaCiudadana",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conversaciones",
        help_text="La pregunta radicada cuando necesitó respuesta formal.",
    )

    class Meta:
        verbose_name = "conversación en vivo"
        verbose_name_plural = "conversaciones en vivo"
        ordering = ["-creada_en"]
        constraints = [
            # Un ciudadano tiene a lo sumo una conversación abierta: sus mensajes
            # van a ella aunque escriba desde dos pestañas.
            models.UniqueConstraint(
                fields=["ciudadano"],
                condition=Q(estado="ABIERTA"),
                name="una_conversacion_abierta_por_ciudadano",
            )
        ]

    def __str__(self):
        return f"Conversación {self.pk} · {self.creada_en:%Y-%m-%d %H:%M}"

    @property
    def abierta(self) -> bool:
        return self.estado == EstadoConversacion.ABIERTA


class MensajeConversacion(models.Model):
    """Un mensaje de una conversación en vivo; solo texto."""

    conversacion = models.ForeignKey(
        Conversacion, on_delete=models.CASCADE, related_name="mensajes"
    )
    autor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    de_la_alcaldia = models.BooleanField(default=False)
    texto = models.TextField(max_length=LARGO_MENSAJE)
    creado_en = models.DateTimeField("creado el", default=timezone.now)

    class Meta:
        verbose_name = "mensaje de conversación"
        verbose_name_plural = "mensajes de conversación"
        ordering = ["pk"]

    def __str__(self):
        return f"Conversación {self.conversacion_id} · mensaje {self.pk}"


class TurnoAsesoria(models.Model):
    """Cuándo dio señales por última vez un funcionario de turno en la
    conversación en vivo; vacío si dejó el turno."""

    funcionario = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="turno"
    )
    visto_en = models.DateTimeField("visto el", null=True, blank=True)

    class Meta:
        verbose_name = "turno de asesoría en línea"
        verbose_name_plural = "turnos de asesoría en línea"

    def __str__(self):
        return f"Turno de {self.funcionario}"
