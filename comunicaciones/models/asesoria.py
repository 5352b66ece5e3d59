"""Asesoría ciudadana: preguntas con radicado y término, su hilo, las preguntas
frecuentes publicadas y los horarios de atención.

Una pregunta a la Alcaldía es una petición (Ley 1755 de 2015): se radica con el
mismo consecutivo y el mismo motor de términos que una solicitud de trámite
(`tramites`), y la contesta la oficina dueña del trámite (Hacienda para el ICA,
Gobierno para el horario, el rol general para lo demás).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ClaseDePeticion(models.TextChoices):
    INFORMACION = "INFORMACION", "Solicitud de información"
    CONSULTA = "CONSULTA", "Consulta"
    GENERAL = "GENERAL", "Petición general"


class TerminoPeticion(models.Model):
    """El término de respuesta de cada clase de petición, editable en el admin."""

    clase = models.CharField(max_length=12, choices=ClaseDePeticion, unique=True)
    dias_habiles = models.PositiveSmallIntegerField(
        "término (días hábiles)",
        help_text="Ley 1755 de 2015, art. 14: información 10, consulta 30, general 15.",
    )
    por_defecto = models.BooleanField(
        "clase por defecto",
        default=False,
        help_text="La que se asigna si el ciudadano no elige.",
    )

    class Meta:
        verbose_name = "término de petición"
        verbose_name_plural = "términos de petición"
        ordering = ["clase"]
        constraints = [
            models.UniqueConstraint(
                fields=["por_defecto"],
                condition=Q(por_defecto=True),
                name="una_clase_por_defecto",
            )
        ]

    def __str__(self):
        return f"{self.get_clase_display()}: {self.dias_habiles} días hábiles"


class Area(models.TextChoices):
    """Qué oficina contesta: la dueña del trámite."""

    HACIENDA = "HACIENDA", "Secretaría de Hacienda"
    GOBIERNO = "GOBIERNO", "Secretaría de Gobierno"
    GENERAL = "GENERAL", "Atención general"


class CanalPregunta(models.TextChoices):
    PORTAL = "PORTAL", "Portal"
    CONVERSACION = "CONVERSACION", "Conversación en vivo"
    REDES = "REDES", "Redes sociales"
    PRESENCIAL = "PRESENCIAL", "Presencial"


class EstadoPregunta(models.TextChoices):
    RECIBIDA = "RECIBIDA", "Recibida"
    EN_ESTUDIO = "EN_ESTUDIO", "En estudio"
    RESPONDIDA = "RESPONDIDA", "Respondida"
    CERRADA = "CERRADA", "Cerrada"


ABIERTAS = (EstadoPregunta.RECIBIDA, EstadoPregunta.EN_ESTUDIO)


class PreguntaCiudadana(models.Model):
    """Una pregunta de un ciudadano, con su radicado y su término."""

    radicado = models.CharField(max_length=20, unique=True)
    ciudadano = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="preguntas",
        help_text="Vacío si llegó por una red social.",
    )
    canal = models.CharField(
        max_length=12, choices=CanalPregunta, default=CanalPregunta.PORTAL
    )
    clase = models.CharField(
        "clase de petición", max_length=12, choices=ClaseDePeticion
    )
    area = models.CharField("oficina que responde", max_length=10, choices=Area)
    tramite = models.ForeignKey(
        "tramites.Tramite",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="preguntas",
        verbose_name="trámite",
    )
    solicitud = models.ForeignKey(
        "tramites.Solicitud",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="preguntas",
    )
    asunto = models.CharField(max_length=150)
    texto = models.TextField(max_length=4000)
    estado = models.CharField(
        max_length=12,
        choices=EstadoPregunta,
        default=EstadoPregunta.RECIBIDA,
        db_index=True,
    )
    recibida_en = models.DateTimeField("recibida el")
    vence_el = models.DateField("responder a más tardar")
    asignada_a = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="preguntas_asignadas",
    )
    respondida_en = models.DateTimeField("respondida el", null=True, blank=True)
    dias_habiles_respuesta = models.PositiveSmallIntegerField(
        "días hábiles para responder", null=True, blank=True
    )
    trasladada_en = models.DateTimeField("trasladada el", null=True, blank=True)
    replicas = models.PositiveSmallIntegerField("réplicas del ciudadano", default=0)
    # Redes sociales: la registra Comunicaciones.
    red_social = models.CharField(max_length=40, blank=True)
    perfil = models.CharField("perfil en la red", max_length=120, blank=True)
    codigo_verificacion = models.CharField(
        "código de verificación", max_length=12, blank=True
    )

    class Meta:
        verbose_name = "pregunta ciudadana"
        verbose_name_plural = "preguntas ciudadanas"
        ordering = ["vence_el", "recibida_en"]
        permissions = [
            ("responder_hacienda", "Responde las preguntas de Hacienda (ICA)"),
            ("responder_gobierno", "Responde las preguntas de Gobierno (horario)"),
            ("responder_general", "Responde las preguntas generales"),
            ("registrar_de_redes", "Registra preguntas recibidas en redes sociales"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["codigo_verificacion"],
                condition=~Q(codigo_verificacion=""),
                name="pregunta_codigo_unico",
            )
        ]

    def __str__(self):
        return f"{self.radicado}: {self.asunto}"

    @property
    def abierta(self) -> bool:
        return self.estado in ABIERTAS


class MensajeAsesoria(models.Model):
    """Un mensaje del hilo de una pregunta: del ciudadano, de la respuesta o una
    nota interna que el ciudadano no ve."""

    pregunta = models.ForeignKey(
        PreguntaCiudadana, on_delete=models.CASCADE, related_name="mensajes"
    )
    autor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    de_la_alcaldia = models.BooleanField(default=False)
    interno = models.BooleanField(
        "nota interna", default=False, help_text="Solo la ven los funcionarios."
    )
    texto = models.TextField(max_length=8000)
    creado_en = models.DateTimeField(default=timezone.now)
    reportado_en = models.DateTimeField(null=True, blank=True)
    oculto_en = models.DateTimeField(null=True, blank=True)
    motivo_oculto = models.CharField(
        "motivo para ocultarlo", max_length=200, blank=True
    )

    class Meta:
        verbose_name = "mensaje de asesoría"
        verbose_name_plural = "mensajes de asesoría"
        ordering = ["creado_en", "pk"]

    def __str__(self):
        return f"{self.pregunta.radicado} · {self.creado_en:%Y-%m-%d %H:%M}"


class PreguntaFrecuente(models.Model):
    """Una pregunta y su respuesta publicadas, sin datos personales."""

    tramite = models.ForeignKey(
        "tramites.Tramite",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="preguntas_frecuentes",
        verbose_name="trámite",
    )
    pregunta = models.CharField(max_length=300)
    respuesta = models.TextField(help_text="Markdown, como las noticias.")
    respuesta_html = models.TextField(editable=False, default="")
    # Para buscar sin tildes ni mayúsculas (en SQLite y en PostgreSQL).
    texto_busqueda = models.TextField(editable=False, default="")
    origen = models.ForeignKey(
        PreguntaCiudadana,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="frecuentes",
        help_text="La pregunta original; sigue privada.",
    )
    publicada = models.BooleanField(default=False)
    orden = models.PositiveSmallIntegerField(default=0)
    le_sirvio = models.PositiveIntegerField("le sirvió", default=0)
    no_le_sirvio = models.PositiveIntegerField("no le sirvió", default=0)

    class Meta:
        verbose_name = "pregunta frecuente"
        verbose_name_plural = "preguntas frecuentes"
        ordering = ["orden", "pregunta"]

    def __str__(self):
        return self.pregunta


class Modalidad(models.TextChoices):
    PRESENCIAL = "PRESENCIAL", "Presencial"
    EN_LINEA = "EN_LINEA", "Conversación en el portal"


class DiaSemana(models.IntegerChoices):
    LUNES = 0, "Lunes"
    MARTES = 1, "Martes"
    MIERCOLES = 2, "Miércoles"
    JUEVES = 3, "Jueves"
    VIERNES = 4, "Viernes"
    SABADO = 5, "Sábado"
    DOMINGO = 6, "Domingo"


class HorarioAsesoria(models.Model):
    """Cuándo y dónde un funcionario explica los trámites."""

    modalidad = models.CharField(max_length=12, choices=Modalidad)
    dia = models.PositiveSmallIntegerField("día", choices=DiaSemana)
    desde = models.TimeField()
    hasta = models.TimeField()
    lugar = models.CharField(max_length=200, blank=True)
    activo = models.BooleanField(default=True)

    class Meta:
        verbose_name = "horario de asesoría"
        verbose_name_plural = "horarios de asesoría"
        ordering = ["modalidad", "dia", "desde"]

    def __str__(self):
        return (
            f"{self.get_dia_display()} {self.desde:%H:%M}–{self.hasta:%H:%M} "
            f"({self.get_modalidad_display()})"
        )
