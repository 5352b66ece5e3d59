"""Las cifras de la asesoría ciudadana en el tablero del plan y en su PDF:
preguntas por canal, trámite y clase; respuesta dentro del término y días
hábiles; abiertas y vencidas; utilidad de las preguntas frecuentes; y la
asistencia a las sesiones de asesoría (que aporta capacitación)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from capacitacion.models import EstadoInscripcion, Inscripcion, TipoJornada
from comunicaciones.models import (
    CanalPregunta,
    EstadoPregunta,
    PreguntaCiudadana,
    PreguntaFrecuente,
)
from comunicaciones.services import tablero as lecturas
from comunicaciones.services.cifras_asesoria import cifras_asesoria
from tests import factories
from tests.tramites.ayudas import texto_pdf
from tramites.models import TipoTramite

pytestmark = pytest.mark.django_db

BOGOTA = ZoneInfo("America/Bogota")
DESDE, HASTA = date(2026, 11, 1), date(2026, 11, 30)
HOY = date(2026, 11, 20)
_numero = iter(range(1, 10_000))


def pregunta(
    *,
    canal=CanalPregunta.PORTAL,
    clase="INFORMACION",
    tramite=None,
    dia=3,
    vence=date(2026, 11, 17),
    respondida_dia=None,
    dias=None,
):
    recibida = datetime(2026, 11, dia, 9, 0, tzinfo=BOGOTA)
    respondida = (
        datetime(2026, 11, respondida_dia, 15, 0, tzinfo=BOGOTA)
        if respondida_dia
        else None
    )
    return PreguntaCiudadana.objects.create(
        radicado=f"PET-2026-{next(_numero):06d}",
        canal=canal,
        clase=clase,
        area="GENERAL",
        tramite=tramite,
        asunto="¿Cómo inscribo mi tienda?",
        texto="Pregunta de prueba.",
        estado=EstadoPregunta.RESPONDIDA if respondida else EstadoPregunta.RECIBIDA,
        recibida_en=recibida,
        vence_el=vence,
        respondida_en=respondida,
        dias_habiles_respuesta=dias,
    )


@pytest.fixture
def datos_de_asesoria(db):
    ica = factories.TramiteFactory(
        tipo=TipoTramite.INSCRIPCION_ICA, nombre="Inscripción en el ICA"
    )
    horario = factories.TramiteFactory(
        tipo=TipoTramite.AMPLIACION_HORARIO, nombre="Ampliación de horario"
    )
    # Respondidas: tres a tiempo (2, 4 y 6 días hábiles), una tarde (12).
    pregunta(tramite=ica, respondida_dia=5, dias=2)
    pregunta(tramite=ica, respondida_dia=9, dias=4)
    pregunta(
        canal=CanalPregunta.CONVERSACION,
        clase="CONSULTA",
        tramite=horario,
        respondida_dia=11,
        dias=6,
    )
    pregunta(
        canal=CanalPregunta.REDES,
        clase="GENERAL",
        vence=date(2026, 11, 10),
        respondida_dia=19,
        dias=12,
    )
    # Abiertas: una vencida (el 17) y otra que vence el 27.
    pregunta(canal=CanalPregunta.PRESENCIAL, tramite=ica)
    pregunta(dia=13, vence=date(2026, 11, 27))
    # Fuera del periodo.
    PreguntaCiudadana.objects.create(
        radicado="PET-2026-900001",
        canal=CanalPregunta.REDES,
        clase="GENERAL",
        area="GENERAL",
        asunto="De octubre",
        texto="x",
        recibida_en=datetime(2026, 10, 20, 9, 0, tzinfo=BOGOTA),
        vence_el=date(2026, 11, 10),
    )
    PreguntaFrecuente.objects.create(
        pregunta="¿Cuánto cuesta inscribirse en el ICA?",
        respuesta="Nada.",
        publicada=True,
        le_sirvio=8,
        no_le_sirvio=2,
    )
    PreguntaFrecuente.objects.create(
        pregunta="¿Hasta qué hora puede abrir un bar?",
        respuesta="Depende.",
        publicada=True,
        le_sirvio=1,
        no_le_sirvio=3,
    )
    PreguntaFrecuente.objects.create(
        pregunta="Sin votos", respuesta="x", publicada=True
    )
    jornada = factories.JornadaFactory(
        tipo=TipoJornada.ASESORIA,
        titulo="Asesoría en la vereda La Lana",
        estado="REALIZADA",
        inicio=datetime(2026, 11, 14, 9, 0, tzinfo=BOGOTA),
        fin=datetime(2026, 11, 14, 12, 0, tzinfo=BOGOTA),
    )
    estados = [EstadoInscripcion.ASISTIO] * 3 + [EstadoInscripcion.INSCRITA] * 2
    estados += [EstadoInscripcion.CANCELADA]
    for i, estado in enumerate(estados):
        Inscripcion.objects.create(
            jornada=jornada,
            usuario=factories.UsuarioFactory(),
            estado=estado,
            codigo_verificacion=f"LLEGA{i:03d}",
            inscrita_en=jornada.inicio - timedelta(days=5),
            asistio_en=jornada.inicio if estado == EstadoInscripcion.ASISTIO else None,
        )


def test_las_cifras_de_la_asesoria_del_periodo(datos_de_asesoria):
    cifras = cifras_asesoria(desde=DESDE, hasta=HASTA, hoy=HOY)

    assert cifras.recibidas == 6
    assert [(c.etiqueta, c.cantidad) for c in cifras.por_canal] == [
        ("Portal", 3),
        ("Conversación en vivo", 1),
        ("Redes sociales", 1),
        ("Presencial", 1),
    ]
    assert [(c.etiqueta, c.cantidad) for c in cifras.por_tramite] == [
        ("Inscripción en el ICA", 3),
        ("Ampliación de horario", 1),
        ("Sin trámite", 2),
    ]
    assert [(c.etiqueta, c.cantidad) for c in cifras.por_clase] == [
        ("Solicitud de información", 4),
        ("Consulta", 1),
        ("Petición general", 1),
    ]
    assert cifras.por_canal[0].texto == "50 %"
    assert (cifras.respondidas, cifras.a_tiempo) == (4, 3)
    assert cifras.porcentaje_a_tiempo == "75 %"
    assert cifras.promedio_dias == "6 días hábiles"
    assert (cifras.abiertas, cifras.vencidas) == (2, 1)
    assert (cifras.votos_si, cifras.votos_no) == (9, 5)
    assert cifras.utilidad == "64 %"
    assert [(f.pregunta, f.si, f.no, f.texto) for f in cifras.frecuentes] == [
        ("¿Cuánto cuesta inscribirse en el ICA?", 8, 2, "80 %"),
        ("¿Hasta qué hora puede abrir un bar?", 1, 3, "25 %"),
    ]
    sesiones = cifras.sesiones
    assert (sesiones.jornadas, sesiones.inscritos, sesiones.asistieron) == (1, 5, 3)
    assert cifras.asistencia == "60 %"


def test_sin_preguntas_ni_votos_no_hay_division_por_cero():
    cifras = cifras_asesoria(desde=DESDE, hasta=HASTA, hoy=HOY)
    assert cifras.recibidas == 0
    assert cifras.porcentaje_a_tiempo == "—"
    assert cifras.promedio_dias == "—"
    assert cifras.utilidad == "—"
    assert cifras.frecuentes == []


def _textos_esperados():
    return [
        "Asesoría ciudadana",
        "Preguntas por canal",
        "Conversación en vivo",
        "Preguntas por trámite",
        "Inscripción en el ICA",
        "Preguntas por clase de petición",
        "Solicitud de información",
        "Respondidas dentro del término",
        "3 de 4",
        "75 %",
        "6 días hábiles",
        "Abiertas",
        "Vencidas sin respuesta",
        "¿Cuánto cuesta inscribirse en el ICA?",
        "80 %",
        "64 %",
        "Sesiones de asesoría",
        "3 de 5",
        "60 %",
    ]


def test_la_pagina_del_tablero_muestra_la_asesoria_sin_javascript(
    client, lider_gel, datos_de_asesoria, monkeypatch
):
    monkeypatch.setattr(lecturas.reloj, "hoy", lambda: HOY)
    client.force_login(lider_gel)

    pagina = client.get(
        reverse("admin:comunicaciones_actividadplan_tablero"),
        {"desde": "01/11/2026", "hasta": "30/11/2026"},
    )

    assert pagina.status_code == 200
    texto = pagina.text
    for esperado in _textos_esperados():
        assert esperado in texto, esperado
    pdf = reverse("admin:comunicaciones_actividadplan_tablero_pdf")
    assert f"{pdf}?desde=01/11/2026&amp;hasta=30/11/2026" in texto


def test_el_pdf_del_tablero_lleva_las_cifras_de_la_asesoria(
    client, lider_gel, datos_de_asesoria, monkeypatch
):
    monkeypatch.setattr(lecturas.reloj, "hoy", lambda: HOY)
    client.force_login(lider_gel)

    respuesta = client.get(
        reverse("admin:comunicaciones_actividadplan_tablero_pdf"),
        {"desde": "01/11/2026", "hasta": "30/11/2026"},
    )

    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/pdf"
    texto = " ".join(texto_pdf(respuesta.content).split())
    for esperado in _textos_esperados():
        assert esperado in texto, esperado
