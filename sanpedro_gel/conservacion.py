"""Cuánto guarda el portal cada dato: lo que la política de datos publica
(Ley 1581 de 2012 y Decreto 1377 de 2013: el titular debe conocer cada plazo).

El núcleo no conoce las apps: cada una registra desde su `AppConfig.ready()` una
función que devuelve sus plazos, leídos de la configuración o del admin en el
momento, nunca escritos en la plantilla.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Plazo:
    que: str
    cuanto: str
    despues: str = ""


_FUENTES: list[Callable[[], list[Plazo]]] = []


def fuente_de_plazos(funcion: Callable[[], list[Plazo]]):
    """Registra una función que devuelve los plazos de conservación de una app."""
    if funcion not in _FUENTES:
        _FUENTES.append(funcion)
    return funcion


def plazos() -> list[Plazo]:
    return [plazo for fuente in _FUENTES for plazo in fuente()]
