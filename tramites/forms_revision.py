"""Formularios públicos de la revisión: responder una subsanación y calificar el
trámite. Validan y normalizan; los servicios escriben."""

from crispy_forms.helper import FormHelper
from django import forms

from tramites.services.adjuntos import ACEPTAR, ArchivoRechazado, validar_archivo


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
                validar_archivo(archivo)
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
