"""Formularios de la encuesta de comunicaciones: el que llena quien responde
(se arma con las preguntas de la encuesta) y los del armado en el admin."""

import re

from django import forms
from django.core.exceptions import ValidationError

from comunicaciones.models import (
    TIPOS_CON_OPCIONES,
    Audiencia,
    Encuesta,
    Pregunta,
    RangoEdad,
    TipoPregunta,
    ZonaEncuesta,
)

ESCALA = [
    ("1", "1 — Nada"),
    ("2", "2 — Poco"),
    ("3", "3 — Algo"),
    ("4", "4 — Bastante"),
    ("5", "5 — Mucho"),
]
_ORIGEN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def campo(pregunta: Pregunta) -> str:
    return f"p{pregunta.pk}"


def origen_valido(valor: str) -> str:
    """La etiqueta `?origen=` del enlace o QR, o "" si no tiene la forma de una."""
    valor = (valor or "").strip().lower()[:60]
    return valor if _ORIGEN.match(valor) else ""


class RespuestaEncuestaForm(forms.Form):
    """Las preguntas de `encuesta`, con lo que la persona ya respondió (si
    respondió). `cleaned_data` lleva {pregunta_id: valor} en `valores()`."""

    def __init__(self, *args, encuesta: Encuesta, iniciales=None, previa=None, **kw):
        super().__init__(*args, **kw)
        self.encuesta = encuesta
        self.preguntas = list(encuesta.preguntas.prefetch_related("opciones"))
        iniciales = iniciales or {}
        for numero, pregunta in enumerate(self.preguntas, start=1):
            nombre = campo(pregunta)
            self.fields[nombre] = self._campo(pregunta, numero)
            if pregunta.pk in iniciales:
                valor = iniciales[pregunta.pk]
                if isinstance(valor, list):
                    valor = [str(v) for v in valor]
                elif valor is not None:
                    valor = str(valor)
                self.initial[nombre] = valor
        if encuesta.audiencia == Audiencia.EXTERNA:
            if encuesta.pregunta_zona:
                self.fields["zona"] = forms.ChoiceField(
                    label="¿En qué zona del municipio vive? (opcional)",
                    choices=ZonaEncuesta.choices,
                    widget=forms.RadioSelect,
                    required=False,
                )
            if encuesta.pregunta_edad:
                self.fields["rango_edad"] = forms.ChoiceField(
                    label="¿En qué rango de edad está? (opcional)",
                    choices=RangoEdad.choices,
                    widget=forms.RadioSelect,
                    required=False,
                )
            if previa is not None:
                self.initial.setdefault("zona", previa.zona)
                self.initial.setdefault("rango_edad", previa.rango_edad)
        self.fields["origen"] = forms.CharField(
            required=False, widget=forms.HiddenInput
        )

    def _campo(self, pregunta: Pregunta, numero: int) -> forms.Field:
        etiqueta = f"{numero}. {pregunta.texto}"
        if not pregunta.obligatoria:
            etiqueta += " (opcional)"
        comunes = {
            "label": etiqueta,
            "required": pregunta.obligatoria,
            "help_text": pregunta.ayuda,
        }
        opciones = [(str(o.pk), o.texto) for o in pregunta.opciones.all()]
        if pregunta.tipo == TipoPregunta.UNICA:
            return forms.ChoiceField(
                choices=opciones,
                widget=forms.RadioSelect,
                error_messages={"required": "Elija una respuesta."},
                **comunes,
            )
        if pregunta.tipo == TipoPregunta.MULTIPLE:
            return forms.MultipleChoiceField(
                choices=opciones,
                widget=forms.CheckboxSelectMultiple,
                error_messages={"required": "Marque al menos una opción."},
                **comunes,
            )
        if pregunta.tipo == TipoPregunta.ESCALA:
            return forms.ChoiceField(
                choices=ESCALA,
                widget=forms.RadioSelect,
                error_messages={"required": "Elija un valor de 1 a 5."},
                **comunes,
            )
        return forms.CharField(
            max_length=500,
            widget=forms.Textarea(attrs={"rows": 3}),
            error_messages={
                "required": "Escriba su respuesta.",
                "max_length": "Escriba máximo 500 caracteres.",
            },
            **comunes,
        )

    def clean_origen(self):
        return origen_valido(self.cleaned_data.get("origen"))

    def valores(self) -> dict[int, object]:
        datos = self.cleaned_data
        valores = {}
        for pregunta in self.preguntas:
            valor = datos.get(campo(pregunta))
            if pregunta.tipo == TipoPregunta.MULTIPLE:
                valor = [int(v) for v in valor or []]
            elif pregunta.tipo in {TipoPregunta.UNICA, TipoPregunta.ESCALA}:
                valor = int(valor) if valor else None
            else:
                valor = " ".join((valor or "").split())
            valores[pregunta.pk] = valor
        return valores


# --- El armado en el admin ------------------------------------------------------------


class EncuestaAdminForm(forms.ModelForm):
    class Meta:
        model = Encuesta
        fields = [
            "titulo",
            "slug",
            "audiencia",
            "anonima",
            "introduccion",
            "pregunta_zona",
            "pregunta_edad",
            "pide_datos_personales",
            "aviso_datos",
            "abre_en",
            "cierra_en",
        ]

    def clean(self):
        datos = super().clean()
        abre, cierra = datos.get("abre_en"), datos.get("cierra_en")
        if abre and cierra and cierra <= abre:
            self.add_error("cierra_en", "El cierre debe ser posterior a la apertura.")
        audiencia = datos.get("audiencia", getattr(self.instance, "audiencia", ""))
        if audiencia == Audiencia.INTERNA:
            datos["pregunta_zona"] = datos["pregunta_edad"] = False
        if audiencia == Audiencia.EXTERNA and "anonima" in self.fields:
            # En la externa nadie se identifica: siempre es anónima.
            datos["anonima"] = True
        borrador = Encuesta(
            audiencia=audiencia,
            anonima=datos.get("anonima", self.instance.anonima),
            pregunta_zona=datos.get("pregunta_zona", False),
            pregunta_edad=datos.get("pregunta_edad", False),
            pide_datos_personales=datos.get("pide_datos_personales", False),
        )
        if (
            "aviso_datos" in self.fields
            and borrador.necesita_aviso
            and not (datos.get("aviso_datos") or "").strip()
        ):
            self.add_error(
                "aviso_datos",
                "Escriba el aviso de tratamiento de datos: la encuesta es nominal o "
                "pide la zona, la edad u otro dato personal.",
            )
        return datos


class PreguntaAdminForm(forms.ModelForm):
    opciones_texto = forms.CharField(
        label="opciones",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 36}),
        help_text="Una por línea, en el orden en que se muestran. Solo para "
        "selección única o múltiple.",
    )

    class Meta:
        model = Pregunta
        fields = ["orden", "texto", "ayuda", "tipo", "obligatoria", "ranking_de"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["opciones_texto"] = "\n".join(
                o.texto for o in self.instance.opciones.all()
            )

    def clean_opciones_texto(self):
        lineas = [
            " ".join(linea.split())
            for linea in (self.cleaned_data.get("opciones_texto") or "").splitlines()
        ]
        return [linea for linea in lineas if linea]

    def clean(self):
        datos = super().clean()
        tipo = datos.get("tipo")
        opciones = datos.get("opciones_texto") or []
        if tipo in TIPOS_CON_OPCIONES:
            if len(opciones) < 2:
                self.add_error(
                    "opciones_texto", "Escriba al menos dos opciones, una por línea."
                )
            repetidas = {o for o in opciones if opciones.count(o) > 1}
            if repetidas:
                self.add_error(
                    "opciones_texto",
                    f"Hay opciones repetidas: {', '.join(sorted(repetidas))}.",
                )
        elif tipo and opciones:
            self.add_error(
                "opciones_texto",
                "Las preguntas de escala o de texto no llevan opciones: bórrelas.",
            )
        if datos.get("ranking_de") and tipo not in TIPOS_CON_OPCIONES:
            self.add_error(
                "ranking_de",
                "Solo una pregunta de selección (única o múltiple) alimenta el "
                "ranking de canales.",
            )
        return datos


def validar_rankings(formularios) -> None:
    """Una sola pregunta por público alimenta su ranking de canales."""
    publicos = [
        f.cleaned_data["ranking_de"]
        for f in formularios
        if f.cleaned_data.get("ranking_de") and not f.cleaned_data.get("DELETE")
    ]
    repetidos = {p for p in publicos if publicos.count(p) > 1}
    if repetidos:
        nombres = " y ".join(Audiencia(p).label.lower() for p in sorted(repetidos))
        raise ValidationError(
            f"Solo una pregunta por público alimenta el ranking de canales ({nombres})."
        )
