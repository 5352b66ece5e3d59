"""La encuesta de comunicaciones: el diagnóstico con que empieza el plan.

Una encuesta es interna (servidores públicos, con un enlace personal firmado
que llega en una pieza de correo) o externa (ciudadanos, en /encuestas/). Se
responde una vez por persona o por navegador, y la respuesta se puede cambiar
hasta el cierre.

Anonimato. En una encuesta anónima ninguna tabla une a la persona con lo que
respondió: `Participacion` dice quién respondió (para no dejarle responder dos
veces), sin hora y sin enlace a su `Respuesta`; la respuesta guarda solo la
huella (SHA-256) de un secreto aleatorio que vive en una cookie del navegador
de quien respondió, con la que él —y nadie más— la vuelve a abrir. La fecha de
la respuesta es solo el día, y el identificador de la participación es
aleatorio: ni el orden de las filas ni la hora permiten emparejarlas.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from comunicaciones.models.directorio import Dependencia, Funcionario


class Audiencia(models.TextChoices):
    INTERNA = "INTERNA", "Interna (servidores públicos)"
    EXTERNA = "EXTERNA", "Externa (ciudadanos y organizaciones)"


class TipoPregunta(models.TextChoices):
    UNICA = "UNICA", "Selección única"
    MULTIPLE = "MULTIPLE", "Selección múltiple"
    ESCALA = "ESCALA", "Escala de 1 a 5"
    TEXTO = "TEXTO", "Texto corto"


# Las preguntas que se responden eligiendo opciones escritas por el Líder GEL.
TIPOS_CON_OPCIONES = frozenset({TipoPregunta.UNICA, TipoPregunta.MULTIPLE})


class ZonaEncuesta(models.TextChoices):
    URBANA = "URBANA", "Casco urbano"
    RURAL = "RURAL", "Zona rural (corregimiento o centro poblado)"
    VEREDA = "VEREDA", "Vereda"


class RangoEdad(models.TextChoices):
    MENOS_DE_18 = "MENOS_18", "Menos de 18 años"
    DE_18_A_28 = "18_28", "De 18 a 28 años"
    DE_29_A_44 = "29_44", "De 29 a 44 años"
    DE_45_A_59 = "45_59", "De 45 a 59 años"
    DE_60_O_MAS = "60_MAS", "60 años o más"


class EncuestaQuerySet(models.QuerySet):
    def abiertas(self, ahora=None):
        ahora = ahora or timezone.now()
        return self.filter(abre_en__lte=ahora, cierra_en__gt=ahora)

    def externas_abiertas(self, ahora=None):
        return self.filter(audiencia=Audiencia.EXTERNA).abiertas(ahora)


class Encuesta(models.Model):
    """Encuesta de comunicaciones: qué canales usa y prefiere cada público."""

    titulo = models.CharField("título", max_length=200)
    slug = models.SlugField(
        "dirección",
        max_length=80,
        unique=True,
        help_text="La encuesta externa se publica en /encuestas/<dirección>/.",
    )
    audiencia = models.CharField(
        max_length=10,
        choices=Audiencia,
        help_text="No se cambia después de crearla.",
    )
    anonima = models.BooleanField(
        "anónima",
        default=True,
        help_text="Anónima: el portal no guarda qué respondió cada persona, solo "
        "que ya respondió. Nominal: cada respuesta queda con el nombre de quien "
        "la envió. No se cambia después de crearla.",
    )
    introduccion = models.TextField(
        "introducción", help_text="Para qué es la encuesta y cuánto toma."
    )
    pregunta_zona = models.BooleanField(
        "preguntar la zona",
        default=False,
        help_text="Solo externa: casco urbano, zona rural o vereda (opcional).",
    )
    pregunta_edad = models.BooleanField(
        "preguntar el rango de edad",
        default=False,
        help_text="Solo externa (opcional para quien responde).",
    )
    pide_datos_personales = models.BooleanField(
        "alguna pregunta pide datos personales",
        default=False,
        help_text="Márquelo si una pregunta pide algo de la persona (su nombre, "
        "su barrio, su negocio…): la encuesta mostrará el aviso de datos.",
    )
    aviso_datos = models.TextField(
        "aviso de tratamiento de datos",
        blank=True,
        help_text="Obligatorio si la encuesta es nominal o pide la zona, la edad "
        "u otro dato personal (Ley 1581 de 2012): quién trata los datos, para "
        "qué, que responder es voluntario y cómo ejercer sus derechos.",
    )
    abre_en = models.DateTimeField("abre el", help_text="Hora de Colombia.")
    cierra_en = models.DateTimeField("cierra el", help_text="Hora de Colombia.")
    creada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    creada_en = models.DateTimeField(auto_now_add=True)

    objects = EncuestaQuerySet.as_manager()

    class Meta:
        ordering = ["-abre_en", "titulo"]
        permissions = [
            ("ver_resultados", "Ve y exporta los resultados de las encuestas"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(cierra_en__gt=models.F("abre_en")),
                name="encuesta_cierra_tras_abrir",
            ),
        ]

    def __str__(self):
        return self.titulo

    def get_absolute_url(self):
        return reverse("comunicaciones:encuesta", kwargs={"slug": self.slug})

    def abierta(self, ahora=None) -> bool:
        ahora = ahora or timezone.now()
        return self.abre_en <= ahora < self.cierra_en

    @property
    def es_interna(self) -> bool:
        return self.audiencia == Audiencia.INTERNA

    @property
    def necesita_aviso(self) -> bool:
        """Pide algo personal (DOMAIN §9): debe mostrar el aviso de datos."""
        return (
            not self.anonima
            or self.pide_datos_personales
            or (
                self.audiencia == Audiencia.EXTERNA
                and (self.pregunta_zona or self.pregunta_edad)
            )
        )


class Pregunta(models.Model):
    """Una pregunta de la encuesta, en su orden."""

    encuesta = models.ForeignKey(
        Encuesta, on_delete=models.CASCADE, related_name="preguntas"
    )
    orden = models.PositiveSmallIntegerField(default=0)
    texto = models.CharField(max_length=300)
    ayuda = models.CharField(
        max_length=300, blank=True, help_text="Aclaración bajo la pregunta."
    )
    tipo = models.CharField(max_length=10, choices=TipoPregunta)
    obligatoria = models.BooleanField(default=True)
    ranking_de = models.CharField(
        "ranking de canales de",
        max_length=10,
        choices=Audiencia,
        blank=True,
        help_text="Si sus opciones son canales de comunicación: el público cuyo "
        "ranking de canales alimenta (lo ve quien diseña las piezas del plan). "
        "Una encuesta interna puede preguntar a los servidores por ambos públicos.",
    )

    class Meta:
        ordering = ["orden", "pk"]

    def __str__(self):
        return self.texto

    @property
    def tiene_opciones(self) -> bool:
        return self.tipo in TIPOS_CON_OPCIONES


class Opcion(models.Model):
    """Una opción de respuesta de una pregunta de selección, en su orden."""

    pregunta = models.ForeignKey(
        Pregunta, on_delete=models.CASCADE, related_name="opciones"
    )
    orden = models.PositiveSmallIntegerField(default=0)
    texto = models.CharField(max_length=200)

    class Meta:
        verbose_name = "opción"
        verbose_name_plural = "opciones"
        ordering = ["orden", "pk"]

    def __str__(self):
        return self.texto


class Respuesta(models.Model):
    """Lo que una persona respondió a una encuesta.

    Nominal: `funcionario` dice quién. Anónima o externa: solo
    `clave_navegador`, la huella del secreto que guarda el navegador de quien
    respondió. La dependencia y la vinculación (internas) y la zona y la edad
    (externas) son para filtrar los resultados.
    """

    encuesta = models.ForeignKey(
        Encuesta, on_delete=models.PROTECT, related_name="respuestas"
    )
    funcionario = models.ForeignKey(
        Funcionario,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="respuestas_de_encuesta",
    )
    clave_navegador = models.CharField(max_length=64, blank=True, editable=False)
    dependencia = models.ForeignKey(
        Dependencia, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    vinculacion = models.CharField("vinculación", max_length=30, blank=True)
    zona = models.CharField(max_length=10, choices=ZonaEncuesta, blank=True)
    rango_edad = models.CharField(
        "rango de edad", max_length=10, choices=RangoEdad, blank=True
    )
    origen = models.CharField(
        max_length=60,
        blank=True,
        help_text="Etiqueta del enlace o QR por el que llegó.",
    )
    # Solo el día: la hora permitiría emparejar una respuesta anónima con su
    # participación.
    recibida_el = models.DateField("recibida el")

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["encuesta", "funcionario"],
                condition=Q(funcionario__isnull=False),
                name="respuesta_una_por_funcionario",
            ),
            models.UniqueConstraint(
                fields=["encuesta", "clave_navegador"],
                condition=~Q(clave_navegador=""),
                name="respuesta_una_por_navegador",
            ),
        ]

    def __str__(self):
        return f"Respuesta {self.pk} a {self.encuesta}"


class Contestacion(models.Model):
    """La respuesta a una pregunta: una opción (una fila por opción elegida en
    las de selección múltiple), un valor de 1 a 5 o un texto."""

    respuesta = models.ForeignKey(
        Respuesta, on_delete=models.CASCADE, related_name="contestaciones"
    )
    pregunta = models.ForeignKey(
        Pregunta, on_delete=models.PROTECT, related_name="contestaciones"
    )
    opcion = models.ForeignKey(
        Opcion,
        verbose_name="opción",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contestaciones",
    )
    valor = models.PositiveSmallIntegerField(null=True, blank=True)
    texto = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = "contestación"
        verbose_name_plural = "contestaciones"
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["pregunta", "opcion"], name="contestacion_opcion"),
        ]

    def __str__(self):
        return f"{self.pregunta}: {self.opcion or self.valor or self.texto}"


class Participacion(models.Model):
    """Que un servidor público ya respondió una encuesta interna anónima.

    No dice cuándo ni qué respondió: solo impide una segunda respuesta.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    encuesta = models.ForeignKey(
        Encuesta, on_delete=models.CASCADE, related_name="participaciones"
    )
    funcionario = models.ForeignKey(
        Funcionario, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "participación"
        verbose_name_plural = "participaciones"
        constraints = [
            models.UniqueConstraint(
                fields=["encuesta", "funcionario"], name="participacion_unica"
            ),
        ]

    def __str__(self):
        return f"{self.funcionario} respondió {self.encuesta}"
