from dataclasses import dataclass

from django import forms

_REGISTRO: dict[str, "Definicion"] = {}


@dataclass(frozen=True)
class Paso:
    clave: str
    titulo: str
    formulario: type[forms.BaseForm]


class Definicion:
    """Lo que el portal sabe del formulario de un trámite."""

    tipo: str = ""
    pasos: tuple[Paso, ...] = ()

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
