"""El registro municipal de Industria y Comercio: contribuyentes, sus actividades y
sus establecimientos. Cada cambio queda en su historial (django-simple-history)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from tramites.models.catalogo import ActividadCIIU


class TipoDocumento(models.TextChoices):
    """Códigos de la DIAN (DOMAIN §7)."""

    CC = "CC", "Cédula de ciudadanía"
    CE = "CE", "Cédula de extranjería"
    NIT = "NIT", "NIT"
    TI = "TI", "Tarjeta de identidad"
    PA = "PA", "Pasaporte"
    PEP = "PEP", "Permiso especial de permanencia"
    PPT = "PPT", "Permiso por protección temporal"
    NIT_EXTRANJERO = "NIT_EXTRANJERO", "NIT de otro país"


class Naturaleza(models.TextChoices):
    PERSONA_NATURAL = "PERSONA_NATURAL", "Persona natural"
    PERSONA_JURIDICA = "PERSONA_JURIDICA", "Persona jurídica"
    SOCIEDAD_DE_HECHO = "SOCIEDAD_DE_HECHO", "Sociedad de hecho"
    CONSORCIO = "CONSORCIO", "Consorcio o unión temporal"


class Regimen(models.TextChoices):
    ORDINARIO = "ORDINARIO", "Ordinario"
    SIMPLE = "SIMPLE", "Régimen Simple de Tributación (SIMPLE)"


class Zona(models.TextChoices):
    URBANA = "URBANA", "Urbana (barrio)"
    RURAL = "RURAL", "Rural (vereda)"


class EstadoRegistro(models.TextChoices):
    ACTIVO = "ACTIVO", "Activo"
    CANCELADO = "CANCELADO", "Cancelado"


class ContribuyenteQuerySet(models.QuerySet):
    def activos(self):
        return self.filter(estado=EstadoRegistro.ACTIVO)


class Contribuyente(models.Model):
    """Inscrito en el registro de Industria y Comercio del municipio."""

    matricula = models.CharField("matrícula ICA", max_length=20, unique=True)
    tipo_documento = models.CharField(max_length=20, choices=TipoDocumento)
    numero_documento = models.CharField(
        "número de documento", max_length=20, db_index=True
    )
    digito_verificacion = models.CharField("DV", max_length=1, blank=True)
    naturaleza = models.CharField(max_length=20, choices=Naturaleza)
    nombre = models.CharField("nombre o razón social", max_length=250)
    regimen = models.CharField("régimen", max_length=12, choices=Regimen)
    direccion_notificacion = models.CharField(
        "dirección de notificación", max_length=200
    )
    municipio_notificacion = models.CharField(
        "municipio de notificación", max_length=100, default="San Pedro de los Milagros"
    )
    departamento_notificacion = models.CharField(
        "departamento de notificación", max_length=100, default="Antioquia"
    )
    telefono = models.CharField("teléfono", max_length=20, blank=True)
    celular = models.CharField(max_length=20, blank=True)
    correo = models.EmailField("correo electrónico", blank=True)
    autoriza_notificacion_electronica = models.BooleanField(
        "autoriza la notificación electrónica", default=False
    )
    matricula_mercantil = models.CharField(max_length=30, blank=True)
    fecha_matricula_mercantil = models.DateField(null=True, blank=True)
    camara_comercio = models.CharField("cámara de comercio", max_length=100, blank=True)
    representante_nombres = models.CharField(
        "representante legal", max_length=200, blank=True
    )
    representante_tipo_documento = models.CharField(
        max_length=20, choices=TipoDocumento, blank=True
    )
    representante_numero_documento = models.CharField(
        "número de documento del representante", max_length=20, blank=True
    )
    representante_correo = models.EmailField(blank=True)
    estado = models.CharField(
        max_length=10,
        choices=EstadoRegistro,
        default=EstadoRegistro.ACTIVO,
        db_index=True,
    )
    inscrito_el = models.DateField("fecha de inscripción")
    cancelado_el = models.DateField("fecha de cancelación", null=True, blank=True)
    titular_cuenta = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registros",
        verbose_name="cuenta del titular en el portal",
        help_text="La cuenta que ve este registro en «Mis establecimientos» y "
        "radica sus novedades y ampliaciones de horario.",
    )
    history = HistoricalRecords(verbose_name="versión del contribuyente")

    objects = ContribuyenteQuerySet.as_manager()

    class Meta:
        ordering = ["nombre"]
        constraints = [
            models.UniqueConstraint(
                fields=["tipo_documento", "numero_documento"],
                condition=Q(estado="ACTIVO"),
                name="un_registro_activo_por_documento",
            ),
        ]

    def __str__(self):
        return f"{self.nombre} ({self.matricula})"


class ActividadContribuyente(models.Model):
    """Actividad económica CIIU que ejerce un contribuyente."""

    contribuyente = models.ForeignKey(
        Contribuyente, on_delete=models.CASCADE, related_name="actividades"
    )
    actividad = models.ForeignKey(ActividadCIIU, on_delete=models.PROTECT)
    principal = models.BooleanField(default=False)
    history = HistoricalRecords(verbose_name="versión de la actividad")

    class Meta:
        verbose_name = "actividad del contribuyente"
        verbose_name_plural = "actividades del contribuyente"
        constraints = [
            models.UniqueConstraint(
                fields=["contribuyente", "actividad"],
                name="actividad_unica_por_contribuyente",
            ),
            models.UniqueConstraint(
                fields=["contribuyente"],
                condition=Q(principal=True),
                name="una_actividad_principal",
            ),
        ]

    def __str__(self):
        return str(self.actividad)


class EstablecimientoQuerySet(models.QuerySet):
    def activos(self):
        return self.filter(activo=True, contribuyente__estado=EstadoRegistro.ACTIVO)


class Establecimiento(models.Model):
    """Local abierto al público de un contribuyente."""

    contribuyente = models.ForeignKey(
        Contribuyente, on_delete=models.CASCADE, related_name="establecimientos"
    )
    nombre_comercial = models.CharField(max_length=200)
    direccion = models.CharField("dirección", max_length=200)
    zona = models.CharField(max_length=10, choices=Zona)
    barrio_vereda = models.CharField("barrio o vereda", max_length=120)
    telefono = models.CharField("teléfono", max_length=20, blank=True)
    actividad = models.ForeignKey(
        ActividadCIIU,
        on_delete=models.PROTECT,
        verbose_name="actividad principal del local",
    )
    inicio_actividades = models.DateField("inicio de actividades en el municipio")
    area_m2 = models.DecimalField("área (m²)", max_digits=9, decimal_places=2)
    empleados = models.PositiveIntegerField("número de empleados")
    avisos_tableros = models.BooleanField("avisos y tableros", default=False)
    aforo = models.PositiveIntegerField(null=True, blank=True)
    horario_ordinario = models.CharField(max_length=200, blank=True)
    activo = models.BooleanField(default=True)
    cerrado_el = models.DateField(null=True, blank=True)
    history = HistoricalRecords(verbose_name="versión del establecimiento")

    objects = EstablecimientoQuerySet.as_manager()

    class Meta:
        ordering = ["nombre_comercial"]

    def __str__(self):
        return f"{self.nombre_comercial} — {self.direccion}"
