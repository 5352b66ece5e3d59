from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from capacitacion.reglas import (
    describir_horario,
    describir_regla,
    nombre_del_tema,
    temas_por_componente,
)
from comunicaciones.models import Dependencia, Funcionario, Vinculacion
from sanpedro_gel.almacenamiento import almacenamiento_privado
from sanpedro_gel.models import PERSONAL_ACTIVO


class TipoJornada(models.TextChoices):
    CAPACITACION = "CAPACITACION", "Jornada de capacitación"
    TALLER = "TALLER", "Taller técnico"
    SOCIALIZACION = "SOCIALIZACION", "Socialización por dependencia"
    ASESORIA = "ASESORIA", "Asesoría ciudadana"


class EstadoJornada(models.TextChoices):
    BORRADOR = "BORRADOR", "Borrador"
    CONVOCADA = "CONVOCADA", "Convocada"
    REALIZADA = "REALIZADA", "Realizada"
    CANCELADA = "CANCELADA", "Cancelada"


class Alcance(models.TextChoices):
    TODO_EL_PERSONAL = "TODO", "Todo el personal activo"
    SELECCION = "SELECCION", "Dependencias, vinculaciones o lista de funcionarios"


class JornadaQuerySet(models.QuerySet):
    def publicadas(self):
        return self.filter(publicada=True).exclude(estado=EstadoJornada.BORRADOR)

    def proximas(self, ahora=None):
        return self.filter(
            estado=EstadoJornada.CONVOCADA, fin__gte=ahora or timezone.now()
        )

    def con_conteos(self):
        return self.annotate(
            num_invitados=Count("asistencias", distinct=True),
            num_confirmados=Count(
                "asistencias",
                filter=Q(asistencias__confirmado_en__isnull=False),
                distinct=True,
            ),
            num_asistentes=Count(
                "asistencias",
                filter=Q(asistencias__asistio_en__isnull=False),
                distinct=True,
            ),
        )


def ruta_material(instancia, nombre):
    return f"capacitacion/materiales/{instancia.jornada_id}/{nombre}"


def ruta_certificado(instancia, nombre):
    return f"capacitacion/certificados/{nombre}"


class Jornada(models.Model):
    """Sesión de formación del plan GEL: capacitación, taller, socialización o
    asesoría."""

    tipo = models.CharField(max_length=15, choices=TipoJornada)
    titulo = models.CharField("título", max_length=200)
    descripcion = models.TextField("descripción", blank=True)
    temas = models.JSONField(
        default=list,
        blank=True,
        help_text="Actividades del plan (1–9) que se tratan.",
    )
    lugar = models.CharField(max_length=200)
    inicio = models.DateTimeField()
    fin = models.DateTimeField()
    responsable = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jornadas_a_cargo",
        limit_choices_to=PERSONAL_ACTIVO,
    )
    dependencia = models.ForeignKey(
        Dependencia,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="socializaciones",
        help_text="Socialización: la dependencia que se visita.",
    )
    cupo = models.PositiveIntegerField(
        null=True, blank=True, help_text="Vacío: sin límite."
    )
    estado = models.CharField(
        max_length=10, choices=EstadoJornada, default=EstadoJornada.BORRADOR
    )
    publicada = models.BooleanField(
        default=False, help_text="Se muestra en la página pública de capacitación."
    )
    # A quién se convoca.
    alcance = models.CharField(
        max_length=10, choices=Alcance, default=Alcance.SELECCION
    )
    dependencias = models.ManyToManyField(
        Dependencia, blank=True, related_name="jornadas"
    )
    vinculaciones = models.JSONField(default=list, blank=True)
    funcionarios = models.ManyToManyField(
        Funcionario,
        blank=True,
        related_name="jornadas_nominales",
        help_text="Convocados con nombre propio, además de los filtros.",
    )
    convocada_en = models.DateTimeField(null=True, blank=True)
    realizada_en = models.DateTimeField(null=True, blank=True)
    cancelada_en = models.DateTimeField(null=True, blank=True)
    creada_en = models.DateTimeField(auto_now_add=True)
    actualizada_en = models.DateTimeField(auto_now=True)

    objects = JornadaQuerySet.as_manager()

    class Meta:
        ordering = ["-inicio"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fin__gt=models.F("inicio")), name="jornada_fin_tras_inicio"
            ),
        ]

    def __str__(self):
        return self.titulo

    def get_absolute_url(self):
        return reverse("capacitacion:jornada", args=[self.pk])

    @property
    def temas_legibles(self) -> list[str]:
        return [nombre_del_tema(t) for t in sorted(self.temas) if 1 <= t <= 9]

    @property
    def temas_agrupados(self):
        return temas_por_componente(self.temas)

    @property
    def vinculaciones_legibles(self) -> list[str]:
        return [Vinculacion(v).label for v in self.vinculaciones if v in Vinculacion]

    @property
    def horario(self) -> str:
        return describir_horario(self.inicio, self.fin)

    @property
    def horas(self) -> float:
        return round((self.fin - self.inicio).total_seconds() / 3600, 1)


class EstadoAsistencia(models.TextChoices):
    CONVOCADA = "CONVOCADA", "Convocada"
    CONFIRMADA = "CONFIRMADA", "Confirmó"
    ASISTIO = "ASISTIO", "Asistió"


class Asistencia(models.Model):
    """Un funcionario en la lista de una jornada: convocado, si confirmó y si
    asistió, con la hora de cada paso."""

    jornada = models.ForeignKey(
        Jornada, on_delete=models.CASCADE, related_name="asistencias"
    )
    funcionario = models.ForeignKey(
        Funcionario, on_delete=models.PROTECT, related_name="asistencias"
    )
    invitado_en = models.DateTimeField(null=True, blank=True)
    confirmado_en = models.DateTimeField(null=True, blank=True)
    asistio_en = models.DateTimeField("asistió", null=True, blank=True)
    estado = models.CharField(
        max_length=10, choices=EstadoAsistencia, default=EstadoAsistencia.CONVOCADA
    )
    registrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["funcionario__apellidos", "funcionario__nombres"]
        constraints = [
            models.UniqueConstraint(
                fields=["jornada", "funcionario"], name="asistencia_unica"
            ),
        ]

    def __str__(self):
        return f"{self.funcionario} — {self.jornada}"


class TipoAviso(models.TextChoices):
    INVITACION = "INVITACION", "Invitación"
    RECORDATORIO = "RECORDATORIO", "Recordatorio"
    CAMBIO = "CAMBIO", "Cambio de fecha"
    CANCELACION = "CANCELACION", "Cancelación"


class Aviso(models.Model):
    """Regla de correo relativa al inicio («7 días antes a las 8:00»), con su
    hora calculada.

    `procesado_en` lo sella el despachador al tomarlo: desde ahí cada
    convocado tiene su mensaje en la bandeja de salida (`omitido` dice por qué
    no salió, si no salió).
    """

    jornada = models.ForeignKey(
        Jornada, on_delete=models.CASCADE, related_name="avisos"
    )
    tipo = models.CharField(max_length=12, choices=TipoAviso)
    dias_antes = models.PositiveSmallIntegerField("días antes", null=True, blank=True)
    hora = models.TimeField(
        null=True, blank=True, help_text="Vacío: a la misma hora del inicio."
    )
    enviar_en = models.DateTimeField()
    procesado_en = models.DateTimeField(null=True, blank=True)
    omitido = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["enviar_en", "pk"]

    def __str__(self):
        return f"{self.get_tipo_display()} — {self.regla}"

    @property
    def regla(self) -> str:
        if self.dias_antes is None:
            return "Inmediato"
        return describir_regla(self.dias_antes, self.hora)


class Seguimiento(models.Model):
    """Mensaje virtual de seguimiento a quienes asistieron (el plan pide enviarlo
    periódicamente)."""

    jornada = models.ForeignKey(
        Jornada, on_delete=models.CASCADE, related_name="seguimientos"
    )
    asunto = models.CharField(max_length=200)
    mensaje = models.TextField()
    enviar_en = models.DateTimeField(
        help_text="Hora de Colombia. Sale solo si la jornada ya se realizó."
    )
    procesado_en = models.DateTimeField(null=True, blank=True)
    creado_en = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["enviar_en", "pk"]

    def __str__(self):
        return self.asunto


class Material(models.Model):
    """Memorias y resultados de una jornada (archivo o enlace), publicados después."""

    jornada = models.ForeignKey(
        Jornada, on_delete=models.CASCADE, related_name="materiales"
    )
    titulo = models.CharField("título", max_length=200)
    archivo = models.FileField(
        storage=almacenamiento_privado, upload_to=ruta_material, blank=True
    )
    enlace = models.URLField(blank=True)
    publico = models.BooleanField(
        "público",
        default=True,
        help_text="Desmarcado: solo lo ven los servidores públicos (intranet).",
    )
    publicado_en = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "materiales"
        ordering = ["pk"]

    def __str__(self):
        return self.titulo

    def get_absolute_url(self):
        if self.enlace and not self.archivo:
            return self.enlace
        return reverse("capacitacion:material", args=[self.pk])


class Certificado(models.Model):
    """Certificado de asistencia: uno por asistencia, verificable por su código.

    `contenido` congela lo que dice el documento al expedirlo; `archivo` es el
    PDF, que se dibuja una vez, la primera vez que se necesita.
    """

    asistencia = models.OneToOneField(
        Asistencia, on_delete=models.PROTECT, related_name="certificado"
    )
    codigo_verificacion = models.CharField(
        "código de verificación", max_length=12, unique=True
    )
    contenido = models.JSONField(default=dict)
    archivo = models.FileField(
        storage=almacenamiento_privado, upload_to=ruta_certificado, blank=True
    )
    expedido_en = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-expedido_en", "-pk"]

    def __str__(self):
        return f"Certificado {self.codigo_verificacion}"

    @property
    def nombre_archivo(self) -> str:
        return f"certificado-asistencia-{self.codigo_verificacion}.pdf"


class EstadoInscripcion(models.TextChoices):
    INSCRITA = "INSCRITA", "Inscrita"
    ESPERA = "ESPERA", "En lista de espera"
    CANCELADA = "CANCELADA", "Cancelada"
    ASISTIO = "ASISTIO", "Asistió"


# Quienes ocupan un cupo de la jornada.
CON_CUPO = [EstadoInscripcion.INSCRITA, EstadoInscripcion.ASISTIO]


class Inscripcion(models.Model):
    """Un ciudadano (cuenta del portal) inscrito a una asesoría ciudadana: con
    cupo, en lista de espera con su puesto, cancelada o ya atendida.

    `codigo_verificacion` es el código corto que muestra en la entrada para que
    el funcionario registre su llegada.
    """

    jornada = models.ForeignKey(
        Jornada, on_delete=models.CASCADE, related_name="inscripciones"
    )
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="inscripciones_a_jornadas",
    )
    estado = models.CharField(max_length=10, choices=EstadoInscripcion)
    posicion = models.PositiveIntegerField(
        "puesto en la lista de espera", null=True, blank=True
    )
    codigo_verificacion = models.CharField(
        "código de llegada", max_length=12, unique=True
    )
    inscrita_en = models.DateTimeField()
    promovida_en = models.DateTimeField("obtuvo cupo", null=True, blank=True)
    cancelada_en = models.DateTimeField(null=True, blank=True)
    asistio_en = models.DateTimeField("asistió", null=True, blank=True)
    registrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "inscripción"
        verbose_name_plural = "inscripciones"
        ordering = ["inscrita_en", "pk"]
        constraints = [
            # Una inscripción vigente por cuenta y jornada; tras cancelar puede
            # volver a inscribirse.
            models.UniqueConstraint(
                fields=["jornada", "usuario"],
                condition=~Q(estado=EstadoInscripcion.CANCELADA),
                name="inscripcion_vigente_unica",
            ),
            models.CheckConstraint(
                condition=Q(estado=EstadoInscripcion.ESPERA, posicion__isnull=False)
                | (~Q(estado=EstadoInscripcion.ESPERA) & Q(posicion__isnull=True)),
                name="inscripcion_puesto_solo_en_espera",
            ),
        ]

    def __str__(self):
        return f"{self.usuario} — {self.jornada}"

    def get_absolute_url(self):
        return reverse("capacitacion:inscripcion", args=[self.pk])

    @property
    def vigente(self) -> bool:
        return self.estado != EstadoInscripcion.CANCELADA
