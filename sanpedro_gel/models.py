from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class UsuarioManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("El correo electrónico es obligatorio.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


# Las cuentas que pueden quedar a cargo de algo del personal (una campaña, una
# pieza, una tarea de difusión, una jornada): `limit_choices_to` de esas
# llaves, que filtra el selector del admin y valida en `full_clean`.
PERSONAL_ACTIVO = {"is_staff": True, "is_active": True}


class Usuario(AbstractUser):
    """Cuenta de una persona: ciudadano que radica trámites o servidor público."""

    username = None
    email = models.EmailField("correo electrónico", unique=True)

    objects = UsuarioManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = "usuario"
        verbose_name_plural = "usuarios"
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), name="usuario_correo_unico_sin_mayusculas"
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.email


class EstadoMensaje(models.TextChoices):
    PENDIENTE = "PENDIENTE", "Pendiente"
    ENVIANDO = "ENVIANDO", "Enviando"
    ENVIADO = "ENVIADO", "Enviado"
    FALLIDO = "FALLIDO", "Fallido"
    ANULADO = "ANULADO", "Anulado"


class Mensaje(models.Model):
    """Un correo transaccional por enviar o ya enviado: la bandeja de salida.

    Lo escribe un servicio de dominio dentro de su propia transacción; lo envía
    `sanpedro_gel.buzon.enviar_mensaje`, fuera de todo bloqueo de dominio.
    """

    # Idempotencia: «tramites.acuse:41». Registrar dos veces la misma clave deja
    # un solo mensaje.
    clave = models.CharField(max_length=200, unique=True)
    # El preparador registrado que arma el contexto («tramites.acuse»).
    tipo = models.CharField(max_length=80)
    plantilla = models.CharField(max_length=150)
    para = models.EmailField("para", max_length=254)
    # La fila de dominio de la que sale el contexto (solicitud, actuación…).
    referencia_tipo = models.ForeignKey(
        "contenttypes.ContentType",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    referencia_id = models.PositiveBigIntegerField(null=True, blank=True)
    referencia = GenericForeignKey("referencia_tipo", "referencia_id")
    # Datos pequeños del contexto que no están en la referencia (JSON).
    datos = models.JSONField(default=dict, blank=True)
    # [{"generar": "tramites.constancia", "id": 41}, {"archivo": "…", …}]
    adjuntos = models.JSONField(default=list, blank=True)
    estado = models.CharField(
        max_length=10, choices=EstadoMensaje, default=EstadoMensaje.PENDIENTE
    )
    intentos = models.PositiveSmallIntegerField(default=0)
    proximo_intento_en = models.DateTimeField("próximo intento", default=timezone.now)
    reclamado_en = models.DateTimeField(null=True, blank=True)
    enviado_en = models.DateTimeField("enviado", null=True, blank=True)
    error = models.TextField("último error", blank=True)
    creado_en = models.DateTimeField("creado", default=timezone.now)

    class Meta:
        verbose_name = "mensaje de la bandeja de salida"
        verbose_name_plural = "bandeja de salida"
        ordering = ["-creado_en", "-pk"]
        permissions = [
            ("reintentar_mensaje", "Puede reintentar o anular mensajes de la bandeja")
        ]
        indexes = [
            models.Index(
                fields=["estado", "proximo_intento_en"], name="mensaje_por_enviar"
            ),
            models.Index(
                fields=["referencia_tipo", "referencia_id"], name="mensaje_referencia"
            ),
        ]

    def __str__(self):
        return f"{self.tipo} para {self.para}"


class EjecucionPeriodica(models.Model):
    """Cuándo corrió bien por última vez cada trabajo periódico (y cuándo falló).

    La escriben las señales de Celery al terminar cada tarea del programa de
    beat, en el trabajador de producción y en el portal embebido por igual.
    """

    # El nombre de la entrada de CELERY_BEAT_SCHEDULE.
    nombre = models.CharField(max_length=100, unique=True)
    tarea = models.CharField(max_length=150)
    vigilado_desde = models.DateTimeField(default=timezone.now)
    ultima_ok_en = models.DateTimeField("última ejecución correcta", null=True)
    ultima_falla_en = models.DateTimeField("última falla", null=True, blank=True)
    ultimo_error = models.TextField("último error", blank=True)
    fallas_seguidas = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "trabajo periódico"
        verbose_name_plural = "trabajos periódicos"
        ordering = ["nombre"]

    def __str__(self):
        return self.nombre


class CorridaPeriodica(models.Model):
    """Una ejecución correcta de un trabajo periódico que informa lo que hizo
    (p. ej. cuántos borradores borró): la constancia de cada depuración.

    La escribe la misma señal de Celery que `EjecucionPeriodica`, solo para las
    tareas del programa que devuelven un resultado; los trabajos de cada minuto
    no devuelven nada y no la llenan.
    """

    nombre = models.CharField(max_length=100)
    tarea = models.CharField(max_length=150)
    terminada_en = models.DateTimeField(default=timezone.now)
    resultado = models.JSONField(default=dict)

    class Meta:
        verbose_name = "ejecución de un trabajo periódico"
        verbose_name_plural = "ejecuciones de los trabajos periódicos"
        ordering = ["-terminada_en"]
        indexes = [
            models.Index(fields=["tarea", "-terminada_en"], name="corrida_tarea"),
        ]

    def __str__(self):
        return f"{self.nombre} {self.terminada_en:%Y-%m-%d %H:%M}"
