import pytest

from tramites.formularios import base
from tramites.models import TipoTramite


class DefinicionDePrueba(base.Definicion):
    """Formulario mínimo: `datos["falta"]` simula un paso incompleto."""

    pasos = ()

    def __init__(self, tipo):
        self.tipo = tipo

    def errores(self, solicitud):
        falta = solicitud.datos.get("falta")
        return {"contribuyente": [falta]} if falta else {}

    def identificacion(self, solicitud):
        return solicitud.datos.get("documento", "43123456"), solicitud.datos.get(
            "nombre", "María Gómez"
        )

    def resumen(self, solicitud):
        return [
            (
                "Contribuyente",
                [("Nombre", solicitud.datos.get("nombre", "María Gómez"))],
            )
        ]


@pytest.fixture
def definicion_de_prueba(monkeypatch):
    for tipo in TipoTramite:
        monkeypatch.setitem(base._REGISTRO, tipo, DefinicionDePrueba(tipo))
