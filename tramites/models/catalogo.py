"""El catálogo que los funcionarios editan: fichas SUIT, requisitos, CIIU, días no
hábiles y avisos de privacidad."""

from django.db import models
from django.urls import reverse


class TipoTramite(models.TextChoices):
    INSCRIPCION_ICA = (
        "INSCRIPCION_ICA",
        "Inscripción en el Registro de Industria y Comercio",
    )
    NOVEDAD_ICA = "NOVEDAD_ICA", "Novedad del registro de Industria y Comercio"
    AMPLIACION_HORARIO = "AMPLIACION_HORARIO", "Permiso de ampliación de horario"


# Serie del radicado de cada trámite: <SERIE>-<AÑO>-<NNNNNN>.
SERIES = {
    TipoTramite.INSCRIPCION_ICA: "ICA",
    TipoTramite.NOVEDAD_ICA: "NOV",
    TipoTramite.AMPLIACION_HORARIO: "HOR",
}


class TipoNovedad(models.TextChoices):
    """Las novedades del registro ICA (DOMAIN §3)."""

    DIRECCION_NOTIFICACION = (
        "DIRECCION_NOTIFICACION",
        "Cambio de dirección de notificación",
    )
    TRASLADO_ESTABLECIMIENTO = (
        "TRASLADO_ESTABLECIMIENTO",
        "Traslado del establecimiento",
    )
    RAZON_SOCIAL = "RAZON_SOCIAL", "Cambio de nombre o razón social"
    NOMBRE_COMERCIAL = (
        "NOMBRE_COMERCIAL",
        "Cambio de nombre comercial del establecimiento",
    )
    ACTIVIDAD_ECONOMICA = (
        "ACTIVIDAD_ECONOMICA",
        "Adición, cambio o retiro de actividad económica",
    )
    REPRESENTANTE = "REPRESENTANTE", "Cambio de representante legal o apoderado"
    REGIMEN = "REGIMEN", "Cambio de régimen (ordinario o SIMPLE)"
    APERTURA_ESTABLECIMIENTO = (
        "APERTURA_ESTABLECIMIENTO",
        "Apertura de un establecimiento adicional",
    )
    CIERRE_ESTABLECIMIENTO = "CIERRE_ESTABLECIMIENTO", "Cierre de un establecimiento"
    CESE_ACTIVIDADES = (
        "CESE_ACTIVIDADES",
        "Cese de actividades y cancelación del registro",
    )
    CORRECCION_IDENTIFICACION = (
        "CORRECCION_IDENTIFICACION",
        "Corrección de datos de identificación",
    )
    DATOS_CONTACTO = "DATOS_CONTACTO", "Actualización de datos de contacto"


class DisposicionFinal(models.TextChoices):
    """Qué se hace con un expediente al terminar su retención (Ley 594 de 2000)."""

    CONSERVACION_TOTAL = "CONSERVACION_TOTAL", "Conservación total"
    ELIMINACION = "ELIMINACION", "Eliminación"
    SELECCION = "SELECCION", "Selección"
    MICROFILMACION = "MICROFILMACION", "Microfilmación o digitalización"


class Tramite(models.Model):
    """Ficha pública de un trámite, en la forma del registro SUIT."""

    tipo = models.CharField(max_length=30, choices=TipoTramite, unique=True)
    nombre = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    nombre_estandarizado = models.CharField(
        "nombre estandarizado SUIT", max_length=200, blank=True
    )
    codigo_suit = models.CharField("código SUIT", max_length=20, blank=True)
    dependencia = models.CharField("dependencia que decide", max_length=150)
    proposito = models.TextField("propósito")
    dirigido_a = models.TextField("a quién va dirigido")
    pasos = models.TextField(help_text="Un paso por línea.")
    donde_y_cuando = models.TextField("dónde y cuándo")
    plazo_dias_habiles = models.PositiveSmallIntegerField(
        "tiempo de respuesta (días hábiles)", default=15
    )
    costo = models.CharField(max_length=200, default="Gratuito")
    resultado = models.TextField()
    medio_seguimiento = models.TextField("medio de seguimiento")
    recomendaciones = models.TextField(blank=True)
    anticipacion_dias_habiles = models.PositiveSmallIntegerField(
        "anticipación mínima (días hábiles)",
        default=10,
        help_text="Solo ampliación de horario: con cuántos días hábiles de "
        "anticipación debe radicarse una solicitud ocasional.",
    )
    meses_para_subsanar = models.PositiveSmallIntegerField(
        "plazo para subsanar (meses)",
        default=1,
        help_text="Ley 1755 de 2015, art. 17: tras este plazo sin respuesta se declara "
        "el desistimiento tácito.",
    )
    # Tabla de retención documental de la serie del trámite (Ley 594 de 2000).
    anios_archivo_gestion = models.PositiveSmallIntegerField(
        "años en el archivo de gestión",
        default=2,
        help_text="Tabla de retención documental: desde que se decide la solicitud.",
    )
    anios_archivo_central = models.PositiveSmallIntegerField(
        "años en el archivo central", default=8
    )
    disposicion_final = models.CharField(
        "disposición final",
        max_length=20,
        choices=DisposicionFinal,
        default=DisposicionFinal.SELECCION,
        help_text="Qué se hace con el expediente al terminar su retención; la "
        "eliminación o la transferencia la aprueba siempre un funcionario.",
    )
    activo = models.BooleanField(default=True)
    orden = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["orden", "nombre"]
        verbose_name = "trámite"
        verbose_name_plural = "trámites"

    def __str__(self):
        return self.nombre

    def get_absolute_url(self):
        return reverse("tramites:ficha", kwargs={"slug": self.slug})

    @property
    def serie(self) -> str:
        return SERIES[self.tipo]

    @property
    def anios_retencion(self) -> int:
        return self.anios_archivo_gestion + self.anios_archivo_central

    def lista_de_pasos(self) -> list[str]:
        return [linea.strip() for linea in self.pasos.splitlines() if linea.strip()]


class Norma(models.Model):
    """Norma que sustenta un trámite (normatividad de la ficha SUIT)."""

    tramite = models.ForeignKey(
        Tramite, on_delete=models.CASCADE, related_name="normas", verbose_name="trámite"
    )
    nombre = models.CharField(max_length=200)
    articulos = models.CharField("artículos", max_length=200, blank=True)
    url = models.URLField("enlace", blank=True)
    orden = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["orden", "pk"]

    def __str__(self):
        return self.nombre


class CondicionRequisito(models.TextChoices):
    SIEMPRE = "SIEMPRE", "Siempre"
    PERSONA_NATURAL = "PERSONA_NATURAL", "Persona natural"
    PERSONA_JURIDICA = "PERSONA_JURIDICA", "Persona jurídica"
    CONSORCIO = "CONSORCIO", "Consorcio o unión temporal"
    CON_APODERADO = "CON_APODERADO", "Cuando actúa un apoderado"
    CON_MATRICULA_MERCANTIL = (
        "CON_MATRICULA_MERCANTIL",
        "Cuando tiene matrícula mercantil",
    )
    EVENTO_OCASIONAL = "EVENTO_OCASIONAL", "Solicitud ocasional (evento)"
    TIPO_NOVEDAD = "TIPO_NOVEDAD", "Para un tipo de novedad"


class Requisito(models.Model):
    """Documento que se adjunta a un trámite; solo se exige lo publicado en el SUIT."""

    tramite = models.ForeignKey(
        Tramite,
        on_delete=models.CASCADE,
        related_name="requisitos",
        verbose_name="trámite",
    )
    nombre = models.CharField(max_length=200)
    descripcion = models.TextField("descripción", blank=True)
    condicion = models.CharField(
        "se pide",
        max_length=30,
        choices=CondicionRequisito,
        default=CondicionRequisito.SIEMPRE,
    )
    tipo_novedad = models.CharField(
        max_length=30,
        choices=TipoNovedad,
        blank=True,
        help_text="Solo si se pide para un tipo de novedad.",
    )
    obligatorio = models.BooleanField(default=True)
    se_adjunta = models.BooleanField(
        default=True, help_text="Desmarque para requisitos que no son un archivo."
    )
    activo = models.BooleanField(default=True)
    orden = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["orden", "pk"]

    def __str__(self):
        return self.nombre


class ActividadCIIU(models.Model):
    """Clase de la CIIU Rev. 4 A.C. (DANE); el código conserva el cero inicial."""

    codigo = models.CharField("código", max_length=4, primary_key=True)
    descripcion = models.CharField("descripción", max_length=300)
    seccion = models.CharField("sección", max_length=1, blank=True)
    permite_ampliacion_horario = models.BooleanField(
        "admite ampliación de horario",
        default=False,
        help_text="Sus establecimientos pueden pedir ampliación de horario.",
    )
    activa = models.BooleanField(default=True)

    class Meta:
        verbose_name = "actividad CIIU"
        verbose_name_plural = "actividades CIIU"
        ordering = ["codigo"]

    def __str__(self):
        return f"{self.codigo} — {self.descripcion}"


class DiaNoHabil(models.Model):
    """Día sin términos por decisión local (decreto municipal), además de festivos."""

    fecha = models.DateField(unique=True)
    motivo = models.CharField(max_length=200)

    class Meta:
        verbose_name = "día no hábil local"
        verbose_name_plural = "días no hábiles locales"
        ordering = ["-fecha"]

    def __str__(self):
        return f"{self.fecha:%d/%m/%Y} — {self.motivo}"


class AvisoPrivacidad(models.Model):
    """Versión del aviso de tratamiento de datos que se muestra antes de radicar."""

    tramite = models.ForeignKey(
        Tramite,
        on_delete=models.PROTECT,
        related_name="avisos",
        null=True,
        blank=True,
        verbose_name="trámite",
    )
    version = models.CharField("versión", max_length=20)
    texto = models.TextField()
    vigente_desde = models.DateTimeField()

    class Meta:
        verbose_name = "aviso de privacidad"
        verbose_name_plural = "avisos de privacidad"
        ordering = ["-vigente_desde"]
        constraints = [
            models.UniqueConstraint(
                fields=["tramite", "version"], name="aviso_version_unica"
            ),
        ]

    def __str__(self):
        return f"Aviso {self.version}"
