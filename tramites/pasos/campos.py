"""Campos de formulario de los trámites: validan y normalizan en el servidor.

Los mensajes de error están escritos para el ciudadano: dicen qué hacer, no
qué salió mal en términos técnicos. Se ven junto al campo y en el resumen.
"""

import unicodedata
from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from tramites import validadores

ID_DATALIST_CIIU = "catalogo-ciiu"


def obligatorio(mensaje: str) -> dict:
    return {"required": mensaje}


class CampoTexto(forms.CharField):
    """Texto de una línea, sin espacios sobrantes."""

    def __init__(self, *, obligatorio: str = "", **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("required", bool(obligatorio))
        mensajes = kwargs.pop("error_messages", {})
        if obligatorio:
            mensajes.setdefault("required", obligatorio)
        mensajes.setdefault("max_length", "Escriba máximo %(limit_value)d caracteres.")
        super().__init__(error_messages=mensajes, **kwargs)


class CampoTextoLargo(CampoTexto):
    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 3000)
        super().__init__(**kwargs)


class CampoCorreo(forms.EmailField):
    widget = forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"})

    def __init__(self, *, obligatorio: str = "", **kwargs):
        kwargs.setdefault("required", bool(obligatorio))
        kwargs.setdefault("max_length", 254)
        mensajes = {
            "invalid": "Escriba un correo electrónico válido, como nombre@ejemplo.com.",
            "max_length": "El correo puede tener máximo 254 caracteres.",
        }
        if obligatorio:
            mensajes["required"] = obligatorio
        super().__init__(error_messages=mensajes, **kwargs)

    def clean(self, value):
        return super().clean(value).lower()


class CampoTelefono(forms.CharField):
    """Teléfono colombiano normalizado a 10 dígitos (fijo 60X o celular 3XX)."""

    solo_celular = False
    widget = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})

    def __init__(self, *, obligatorio: str = "", **kwargs):
        kwargs.setdefault("required", bool(obligatorio))
        kwargs.setdefault("max_length", 20)
        mensajes = {"max_length": validadores.MENSAJE_TELEFONO}
        if obligatorio:
            mensajes["required"] = obligatorio
        super().__init__(error_messages=mensajes, **kwargs)

    def clean(self, value):
        valor = super().clean(value)
        if not valor:
            return ""
        return validadores.normalizar_telefono(valor, solo_celular=self.solo_celular)


class CampoCelular(CampoTelefono):
    solo_celular = True


class CampoFecha(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, *, obligatorio: str = "", **kwargs):
        kwargs.setdefault("required", bool(obligatorio))
        mensajes = {
            "invalid": "Escriba una fecha válida, con día, mes y año "
            "(por ejemplo 15/03/2026)."
        }
        if obligatorio:
            mensajes["required"] = obligatorio
        super().__init__(error_messages=mensajes, **kwargs)


class CampoHora(forms.TimeField):
    widget = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")

    def __init__(self, *, obligatorio: str = "", **kwargs):
        kwargs.setdefault("required", bool(obligatorio))
        mensajes = {"invalid": "Escriba una hora válida, como 02:00 o 14:30."}
        if obligatorio:
            mensajes["required"] = obligatorio
        super().__init__(error_messages=mensajes, **kwargs)


class CampoEntero(forms.IntegerField):
    """Conteo no negativo (empleados, aforo, personal)."""

    widget = forms.NumberInput(attrs={"inputmode": "numeric", "min": "0"})

    def __init__(self, *, obligatorio: str = "", nombre: str = "El valor", **kwargs):
        kwargs.setdefault("required", bool(obligatorio))
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 100000)
        mensajes = {
            "invalid": f"{nombre} debe ser un número entero, sin puntos ni letras.",
            "min_value": f"{nombre} no puede ser negativo.",
            "max_value": f"{nombre} no puede ser mayor que %(limit_value)s.",
        }
        if obligatorio:
            mensajes["required"] = obligatorio
        super().__init__(error_messages=mensajes, **kwargs)


class CampoArea(forms.DecimalField):
    """Área en metros cuadrados, no negativa, con dos decimales."""

    widget = forms.NumberInput(
        attrs={"inputmode": "decimal", "min": "0", "step": "0.01"}
    )

    def __init__(self, *, obligatorio: str = "", **kwargs):
        kwargs.setdefault("required", bool(obligatorio))
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault("max_digits", 9)
        kwargs.setdefault("decimal_places", 2)
        mensajes = {
            "invalid": "Escriba el área en metros cuadrados, solo con números "
            "(por ejemplo 45.5).",
            "min_value": "El área no puede ser negativa.",
            "max_digits": "El área es demasiado grande; revísela.",
            "max_whole_digits": "El área es demasiado grande; revísela.",
            "max_decimal_places": "Escriba el área con máximo dos decimales.",
        }
        if obligatorio:
            mensajes["required"] = obligatorio
        super().__init__(error_messages=mensajes, **kwargs)

    def to_python(self, value):
        # En Colombia la coma es el separador decimal habitual: «45,5» es 45.5.
        if isinstance(value, str) and "," in value and "." not in value:
            value = value.replace(",", ".")
        return super().to_python(value)


class CampoSiNo(forms.TypedChoiceField):
    """Pregunta de sí o no con dos botones de radio; el valor limpio es un bool."""

    widget = forms.RadioSelect

    def __init__(self, *, obligatorio: str, **kwargs):
        super().__init__(
            choices=[("True", "Sí"), ("False", "No")],
            coerce=lambda valor: valor == "True",
            empty_value=None,
            error_messages={"required": obligatorio},
            **kwargs,
        )

    def prepare_value(self, value):
        return str(value) if isinstance(value, bool) else value


class CampoOpcion(forms.ChoiceField):
    def __init__(self, *, obligatorio: str = "", radio: bool = False, **kwargs):
        kwargs.setdefault("required", bool(obligatorio))
        if radio:
            kwargs.setdefault("widget", forms.RadioSelect)
        mensajes = {"invalid_choice": "Elija una de las opciones de la lista."}
        if obligatorio:
            mensajes["required"] = obligatorio
        super().__init__(error_messages=mensajes, **kwargs)


class CampoVarias(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, obligatorio: str = "", **kwargs):
        kwargs.setdefault("required", bool(obligatorio))
        mensajes = {"invalid_choice": "Elija opciones de la lista."}
        if obligatorio:
            mensajes["required"] = obligatorio
        super().__init__(error_messages=mensajes, **kwargs)


# --- Actividades CIIU -------------------------------------------------------------


class EntradaCIIU(forms.TextInput):
    """Texto con la lista de sugerencias del catálogo (`<datalist>`, sin JavaScript).

    Muestra «código — descripción» aunque lo guardado sea solo el código.
    """

    def __init__(self, attrs=None):
        base = {
            "list": ID_DATALIST_CIIU,
            "autocomplete": "off",
            "spellcheck": "false",
        }
        super().__init__({**base, **(attrs or {})})
        self.catalogo: dict[str, str] = {}

    def format_value(self, value):
        codigo = validadores.normalizar_codigo_ciiu(value)
        if codigo and codigo in self.catalogo and len(str(value).strip()) <= 4:
            return f"{codigo} — {self.catalogo[codigo]}"
        return super().format_value(value)


def sugerencias_ciiu(catalogo: dict[str, str], texto: str, limite: int = 4) -> list:
    """Actividades del catálogo cuya descripción contiene las palabras de `texto`."""

    def plano(cadena):
        sin_tildes = unicodedata.normalize("NFKD", cadena)
        return "".join(c for c in sin_tildes if not unicodedata.combining(c)).lower()

    palabras = [p for p in plano(texto).split() if len(p) >= 3]
    if not palabras:
        return []
    return [
        (codigo, descripcion)
        for codigo, descripcion in catalogo.items()
        if all(palabra in plano(descripcion) for palabra in palabras)
    ][:limite]


class CampoCIIU(forms.CharField):
    """Una clase CIIU que debe existir (y estar activa) en el catálogo del municipio.

    El formulario le pasa el catálogo (`catalogo`: código → descripción) para
    no consultar la base de datos campo por campo.
    """

    widget = EntradaCIIU

    def __init__(self, *, obligatorio: str = "", **kwargs):
        kwargs.setdefault("required", bool(obligatorio))
        kwargs.setdefault("max_length", 320)
        mensajes = {}
        if obligatorio:
            mensajes["required"] = obligatorio
        super().__init__(error_messages=mensajes, **kwargs)
        self.catalogo: dict[str, str] = {}

    def usar_catalogo(self, catalogo: dict[str, str]) -> None:
        self.catalogo = catalogo
        self.widget.catalogo = catalogo

    def clean(self, value):
        texto = super().clean(value)
        if not texto:
            return ""
        codigo = validadores.normalizar_codigo_ciiu(texto)
        if codigo and codigo in self.catalogo:
            return codigo
        if codigo:
            raise ValidationError(
                f"El código CIIU {codigo} no está en el catálogo del municipio. "
                "Revise el código en su RUT o elija una actividad de la lista."
            )
        parecidas = sugerencias_ciiu(self.catalogo, texto)
        if parecidas:
            opciones = "; ".join(f"{c} {d}" for c, d in parecidas)
            raise ValidationError(
                f"Escriba el código CIIU de 4 dígitos o elija una actividad de la "
                f"lista. Actividades que coinciden con «{texto}»: {opciones}."
            )
        raise ValidationError(
            "Escriba el código CIIU de 4 dígitos (está en su RUT, casilla 46) o "
            "elija una actividad de la lista."
        )


class EntradasCIIU(forms.MultiWidget):
    def __init__(self, cantidad: int, etiqueta: str):
        super().__init__(
            [
                EntradaCIIU(attrs={"aria-label": f"{etiqueta} {n}", "class": "mb-2"})
                for n in range(1, cantidad + 1)
            ]
        )

    def decompress(self, value):
        valores = list(value or [])
        return valores + [""] * (len(self.widgets) - len(valores))

    def usar_catalogo(self, catalogo):
        for widget in self.widgets:
            widget.catalogo = catalogo


class CampoCIIUVarios(forms.MultiValueField):
    """Varias actividades CIIU (las secundarias): lista sin vacíos ni repetidos."""

    def __init__(self, *, cantidad: int = 5, etiqueta_entrada: str, **kwargs):
        campos = [CampoCIIU() for _ in range(cantidad)]
        kwargs.setdefault("required", False)
        super().__init__(
            fields=campos,
            widget=EntradasCIIU(cantidad, etiqueta_entrada),
            require_all_fields=False,
            **kwargs,
        )

    def usar_catalogo(self, catalogo):
        for campo in self.fields:
            campo.usar_catalogo(catalogo)
        self.widget.usar_catalogo(catalogo)

    def compress(self, data_list):
        vistos = []
        for codigo in data_list or []:
            if codigo and codigo not in vistos:
                vistos.append(codigo)
        return vistos


# --- Conversión entre lo guardado (JSON) y el formulario ----------------------------


def a_json(valor):
    """Un valor limpio de formulario en la forma de docs/DATOS_SOLICITUD.md."""
    if isinstance(valor, bool) or valor is None:
        return valor
    if isinstance(valor, date):
        return valor.isoformat()
    if hasattr(valor, "strftime"):  # time
        return valor.strftime("%H:%M")
    if isinstance(valor, Decimal):
        return f"{valor:.2f}"
    if isinstance(valor, (list, tuple)):
        return [a_json(v) for v in valor]
    return valor


def a_formulario(campo: forms.Field, valor) -> dict[str, object]:
    """Lo guardado de un campo como datos de un POST: {sufijo del nombre: valor}.

    Sirve para volver a validar un paso ya guardado con el mismo formulario que
    lo validó la primera vez (al radicar, o al mostrar qué falta).
    """
    if isinstance(campo, forms.MultiValueField):
        valores = campo.widget.decompress(valor)
        return {
            sufijo: "" if v is None else str(v)
            for sufijo, v in zip(campo.widget.widgets_names, valores, strict=False)
        }
    if valor is None:
        return {"": ""}
    if isinstance(valor, list):
        return {"": [str(v) for v in valor]}
    return {"": str(valor)}
