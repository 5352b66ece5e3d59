"""Apoyo de las pruebas de la mesa de revisión: `Solicitud.datos` como los
describe docs/DATOS_SOLICITUD.md, una definición de formulario de prueba que
cumple la interfaz `Definicion`, y atajos que llaman los servicios reales."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms

from tests.factories import AvisoPrivacidadFactory, SolicitudFactory, TramiteFactory
from tests.tramites import ayudas
from tramites import services
from tramites.models import Solicitud, TipoTramite
from tramites.pasos import base
from tramites.services import revision

BOGOTA = ZoneInfo("America/Bogota")


def momento(anio, mes, dia, hora=10):
    return datetime(anio, mes, dia, hora, 0, tzinfo=BOGOTA)


def texto_pdf(contenido: bytes) -> str:
    """Texto del PDF con los espacios normalizados (las líneas se parten distinto)."""
    return " ".join(ayudas.texto_pdf(contenido).split())


def datos_inscripcion(**cambios_contribuyente) -> dict:
    """La inscripción de ejemplo de ayudas.py, con cambios en el contribuyente."""
    datos = ayudas.datos_inscripcion()
    datos["contribuyente"].update(cambios_contribuyente)
    return datos


def datos_novedad(contribuyente, tipos_y_nuevos: dict, fecha_hecho="2026-07-01"):
    """`tipos_y_nuevos` = {tipo: nuevo}; `actual` se copia vacío (no se usa al
    aprobar: se lee el registro)."""
    return {
        "registro": {
            "numero_documento": contribuyente.numero_documento,
            "matricula": contribuyente.matricula,
            "contribuyente_id": contribuyente.pk,
        },
        "novedades": {
            "tipos": list(tipos_y_nuevos),
            "fecha_hecho": fecha_hecho,
            "observaciones": "",
        },
        "detalle": {
            tipo: {"actual": {}, "nuevo": nuevo}
            for tipo, nuevo in tipos_y_nuevos.items()
        },
    }


def datos_horario(establecimiento, **cambios) -> dict:
    """Los de `ayudas.datos_horario`, con las fechas fijas de la Nochebuena de 2026."""
    return ayudas.datos_horario(
        establecimiento,
        **{"fecha_inicio": "2026-12-24", "fecha_fin": "2026-12-25", **cambios},
    )


# --- Una definición de formulario de prueba ----------------------------------------


class FormularioPaso(forms.Form):
    """Un campo de texto por cada dato simple del paso."""

    def __init__(self, clave, solicitud, data=None, files=None):
        super().__init__(data, files)
        self.clave = clave
        for campo, valor in solicitud.datos.get(clave, {}).items():
            if isinstance(valor, str):
                self.fields[campo] = forms.CharField(
                    label=campo.replace("_", " ").capitalize(),
                    initial=valor,
                    required=False,
                )


class DefinicionMesa(base.Definicion):
    """Cumple la interfaz de `Definicion` sobre el contrato de DATOS_SOLICITUD."""

    def __init__(self, tipo):
        self.tipo = tipo
        claves = {
            TipoTramite.INSCRIPCION_ICA: [
                ("contribuyente", "Datos del contribuyente"),
                ("registro_mercantil", "Registro mercantil"),
                ("actividades", "Actividades económicas"),
                ("establecimientos", "Establecimientos"),
                ("representacion", "Representación"),
            ],
            TipoTramite.NOVEDAD_ICA: [
                ("registro", "Registro"),
                ("novedades", "Novedades"),
                ("detalle", "Detalle de las novedades"),
            ],
            TipoTramite.AMPLIACION_HORARIO: [
                ("solicitante", "Solicitante"),
                ("establecimiento", "Establecimiento"),
                ("solicitud", "La solicitud"),
            ],
        }[tipo]
        self.pasos = tuple(base.Paso(c, t, FormularioPaso) for c, t in claves)

    def formulario(self, clave, solicitud, data=None, files=None, contexto=None):
        return FormularioPaso(clave, solicitud, data, files)

    def guardar(self, solicitud, clave, formulario):
        solicitud.datos.setdefault(clave, {}).update(formulario.cleaned_data)

    def requisitos_aplicables(self, solicitud):
        return list(solicitud.tramite.requisitos.filter(activo=True))

    def errores(self, solicitud):
        return {}

    def identificacion(self, solicitud):
        datos = solicitud.datos
        if self.tipo == TipoTramite.INSCRIPCION_ICA:
            persona = datos["contribuyente"]
            dv = persona.get("digito_verificacion")
            return (
                persona["numero_documento"] + (f"-{dv}" if dv else ""),
                persona["nombre"],
            )
        if self.tipo == TipoTramite.NOVEDAD_ICA:
            from tramites.models import Contribuyente

            c = Contribuyente.objects.get(pk=datos["registro"]["contribuyente_id"])
            return c.numero_documento, c.nombre
        return (
            datos["solicitante"]["numero_documento"],
            datos["solicitante"]["nombre"],
        )

    def resumen(self, solicitud):
        return [
            (titulo, [(k, str(v)) for k, v in solicitud.datos.get(p.clave, {}).items()])
            for p in self.pasos
            for titulo in [p.titulo]
            if isinstance(solicitud.datos.get(p.clave), dict)
        ]


def registrar_definiciones(monkeypatch):
    for tipo in TipoTramite:
        monkeypatch.setitem(base._REGISTRO, tipo, DefinicionMesa(tipo))


# --- Atajos por los servicios reales -------------------------------------------------


def tramite(tipo=TipoTramite.INSCRIPCION_ICA):
    return {
        TipoTramite.INSCRIPCION_ICA: lambda: TramiteFactory(
            dependencia="Secretaría de Hacienda"
        ),
        TipoTramite.NOVEDAD_ICA: lambda: TramiteFactory(
            novedad=True, dependencia="Secretaría de Hacienda"
        ),
        TipoTramite.AMPLIACION_HORARIO: lambda: TramiteFactory(horario=True),
    }[tipo]()


def radicada(ciudadano, datos=None, tipo=TipoTramite.INSCRIPCION_ICA, **extra):
    """Una solicitud radicada con el servicio real (sin ejecutar los on_commit)."""
    solicitud = SolicitudFactory(
        solicitante=ciudadano,
        tramite=tramite(tipo),
        datos=datos if datos is not None else datos_inscripcion(),
    )
    services.radicar_solicitud(
        solicitud_id=solicitud.pk,
        actor=ciudadano,
        aviso=AvisoPrivacidadFactory(),
        **extra,
    )
    return Solicitud.objects.get(pk=solicitud.pk)


def en_revision(ciudadano, revisor, datos=None, tipo=TipoTramite.INSCRIPCION_ICA):
    solicitud = radicada(ciudadano, datos, tipo)
    revision.iniciar_revision(solicitud_id=solicitud.pk, actor=revisor)
    return Solicitud.objects.get(pk=solicitud.pk)
