import pytest

from tramites.models import TipoTramite
from tramites.pasos import base


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


# --- Catálogo y registro mínimos para los formularios reales ------------------------


@pytest.fixture
def catalogo(db):
    """Los tres trámites con requisitos, actividades CIIU y un aviso vigente."""
    from tests import factories
    from tramites.models import CondicionRequisito, TipoNovedad

    for codigo, descripcion, elegible in (
        ("1040", "Elaboración de productos lácteos", False),
        ("4722", "Comercio al por menor de leche, productos lácteos y huevos", False),
        ("4711", "Comercio al por menor en establecimientos no especializados", False),
        (
            "5630",
            "Expendio de bebidas alcohólicas para el consumo dentro del establecimiento",
            True,
        ),
        ("9602", "Peluquería y otros tratamientos de belleza", False),
    ):
        factories.ActividadCIIUFactory(
            codigo=codigo,
            descripcion=descripcion,
            permite_ampliacion_horario=elegible,
        )
    inscripcion = factories.TramiteFactory(slug="inscripcion-ica")
    novedad = factories.TramiteFactory(novedad=True, slug="novedad-ica")
    horario = factories.TramiteFactory(horario=True, slug="ampliacion-horario")
    requisitos = {
        "rut": factories.RequisitoFactory(tramite=inscripcion, nombre="RUT"),
        "cedula": factories.RequisitoFactory(
            tramite=inscripcion, nombre="Documento de identidad"
        ),
        "camara": factories.RequisitoFactory(
            tramite=inscripcion,
            nombre="Certificado de Cámara de Comercio",
            condicion=CondicionRequisito.CON_MATRICULA_MERCANTIL,
        ),
        "poder": factories.RequisitoFactory(
            tramite=inscripcion,
            nombre="Poder",
            condicion=CondicionRequisito.CON_APODERADO,
        ),
        "consorcial": factories.RequisitoFactory(
            tramite=inscripcion,
            nombre="Acuerdo consorcial",
            condicion=CondicionRequisito.CONSORCIO,
        ),
        "rut_novedad": factories.RequisitoFactory(
            tramite=novedad, nombre="RUT actualizado"
        ),
        "paz_y_salvo": factories.RequisitoFactory(
            tramite=novedad,
            nombre="Paz y salvo",
            condicion=CondicionRequisito.TIPO_NOVEDAD,
            tipo_novedad=TipoNovedad.CESE_ACTIVIDADES,
        ),
        "cedula_horario": factories.RequisitoFactory(
            tramite=horario, nombre="Cédula del solicitante"
        ),
        "poliza": factories.RequisitoFactory(
            tramite=horario,
            nombre="Póliza de responsabilidad civil",
            condicion=CondicionRequisito.EVENTO_OCASIONAL,
        ),
        "opcional": factories.RequisitoFactory(
            tramite=horario, nombre="Plano del local", obligatorio=False
        ),
    }
    factories.AvisoPrivacidadFactory()
    return {
        "inscripcion": inscripcion,
        "novedad": novedad,
        "horario": horario,
        "requisitos": requisitos,
    }


@pytest.fixture
def bar(catalogo, ciudadano):
    """Un bar inscrito en el registro ICA, con actividad 5630 (elegible), a
    nombre de la cuenta de `ciudadano` en el portal."""
    from tests import factories
    from tramites.models import ActividadCIIU, ActividadContribuyente

    establecimiento = factories.EstablecimientoFactory(
        nombre_comercial="Bar La Fonda",
        actividad=ActividadCIIU.objects.get(codigo="5630"),
        contribuyente__matricula="ICA-000098",
        contribuyente__numero_documento="900373913",
        contribuyente__nombre="Inversiones La Fonda S.A.S.",
        contribuyente__titular_cuenta=ciudadano,
    )
    ActividadContribuyente.objects.create(
        contribuyente=establecimiento.contribuyente,
        actividad_id="5630",
        principal=True,
    )
    return establecimiento


# --- Mesa de revisión -------------------------------------------------------------


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
