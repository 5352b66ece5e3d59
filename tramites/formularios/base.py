"""La interfaz que cumple el formulario de cada trámite.

El formato de lo que se guarda en `Solicitud.datos` está en
docs/DATOS_SOLICITUD.md; la revisión y la aprobación lo leen tal cual.
"""

from dataclasses import dataclass

from django import forms

_REGISTRO: dict[str, "Definicion"] = {}


@dataclass(frozen=True)
class Paso:
    clave: str
    titulo: str
    formulario: type[forms.BaseForm] | type[forms.BaseFormSet]


class Definicion:
    """Lo que el portal sabe del formulario de un trámite."""

    tipo: str = ""
    pasos: tuple[Paso, ...] = ()

    def formulario(self, clave: str, solicitud, data=None, files=None):
        """Formulario (o formset) del paso `clave`, con lo ya guardado de inicial."""
        raise NotImplementedError

    def guardar(self, solicitud, clave: str, formulario) -> None:
        """Escribe en `solicitud.datos[clave]` lo limpio de un formulario válido."""
        raise NotImplementedError

    def requisitos_aplicables(self, solicitud) -> list:
        """Los `Requisito` que se le piden a esta solicitud según sus respuestas."""
        raise NotImplementedError

    def errores(self, solicitud) -> dict[str, list[str]]:
        """Errores de la solicitud completa, por paso; vacío si se puede radicar."""
        raise NotImplementedError

    def identificacion(self, solicitud) -> tuple[str, str]:
        """(documento, nombre) del solicitante, para buscar en la bandeja."""
        raise NotImplementedError

    def resumen(self, solicitud) -> list[tuple[str, list[tuple[str, str]]]]:
        """[(título del paso, [(etiqueta, valor legible), …]), …]."""
        raise NotImplementedError


def registrar(definicion: Definicion) -> Definicion:
    _REGISTRO[definicion.tipo] = definicion
    return definicion


def definicion_de(tipo: str) -> Definicion:
    return _REGISTRO[tipo]
