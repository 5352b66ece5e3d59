"""Formularios del plan: validan y normalizan; los servicios hacen el resto."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from comunicaciones.models import (
    ORIGEN_POR_CANAL,
    Canal,
    Destinatarios,
    FirmaAlcalde,
    Pieza,
    TipoSuscriptor,
    Vinculacion,
    etiqueta_de_origen_valida,
)
from sanpedro_gel import archivos
from sanpedro_gel.reloj import hoy
from sanpedro_gel.texto import enlace_valido


def validar_archivo(archivo, tipos=("pdf", "jpeg", "png")):
    """Revisa tamaño y contenido (`sanpedro_gel.archivos`) y devuelve el archivo
    que se guarda: el mismo PDF, o la imagen recodificada sin metadatos.
    Levanta ValidationError con un mensaje claro."""
    limite = settings.ARCHIVO_MAX_MB * 1024 * 1024
    if archivo.size > limite:
        raise ValidationError(
            f"El archivo pesa más de {settings.ARCHIVO_MAX_MB} MB. Redúzcalo e "
            "inténtelo de nuevo."
        )
    try:
        return archivos.revisar(archivo, tipos)[1]
    except archivos.ArchivoInadmisible as error:
        raise ValidationError(error.mensaje) from None


class SuscripcionForm(forms.Form):
    tipo = forms.ChoiceField(
        label="¿Quién se suscribe?",
        choices=TipoSuscriptor.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Elija si se suscribe como persona u organización."
        },
    )
    nombre = forms.CharField(
        label="Nombre completo o razón social",
        max_length=200,
        error_messages={"required": "Escriba su nombre o el de su organización."},
    )
    correo = forms.EmailField(
        label="Correo electrónico",
        help_text="Allí le enviaremos un enlace para confirmar la suscripción.",
        error_messages={
            "required": "Escriba su correo electrónico.",
            "invalid": "Escriba un correo válido, como nombre@ejemplo.com.",
        },
    )
    vereda_barrio = forms.CharField(
        label="Vereda o barrio",
        max_length=120,
        help_text="Por ejemplo: Centro, o la vereda donde vive o tiene su negocio.",
        error_messages={"required": "Escriba su vereda o barrio."},
    )
    acepto = forms.BooleanField(
        label="Autorizo a la Alcaldía a enviarme por correo las novedades de los "
        "trámites en línea, según el texto de arriba.",
        error_messages={
            "required": "Para suscribirse debe marcar la autorización de envío."
        },
    )

    def clean_correo(self):
        return self.cleaned_data["correo"].strip().lower()

    def clean_nombre(self):
        return " ".join(self.cleaned_data["nombre"].split())

    def clean_vereda_barrio(self):
        return " ".join(self.cleaned_data["vereda_barrio"].split())


class CierreTareaForm(forms.Form):
    realizada_el = forms.DateField(
        label="Fecha real de la difusión",
        help_text="Día en que de verdad salió al aire, se publicó o se pegó. "
        "Formato dd/mm/aaaa.",
        widget=forms.DateInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Escriba la fecha real de la difusión.",
            "invalid": "Escriba la fecha como dd/mm/aaaa, por ejemplo 15/03/2026.",
        },
    )
    evidencia_archivo = forms.FileField(
        label="Evidencia: archivo",
        required=False,
        help_text="Foto, captura o certificado de emisión en PDF, JPEG o PNG.",
    )
    evidencia_enlace = forms.URLField(
        label="Evidencia: enlace",
        required=False,
        assume_scheme="https",
        help_text="Publicación en redes, nota en la página del periódico, video…",
        error_messages={"invalid": "Escriba un enlace completo, como https://…"},
    )
    observaciones = forms.CharField(
        label="Observaciones", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_realizada_el(self):
        fecha = self.cleaned_data["realizada_el"]
        if fecha > hoy():
            raise ValidationError("La fecha real no puede ser posterior a hoy.")
        return fecha

    def clean_evidencia_archivo(self):
        archivo = self.cleaned_data.get("evidencia_archivo")
        if archivo:
            archivo = validar_archivo(archivo)
        return archivo

    def clean(self):
        datos = super().clean()
        if (
            "evidencia_archivo" not in self.errors
            and "evidencia_enlace" not in self.errors
            and not datos.get("evidencia_archivo")
            and not datos.get("evidencia_enlace")
        ):
            self.add_error(
                "evidencia_archivo",
                "Adjunte un archivo o escriba un enlace como evidencia.",
            )
        return datos


class ImportarDirectorioForm(forms.Form):
    archivo = forms.FileField(
        label="Archivo CSV",
        help_text="Columnas: nombres, apellidos, correo, cargo, dependencia, "
        "vinculacion, rol. Sirve el CSV que guarda Excel (separado por punto y "
        "coma o por comas, UTF-8 o no). Cargar el mismo archivo dos veces no "
        "duplica nada.",
    )
    enviar_bienvenida = forms.BooleanField(
        label="Enviar a las cuentas nuevas el enlace para definir su contraseña",
        required=False,
        initial=True,
    )


class CampoVinculaciones(forms.MultipleChoiceField):
    """Filtro de la audiencia interna por vinculación (casillas; vacío = todas).
    Lo usan las piezas del plan y las convocatorias de capacitación."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", Vinculacion.choices)
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "Vacío: todas las vinculaciones.")
        super().__init__(**kwargs)


class PiezaAdminForm(forms.ModelForm):
    vinculaciones = CampoVinculaciones()

    class Meta:
        model = Pieza
        fields = [
            "campana",
            "canal",
            "titulo",
            "cuerpo",
            "imagen",
            "texto_alternativo",
            "adjunto",
            "enlace",
            "texto_enlace",
            "etiqueta_origen",
            "encuesta",
            "destinatarios",
            "dependencias",
            "vinculaciones",
            "roles",
            "segmento",
            "programada_para",
            "visible_hasta",
            "responsable",
            "firma",
        ]

    def clean_imagen(self):
        imagen = self.cleaned_data.get("imagen")
        if imagen and hasattr(imagen, "content_type"):
            imagen = validar_archivo(imagen, tipos=("jpeg", "png"))
        return imagen

    def clean_adjunto(self):
        adjunto = self.cleaned_data.get("adjunto")
        if adjunto and hasattr(adjunto, "content_type"):
            adjunto = validar_archivo(adjunto)
        return adjunto

    def clean_enlace(self):
        enlace = self.cleaned_data.get("enlace", "").strip()
        if enlace and not enlace_valido(enlace):
            raise ValidationError(
                "Escriba una dirección que empiece por https:// o una ruta del "
                "portal que empiece por /."
            )
        return enlace

    def clean_etiqueta_origen(self):
        return self.cleaned_data.get("etiqueta_origen", "").strip().lower()

    def clean(self):
        datos = super().clean()
        canal = datos.get("canal")
        etiqueta = datos.get("etiqueta_origen")
        if canal and etiqueta and not etiqueta_de_origen_valida(canal, etiqueta):
            prefijo = ORIGEN_POR_CANAL[canal]
            self.add_error(
                "etiqueta_origen",
                f"Use «{prefijo}» o una que empiece por «{prefijo}-», con "
                "minúsculas, números y guiones.",
            )
        if datos.get("imagen") and not datos.get("texto_alternativo", "").strip():
            self.add_error(
                "texto_alternativo",
                "Describa la imagen para quien no puede verla.",
            )
        inicio, fin = datos.get("programada_para"), datos.get("visible_hasta")
        if inicio and fin and fin <= inicio:
            self.add_error("visible_hasta", "Debe ser posterior a la hora programada.")
        if datos.get("encuesta") and not (
            canal == Canal.CORREO
            and datos.get("destinatarios") == Destinatarios.PERSONAL
        ):
            self.add_error(
                "encuesta",
                "La encuesta interna va en un correo a los servidores públicos: "
                "elija el canal «Correo electrónico» y los destinatarios "
                "«Servidores públicos».",
            )
        if canal == Canal.CORREO and not datos.get("destinatarios"):
            self.add_error("destinatarios", "Elija a quién va el correo.")
        if canal and canal != Canal.CORREO and datos.get("destinatarios"):
            datos["destinatarios"] = ""
        if datos.get("destinatarios") == Destinatarios.SUSCRIPTORES or canal not in {
            Canal.CORREO,
            Canal.CARTA_ALCALDE,
            Canal.INTRANET,
        }:
            datos["vinculaciones"] = []
        return datos


class FirmaAlcaldeForm(forms.ModelForm):
    class Meta:
        model = FirmaAlcalde
        fields = ["nombre", "cargo", "imagen", "activa"]

    def clean_imagen(self):
        imagen = self.cleaned_data.get("imagen")
        if imagen and hasattr(imagen, "content_type"):
            imagen = validar_archivo(imagen, tipos=("png", "jpeg"))
        return imagen
