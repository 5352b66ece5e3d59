"""Los formularios públicos de los trámites (los pasos de cada trámite están en
`tramites.pasos`; los de la mesa de revisión, en `tramites.admin.forms`).
Validan y normalizan; los servicios escriben."""

from crispy_forms.helper import FormHelper
from django import forms

from tramites.excepciones import ArchivoRechazado
from tramites.models import AvisoPrivacidad, ComoSeEntero
from tramites.services.adjuntos import ACEPTAR, validar_archivo

# --- Consulta pública -----------------------------------------------------------


class ConsultaForm(forms.Form):
    radicado = forms.CharField(
        label="Número de radicado",
        max_length=20,
        help_text="Está en la constancia y en el correo de radicación; por ejemplo "
        "ICA-2026-000123.",
        error_messages={"required": "Escriba el número de radicado."},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    dato = forms.CharField(
        label="Número de documento del solicitante o código de verificación",
        max_length=30,
        help_text="El documento con el que radicó (sin puntos) o el código de 8 "
        "caracteres de la constancia.",
        error_messages={
            "required": "Escriba el número de documento o el código de verificación."
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


# --- Documentos y radicación del borrador ---------------------------------------


class DocumentosForm(forms.Form):
    """Un campo de archivo por requisito; la revisión real la hace el servicio."""

    def __init__(self, *args, requisitos, vigentes, **kwargs):
        super().__init__(*args, **kwargs)
        self.requisitos = requisitos
        for requisito in requisitos:
            if not requisito.se_adjunta:
                continue
            self.fields[f"requisito_{requisito.pk}"] = forms.FileField(
                label=requisito.nombre,
                required=False,
                help_text=requisito.descripcion,
                widget=forms.ClearableFileInput(attrs={"accept": ACEPTAR}),
            )
        self.vigentes = vigentes

    def filas(self):
        for requisito in self.requisitos:
            campo = self[f"requisito_{requisito.pk}"] if requisito.se_adjunta else None
            yield {
                "requisito": requisito,
                "campo": campo,
                "adjunto": self.vigentes.get(requisito.pk),
            }


class RadicarForm(forms.Form):
    aviso = forms.ModelChoiceField(
        queryset=AvisoPrivacidad.objects.all(), widget=forms.HiddenInput
    )
    acepta_aviso = forms.BooleanField(
        label="Leí el aviso de privacidad y declaro que la información de esta "
        "solicitud es verdadera.",
        error_messages={
            "required": "Marque la casilla para declarar que leyó el aviso de "
            "privacidad y que la información es verdadera."
        },
    )
    como_se_entero = forms.ChoiceField(
        label="¿Cómo se enteró de este trámite en línea?",
        choices=ComoSeEntero.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Cuéntenos cómo se enteró de este trámite en línea.",
            "invalid_choice": "Elija una de las opciones.",
        },
        help_text="Nos ayuda a saber qué medios de la Alcaldía llegan a la gente.",
    )

    def __init__(self, *args, vigente, **kwargs):
        super().__init__(*args, **kwargs)
        self.vigente = vigente
        self.fields["aviso"].initial = vigente.pk if vigente else None
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_aviso(self):
        aviso = self.cleaned_data["aviso"]
        if self.vigente is None or aviso.pk != self.vigente.pk:
            raise forms.ValidationError(
                "El aviso de privacidad se actualizó mientras usted revisaba la "
                "solicitud. Léalo de nuevo y vuelva a marcar la casilla."
            )
        return aviso


# --- Subsanación y calificación ---------------------------------------------------


class RespuestaSubsanacionForm(forms.Form):
    """Un campo de archivo por cada documento pedido, y un comentario."""

    comentario = forms.CharField(
        label="Comentario para quien revisa (opcional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Si quiere explicar algo de lo que entrega, escríbalo aquí.",
    )

    def __init__(self, *args, items=(), solicitud=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.solicitud = solicitud
        self.items_documento = [i for i in items if i.es_documento]
        for item in self.items_documento:
            self.fields[f"item_{item.pk}"] = forms.FileField(
                label=item.titulo,
                help_text="PDF, JPG o PNG.",
                widget=forms.ClearableFileInput(attrs={"accept": ACEPTAR}),
                error_messages={
                    "required": f"Adjunte el documento «{item.titulo}».",
                    "empty": f"El archivo de «{item.titulo}» está vacío.",
                },
            )
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        # El archivo suelto se revisa aquí (vacío, tamaño, tipo por contenido)
        # para mostrar el error junto al campo; el total de la solicitud lo
        # revisa el servicio de adjuntos al guardarlo.
        datos = super().clean()
        for item in self.items_documento:
            nombre = f"item_{item.pk}"
            archivo = datos.get(nombre)
            if not archivo:
                continue
            try:
                _, datos[nombre] = validar_archivo(archivo)
            except ArchivoRechazado as error:
                self.add_error(nombre, error.mensaje)
        return datos

    def archivos_por_item(self) -> dict:
        return {
            item.pk: self.cleaned_data[f"item_{item.pk}"]
            for item in self.items_documento
        }


class CalificacionForm(forms.Form):
    puntaje = forms.TypedChoiceField(
        label="¿Cómo califica este trámite en línea?",
        choices=[
            (5, "5 — Excelente"),
            (4, "4 — Bueno"),
            (3, "3 — Aceptable"),
            (2, "2 — Malo"),
            (1, "1 — Muy malo"),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Elija una calificación de 1 a 5."},
    )
    comentario = forms.CharField(
        label="¿Qué podemos mejorar? (opcional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="No escriba datos personales. Máximo 1.000 caracteres.",
        error_messages={
            "max_length": "El comentario no puede pasar de 1.000 caracteres."
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
