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


@pytest.fixture
def definicion_mesa(monkeypatch):
    """Definiciones de formulario sobre el contrato de docs/DATOS_SOLICITUD.md."""
    from tests.tramites.mesa import registrar_definiciones

    registrar_definiciones(monkeypatch)


@pytest.fixture
def ciiu(db):
    """Las actividades CIIU que usan los datos de prueba de la mesa."""
    from tests.factories import ActividadCIIUFactory

    return {
        codigo: ActividadCIIUFactory(codigo=codigo, descripcion=descripcion, **extra)
        for codigo, descripcion, extra in [
            ("1040", "Elaboración de productos lácteos", {}),
            ("4722", "Comercio al por menor de leche, productos lácteos y huevos", {}),
            ("4711", "Comercio al por menor en establecimientos no especializados", {}),
            (
                "5630",
                "Expendio de bebidas alcohólicas para el consumo dentro del "
                "establecimiento",
                {"permite_ampliacion_horario": True},
            ),
        ]
    }


@pytest.fixture
def fijar_hoy(monkeypatch):
    """fijar_hoy(datetime) cambia «ahora» para los servicios (timezone.now)."""

    def fijar(momento):
        monkeypatch.setattr("django.utils.timezone.now", lambda: momento)
        return momento

    return fijar
