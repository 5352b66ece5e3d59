"""Formularios de la asesoría ciudadana: validan y normalizan, nada más."""

from django import forms

from comunicaciones.models import LARGO_MENSAJE, ClaseDePeticion

LARGO_PREGUNTA = 4000
LARGO_REPLICA = 2000


class PreguntaForm(forms.Form):
    asunto = forms.CharField(
        label="Asunto",
        max_length=150,
        help_text="En pocas palabras, por ejemplo «¿Debo inscribir una tienda "
        "en la vereda?».",
        error_messages={
            "required": "Escriba el asunto de su pregunta.",
            "max_length": "El asunto admite hasta %(limit_value)d caracteres.",
        },
    )
    texto = forms.CharField(
        label="Su pregunta",
        max_length=LARGO_PREGUNTA,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=f"Hasta {LARGO_PREGUNTA} caracteres. No escriba contraseñas ni datos "
        "de otras personas.",
        error_messages={
            "required": "Escriba su pregunta.",
            "max_length": "La pregunta admite hasta %(limit_value)d caracteres "
            "(tiene %(show_value)d).",
        },
    )
    clase = forms.ChoiceField(
        label="¿Qué necesita?",
        choices=ClaseDePeticion.choices,
        widget=forms.RadioSelect,
        help_text="Información: 10 días hábiles. Consulta (un concepto sobre su "
        "caso): 30. Petición general: 15.",
        error_messages={"required": "Elija qué necesita."},
    )

    def clean_texto(self):
        texto = self.cleaned_data["texto"].strip()
        if len(texto) < 10:
            raise forms.ValidationError(
                "Cuéntenos un poco más: escriba al menos 10 caracteres."
            )
        return texto


class ReplicaForm(forms.Form):
    texto = forms.CharField(
        label="Su respuesta",
        max_length=LARGO_REPLICA,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Puede responder una vez; la pregunta vuelve a estudio.",
        error_messages={
            "required": "Escriba su respuesta.",
            "max_length": "La respuesta admite hasta %(limit_value)d caracteres "
            "(tiene %(show_value)d).",
        },
    )


class BuscarFrecuentesForm(forms.Form):
    q = forms.CharField(
        label="Buscar en las preguntas frecuentes", max_length=100, required=False
    )


class MensajeConversacionForm(forms.Form):
    texto = forms.CharField(
        label="Su mensaje",
        max_length=LARGO_MENSAJE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"Hasta {LARGO_MENSAJE} caracteres, solo texto. No escriba "
        "contraseñas ni datos de otras personas.",
        error_messages={
            "required": "Escriba su mensaje.",
            "max_length": "El mensaje admite hasta %(limit_value)d caracteres "
            "(tiene %(show_value)d).",
        },
    )
