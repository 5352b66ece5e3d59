"""Las piezas de una campaña: un mensaje por canal y hora de Colombia."""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.images import get_image_dimensions
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from comunicaciones import estados
from comunicaciones.models.audiencias import Segmento
from comunicaciones.models.campanas import (
    Campana,
    FirmaAlcalde,
    ruta_adjunto,
    ruta_imagen,
)
from comunicaciones.models.directorio import Dependencia, Vinculacion
from sanpedro_gel.almacenamiento import almacenamiento_privado
from sanpedro_gel.enlaces import absoluta
from sanpedro_gel.models import PERSONAL_ACTIVO
from sanpedro_gel.texto import enlace_valido, markdown_seguro


class Canal(models.TextChoices):
    CORREO = "CORREO", "Correo electrónico"
    CARTA_ALCALDE = "CARTA_ALCALDE", "Carta del alcalde"
    INTRANET = "INTRANET", "Aviso de intranet"
    BANNER = "BANNER", "Banner de la portada"
    NOTICIA = "NOTICIA", "Noticia del portal"
    EMISORA = "EMISORA", "Emisora"
    PRENSA = "PRENSA", "Prensa"
    TELEVISION = "TELEVISION", "Televisión"
    REDES_SOCIALES = "REDES_SOCIALES", "Redes sociales"
    AFICHES = "AFICHES", "Afiches"
    CARTELERAS = "CARTELERAS", "Carteleras"


# El portal envía por correo…
CANALES_CORREO = frozenset({Canal.CORREO, Canal.CARTA_ALCALDE})
# …o publica en el portal a la hora programada…
CANALES_PUBLICACION = frozenset({Canal.INTRANET, Canal.BANNER, Canal.NOTICIA})
# …y de los demás lleva una tarea con evidencia para el responsable.
CANALES_SEGUIMIENTO = frozenset(
    {
        Canal.EMISORA,
        Canal.PRENSA,
        Canal.TELEVISION,
        Canal.REDES_SOCIALES,
        Canal.AFICHES,
        Canal.CARTELERAS,
    }
)

# Etiqueta `origen` de los enlaces y códigos QR de cada canal: la solicitud que
# llega por uno de ellos la guarda, y la efectividad del plan la cuenta.
ORIGEN_POR_CANAL = {
    Canal.CORREO: "correo",
    Canal.CARTA_ALCALDE: "carta",
    Canal.INTRANET: "intranet",
    Canal.BANNER: "banner",
    Canal.NOTICIA: "noticia",
    Canal.EMISORA: "emisora",
    Canal.PRENSA: "prensa",
    Canal.TELEVISION: "television",
    Canal.REDES_SOCIALES: "redes",
    Canal.AFICHES: "afiche",
    Canal.CARTELERAS: "cartelera",
}

_ETIQUETA = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def etiqueta_de_origen_valida(canal: str, etiqueta: str) -> bool:
    """La etiqueta es la del canal o empieza por ella y un guion
    («banner», «banner-ica-marzo»), en minúsculas, números y guiones."""
    prefijo = ORIGEN_POR_CANAL[canal]
    return bool(_ETIQUETA.match(etiqueta)) and (
        etiqueta == prefijo or etiqueta.startswith(f"{prefijo}-")
    )


class EstadoPieza(models.TextChoices):
    BORRADOR = estados.BORRADOR, "Borrador"
    PROGRAMADA = estados.PROGRAMADA, "Programada"
    EN_CURSO = estados.EN_CURSO, "En curso"
    ENVIADA = estados.ENVIADA, "Enviada / publicada"
    PAUSADA = estados.PAUSADA, "Pausada"
    FALLIDA = estados.FALLIDA, "Fallida"
    CANCELADA = estados.CANCELADA, "Cancelada"


class Destinatarios(models.TextChoices):
    PERSONAL = "PERSONAL", "Servidores públicos (directorio)"
    SUSCRIPTORES = "SUSCRIPTORES", "Suscriptores externos"


def medidas_de_imagen(imagen) -> tuple[int | None, int | None]:
    """(ancho, alto) de la imagen; (None, None) si el archivo falta o no se lee."""
    try:
        return get_image_dimensions(imagen)
    except (OSError, TypeError, ValueError):
        return None, None


class PiezaQuerySet(models.QuerySet):
    def visibles(self, ahora=None):
        """Piezas de publicación dentro de su ventana (desde su hora, hasta su fin)."""
        ahora = ahora or timezone.now()
        return self.filter(
            estado__in=estados.VISIBLES,
            programada_para__lte=ahora,
        ).filter(Q(visible_hasta__isnull=True) | Q(visible_hasta__gt=ahora))

    def banners_vigentes(self, ahora=None):
        return self.filter(canal=Canal.BANNER).visibles(ahora)

    def noticias_publicadas(self, ahora=None):
        return self.filter(canal=Canal.NOTICIA).visibles(ahora)

    def avisos_de_intranet(self, ahora=None):
        return self.filter(canal=Canal.INTRANET).visibles(ahora)

    def vencidas(self, ahora=None):
        """Programadas cuya hora ya llegó: el despachador debe tomarlas."""
        return self.filter(
            estado=estados.PROGRAMADA, programada_para__lte=ahora or timezone.now()
        )


class Pieza(models.Model):
    """Un mensaje de una campaña, en un canal, a una hora de Colombia."""

    campana = models.ForeignKey(
        Campana,
        on_delete=models.PROTECT,
        related_name="piezas",
        verbose_name="campaña",
    )
    canal = models.CharField(max_length=20, choices=Canal)
    titulo = models.CharField("título o asunto", max_length=200)
    cuerpo = models.TextField(
        "texto",
        blank=True,
        help_text=(
            "Formato sencillo: **negrita**, *cursiva*, listas con «- », enlaces "
            "[texto](https://…). En correos y cartas puede usar los campos "
            "{{ nombre }}, {{ cargo }} y {{ dependencia }}."
        ),
    )
    # HTML seguro del texto, calculado al guardar (ver save): la portada y las
    # noticias no convierten Markdown en cada visita.
    html_del_cuerpo = models.TextField(editable=False, blank=True, default="")
    imagen = models.ImageField(upload_to=ruta_imagen, blank=True)
    # Las medidas se leen al subir la imagen, no abriendo el archivo en cada visita.
    imagen_ancho = models.PositiveIntegerField(null=True, blank=True, editable=False)
    imagen_alto = models.PositiveIntegerField(null=True, blank=True, editable=False)
    texto_alternativo = models.CharField(
        "texto alternativo de la imagen",
        max_length=250,
        blank=True,
        help_text="Describe la imagen para quien no la ve (lectores de pantalla).",
    )
    adjunto = models.FileField(
        storage=almacenamiento_privado,
        upload_to=ruta_adjunto,
        blank=True,
        help_text="PDF, JPEG o PNG.",
    )
    enlace = models.CharField(
        max_length=500,
        blank=True,
        help_text="Dirección completa (https://…) o ruta del portal (/tramites/…). "
        "En un aviso de intranet, el enlace al video.",
    )
    texto_enlace = models.CharField("texto del enlace", max_length=80, blank=True)
    encuesta = models.ForeignKey(
        "comunicaciones.Encuesta",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="piezas",
        limit_choices_to={"audiencia": "INTERNA"},
        help_text="Solo en un correo a los servidores públicos: cada uno recibe "
        "su enlace personal para responder la encuesta interna.",
    )
    etiqueta_origen = models.CharField(
        "etiqueta de origen",
        max_length=60,
        blank=True,
        help_text="Se agrega como ?origen=… a los enlaces para medir qué canal trae "
        "solicitudes. Vacío: la del canal (banner, correo, afiche…).",
    )

    destinatarios = models.CharField(
        max_length=15,
        choices=Destinatarios,
        blank=True,
        help_text="Solo para correo. La carta y la intranet son para el personal.",
    )
    dependencias = models.ManyToManyField(
        Dependencia,
        blank=True,
        related_name="piezas",
        help_text="Vacío: todas las dependencias.",
    )
    vinculaciones = models.JSONField(
        "vinculaciones",
        default=list,
        blank=True,
        help_text="Vacío: todas las vinculaciones.",
    )
    roles = models.ManyToManyField(
        Group, blank=True, related_name="+", help_text="Vacío: sin filtrar por rol."
    )
    segmento = models.ForeignKey(
        Segmento,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="piezas",
        help_text="Vacío: todos los suscriptores activos.",
    )

    programada_para = models.DateTimeField(
        "programada para", null=True, blank=True, help_text="Hora de Colombia."
    )
    visible_hasta = models.DateTimeField(
        "visible hasta",
        null=True,
        blank=True,
        help_text="Banner, noticia o aviso: deja de verse a esta hora (de Colombia).",
    )
    responsable = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to=PERSONAL_ACTIVO,
        help_text="Canales con seguimiento: quien hace la difusión. "
        "Vacío: el responsable de la campaña.",
    )
    firma = models.ForeignKey(
        FirmaAlcalde,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="piezas",
        help_text="Solo para la carta del alcalde.",
    )

    estado = models.CharField(
        max_length=12, choices=EstadoPieza, default=EstadoPieza.BORRADOR
    )
    programada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    iniciada_en = models.DateTimeField(null=True, blank=True)
    terminada_en = models.DateTimeField(null=True, blank=True)
    motivo_estado = models.TextField(
        "observación del estado", blank=True, help_text="Por qué se pausó o falló."
    )
    creado_en = models.DateTimeField(auto_now_add=True)
    actualizado_en = models.DateTimeField(auto_now=True)

    objects = PiezaQuerySet.as_manager()

    class Meta:
        ordering = ["programada_para", "pk"]
        permissions = [
            ("programar_pieza", "Programa, pausa, reanuda y cancela piezas"),
        ]
        indexes = [
            models.Index(fields=["estado", "programada_para"], name="pieza_despacho"),
            models.Index(fields=["canal", "estado"], name="pieza_canal_estado"),
        ]

    def __str__(self):
        return f"{self.get_canal_display()}: {self.titulo}"

    def save(self, *args, **kwargs):
        # Un dato derivado del texto, no una regla de negocio: se guarda con él
        # por cualquier camino (admin, servicios, demostración).
        self.html_del_cuerpo = str(markdown_seguro(self.cuerpo))
        if not self.imagen:
            self.imagen_ancho = self.imagen_alto = None
        elif self.imagen_ancho is None or not self.imagen._committed:
            self.imagen_ancho, self.imagen_alto = medidas_de_imagen(self.imagen)
        campos = kwargs.get("update_fields")
        if campos is not None:
            campos = set(campos)
            if "cuerpo" in campos:
                campos.add("html_del_cuerpo")
            if "imagen" in campos:
                campos |= {"imagen_ancho", "imagen_alto"}
            kwargs["update_fields"] = campos
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """Donde se ve en el portal; las que no se publican, en su vista previa."""
        if self.canal == Canal.NOTICIA:
            return reverse(
                "comunicaciones:noticia", kwargs={"pk": self.pk, "slug": self.slug}
            )
        if self.canal == Canal.BANNER:
            return reverse("inicio")
        if self.canal == Canal.INTRANET:
            return reverse("comunicaciones:intranet")
        return reverse("admin:comunicaciones_pieza_vista_previa", args=[self.pk])

    @property
    def slug(self) -> str:
        return slugify(self.titulo)[:80] or "noticia"

    @property
    def es_de_correo(self) -> bool:
        return self.canal in CANALES_CORREO

    @property
    def es_de_publicacion(self) -> bool:
        return self.canal in CANALES_PUBLICACION

    @property
    def es_de_seguimiento(self) -> bool:
        return self.canal in CANALES_SEGUIMIENTO

    @property
    def para_el_personal(self) -> bool:
        return self.canal in {Canal.CARTA_ALCALDE, Canal.INTRANET} or (
            self.destinatarios == Destinatarios.PERSONAL
        )

    @property
    def estado_legible(self) -> str:
        """El estado con la palabra del canal: enviada, publicada o cumplida."""
        if self.estado != estados.ENVIADA:
            return self.get_estado_display()
        if self.es_de_correo:
            return "Enviada"
        if self.es_de_publicacion:
            return "Publicada"
        return "Cumplida"

    @property
    def editable(self) -> bool:
        return self.estado == estados.BORRADOR

    @property
    def origen(self) -> str:
        return self.etiqueta_origen or ORIGEN_POR_CANAL[self.canal]

    @property
    def cuerpo_html(self):
        """El HTML seguro guardado con el texto (el de una pieza sin guardar se
        calcula)."""
        if self.cuerpo and not self.html_del_cuerpo:
            return markdown_seguro(self.cuerpo)
        return mark_safe(self.html_del_cuerpo)

    def enlace_con_origen(self, absoluto: bool = False) -> str:
        """El enlace de la pieza con `?origen=<etiqueta>` (o "" si no tiene).

        Sin enlace propio, lleva a la ficha del primer trámite de la campaña
        (salvo en la intranet y la carta, que son para el personal).
        """
        enlace = self.enlace.strip()
        if enlace and not enlace_valido(enlace):
            return ""
        if not enlace and self.canal in {Canal.INTRANET, Canal.CARTA_ALCALDE}:
            return ""
        if not enlace:
            tramite = self.campana.tramites.order_by("orden", "nombre").first()
            if tramite is None:
                return ""
            enlace = tramite.get_absolute_url()
        partes = urlsplit(enlace)
        if not partes.netloc and absoluto:
            partes = urlsplit(absoluta(enlace))
        consulta = [(k, v) for k, v in parse_qsl(partes.query) if k != "origen"]
        consulta.append(("origen", self.origen))
        return urlunsplit(partes._replace(query=urlencode(consulta)))

    def vinculaciones_legibles(self) -> list[str]:
        return [Vinculacion(v).label for v in self.vinculaciones if v in Vinculacion]
