"""Las solicitudes de los ciudadanos, sus adjuntos y su historial."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from sanpedro_gel.almacenamiento import almacenamiento_privado
from tramites.models.catalogo import AvisoPrivacidad, Requisito, Tramite


class Estado(models.TextChoices):
    BORRADOR = "BORRADOR", "Borrador"
    RADICADO = "RADICADO", "Radicado"
    EN_REVISION = "EN_REVISION", "En revisión"
    REQUIERE_SUBSANACION = "REQUIERE_SUBSANACION", "Requiere subsanación"
    APROBADO = "APROBADO", "Aprobado"
    RECHAZADO = "RECHAZADO", "Rechazado"
    DESISTIDO = "DESISTIDO", "Desistido"


class ComoSeEntero(models.TextChoices):
    """Respuesta a «¿Cómo se enteró de este trámite?» (atribución del plan)."""

    EMISORA = "EMISORA", "Emisora"
    PRENSA = "PRENSA", "Prensa"
    TELEVISION = "TELEVISION", "Televisión"
    AFICHE = "AFICHE", "Afiche"
    BANNER = "BANNER", "Banner del portal"
    REDES_SOCIALES = "REDES_SOCIALES", "Redes sociales"
    CORREO = "CORREO", "Correo electrónico"
    FUNCIONARIO = "FUNCIONARIO", "Un funcionario de la Alcaldía"
    JORNADA = "JORNADA", "Jornada o colegio"
    OTRO = "OTRO", "Otro"


def _ruta_privada(carpeta: str, nombre: str) -> str:
    # Nombre generado: el del ciudadano nunca llega al disco.
    extension = PurePosixPath(nombre).suffix.lower()[:8]
    hoy = timezone.localdate()
    return f"{carpeta}/{hoy:%Y/%m}/{uuid.uuid4().hex}{extension}"


def ruta_constancia(instancia, nombre):
    return _ruta_privada("constancias", nombre)


def ruta_adjunto(instancia, nombre):
    return _ruta_privada("adjuntos", nombre)


class SolicitudQuerySet(models.QuerySet):
    def de(self, usuario):
        return self.filter(solicitante=usuario)

    def radicadas(self):
        return self.exclude(estado=Estado.BORRADOR)


class Solicitud(models.Model):
    """Lo que un ciudadano pide en un trámite, desde el borrador hasta la decisión."""

    tramite = models.ForeignKey(
        Tramite,
        on_delete=models.PROTECT,
        related_name="solicitudes",
        verbose_name="trámite",
    )
    solicitante = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="solicitudes"
    )
    estado = models.CharField(max_length=25, choices=Estado, default=Estado.BORRADOR)
    datos = models.JSONField(
        default=dict, blank=True, help_text="Respuestas del formulario, por paso."
    )
    a_medias = models.JSONField(
        "pasos sin terminar",
        default=dict,
        blank=True,
        help_text=(
            "Lo escrito tal cual en los pasos que el ciudadano guardó para después "
            "sin completarlos (aún no validado), por paso."
        ),
    )
    paso_actual = models.CharField(max_length=40, blank=True)

    # Copias de los datos para buscar y ordenar la bandeja (se fijan al radicar).
    documento = models.CharField("documento del solicitante", max_length=20, blank=True)
    nombre_solicitante = models.CharField(max_length=250, blank=True)

    radicado = models.CharField(max_length=20, unique=True, null=True, blank=True)
    radicado_en = models.DateTimeField(null=True, blank=True)
    vence_el = models.DateField("vence el", null=True, blank=True)
    codigo_verificacion = models.CharField(
        "código de verificación", max_length=8, unique=True, null=True, blank=True
    )

    # El PDF de la constancia de radicación: se dibuja fuera de la radicación,
    # al enviar el acuse o al descargarla (services.radicacion.generar_constancia).
    constancia = models.FileField(
        storage=almacenamiento_privado, upload_to=ruta_constancia, blank=True
    )

    aviso_privacidad = models.ForeignKey(
        AvisoPrivacidad, on_delete=models.PROTECT, null=True, blank=True
    )
    aviso_aceptado_en = models.DateTimeField(null=True, blank=True)

    como_se_entero = models.CharField(
        "¿cómo se enteró?", max_length=20, choices=ComoSeEntero, blank=True
    )
    origen = models.CharField(
        max_length=60, blank=True, help_text="Etiqueta del enlace por el que llegó."
    )

    asignado_a = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="solicitudes_asignadas",
    )

    # Término (Ley 1755 de 2015, art. 17). Mientras la solicitud espera al
    # ciudadano el término se suspende: se guardan los días hábiles que quedaban
    # y, cuando el ciudadano responde, `vence_el` se recalcula con ellos.
    termino_suspendido_el = models.DateField(
        "término suspendido desde", null=True, blank=True
    )
    dias_habiles_restantes = models.SmallIntegerField(
        "días hábiles restantes al suspender", null=True, blank=True
    )
    dias_habiles_suspendido = models.PositiveSmallIntegerField(
        "días hábiles con el término suspendido", default=0
    )
    prorrogada_en = models.DateTimeField("prorrogada en", null=True, blank=True)
    # Se fijan al decidir; el tablero del Líder GEL los agrega sin recalcular
    # calendarios fila por fila.
    decidida_en = models.DateTimeField("decidida en", null=True, blank=True)
    dias_habiles_para_decidir = models.PositiveSmallIntegerField(
        "días hábiles para decidir", null=True, blank=True
    )
    decidida_a_tiempo = models.BooleanField(
        "decidida dentro del término", null=True, blank=True
    )

    creado_en = models.DateTimeField(auto_now_add=True)
    actualizado_en = models.DateTimeField(auto_now=True)

    objects = SolicitudQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "solicitudes"
        ordering = ["-creado_en"]
        permissions = [
            ("revisar_ica", "Revisa inscripciones y novedades de Industria y Comercio"),
            ("revisar_horario", "Revisa ampliaciones de horario"),
            ("ver_todas", "Ve todas las solicitudes (solo lectura)"),
        ]
        indexes = [
            models.Index(fields=["estado", "vence_el"], name="solicitud_estado_vence"),
            models.Index(fields=["tramite", "estado"], name="solicitud_tramite_estado"),
            models.Index(
                fields=["solicitante", "-creado_en"], name="solicitud_solicitante"
            ),
            # varchar_pattern_ops: sirve a la igualdad y a la búsqueda por
            # prefijo (LIKE '4312%') de la bandeja en PostgreSQL.
            models.Index(
                fields=["documento"],
                name="solicitud_documento",
                opclasses=["varchar_pattern_ops"],
            ),
            models.Index(fields=["-radicado_en"], name="solicitud_radicado_en"),
            # La bandeja filtrada por «asignadas a mí», ordenada por vencimiento.
            models.Index(
                fields=["asignado_a", "estado", "vence_el"],
                name="solicitud_asignado_estado",
            ),
            # La bandeja por defecto (pendientes, las que vencen primero) se lee
            # en orden del índice sin ordenar miles de filas.
            models.Index(
                fields=["vence_el", "id"],
                name="solicitud_pendientes_vence",
                condition=Q(
                    estado__in=["RADICADO", "EN_REVISION", "REQUIERE_SUBSANACION"]
                ),
            ),
            models.Index(fields=["vence_el", "id"], name="solicitud_vence_id"),
        ]

    def __str__(self):
        return self.radicado or f"Borrador {self.pk} — {self.tramite}"

    def get_absolute_url(self):
        return reverse("tramites:solicitud", kwargs={"pk": self.pk})


class Adjunto(models.Model):
    """Archivo que el ciudadano aporta para un requisito."""

    solicitud = models.ForeignKey(
        Solicitud, on_delete=models.CASCADE, related_name="adjuntos"
    )
    requisito = models.ForeignKey(
        Requisito, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    archivo = models.FileField(storage=almacenamiento_privado, upload_to=ruta_adjunto)
    nombre_original = models.CharField(max_length=255)
    tipo_contenido = models.CharField(max_length=60)
    tamano = models.PositiveBigIntegerField("tamaño (bytes)")
    sha256 = models.CharField("SHA-256", max_length=64)
    vigente = models.BooleanField(
        default=True, help_text="Falso cuando una subsanación lo reemplazó."
    )
    subido_en = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["subido_en"]

    def __str__(self):
        return self.nombre_original


class DescargaArchivo(models.Model):
    """Constancia de quién descargó un archivo privado y cuándo."""

    solicitud = models.ForeignKey(
        Solicitud, on_delete=models.CASCADE, related_name="descargas"
    )
    adjunto = models.ForeignKey(
        Adjunto, on_delete=models.SET_NULL, null=True, blank=True
    )
    archivo = models.CharField(
        max_length=40, help_text="adjunto, constancia, certificado…"
    )
    usuario = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    ip = models.GenericIPAddressField(null=True, blank=True)
    descargado_en = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "descarga de archivo"
        verbose_name_plural = "descargas de archivos"
        ordering = ["-descargado_en"]

    def __str__(self):
        return f"{self.archivo} de {self.solicitud} por {self.usuario}"


class Actuacion(models.Model):
    """Una actuación sobre la solicitud: cambio de estado, asignación, prórroga…"""

    solicitud = models.ForeignKey(
        Solicitud, on_delete=models.CASCADE, related_name="historial"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    estado_origen = models.CharField(max_length=25, choices=Estado, blank=True)
    estado_destino = models.CharField(max_length=25, choices=Estado, blank=True)
    descripcion = models.CharField("descripción", max_length=200)
    observacion = models.TextField("observación", blank=True)
    publica = models.BooleanField(
        default=True, help_text="El ciudadano la ve en su historial."
    )
    creada_en = models.DateTimeField(default=timezone.now)
    # El aviso al ciudadano que la actuación dejó en la bandeja de salida:
    # nombra la plantilla de correo (vacío = no se avisa). Si ya salió lo dice
    # el mensaje de la bandeja (services.avisos.avisos_de).
    aviso = models.CharField(max_length=40, blank=True)
    documento = models.ForeignKey(
        "tramites.DocumentoExpedido",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Documento expedido que el aviso lleva adjunto.",
    )

    class Meta:
        verbose_name = "actuación"
        verbose_name_plural = "actuaciones"
        ordering = ["creada_en", "pk"]

    def __str__(self):
        return self.descripcion


class Consecutivo(models.Model):
    """Último número usado de una serie en un año (radicados, resoluciones, matrículas).

    Se incrementa dentro de la transacción que usa el número: si esa transacción
    se revierte, el número vuelve a estar libre y la serie no tiene huecos.
    """

    serie = models.CharField(max_length=10)
    anio = models.PositiveSmallIntegerField("año")
    ultimo = models.PositiveIntegerField("último", default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["serie", "anio"], name="consecutivo_unico"),
        ]

    def __str__(self):
        return f"{self.serie}-{self.anio}: {self.ultimo}"
