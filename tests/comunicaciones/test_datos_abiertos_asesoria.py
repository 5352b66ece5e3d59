"""Datos abiertos de la asesoría: preguntas por mes cerrado y canal, con la parte
respondida dentro del término; las cifras de 1 a 4 se publican como «<5» y los
porcentajes sobre menos de 5 casos quedan vacíos, como en los de trámites."""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from comunicaciones.models import CanalPregunta, EstadoPregunta, PreguntaCiudadana
from sanpedro_gel import reloj

pytestmark = pytest.mark.django_db

BOGOTA = ZoneInfo("America/Bogota")
HOY = date(2026, 12, 10)  # noviembre es el último mes cerrado
URL = "/transparencia/datos-abiertos/asesoria.csv"
_numero = iter(range(1, 10_000))


@pytest.fixture
def hoy(monkeypatch):
    monkeypatch.setattr(reloj, "hoy", lambda: HOY)


def preguntas(cuantas, canal, recibida, *, respondida=None, vence=None):
    for _ in range(cuantas):
        PreguntaCiudadana.objects.create(
            radicado=f"PET-2026-{next(_numero):06d}",
            canal=canal,
            clase="INFORMACION",
            area="GENERAL",
            asunto="Ana Ruíz pregunta por su tienda",
            texto="x",
            estado=EstadoPregunta.RESPONDIDA if respondida else EstadoPregunta.RECIBIDA,
            recibida_en=recibida,
            vence_el=vence or date(2026, 12, 31),
            respondida_en=respondida,
            dias_habiles_respuesta=3 if respondida else None,
        )


def _leer(client):
    respuesta = client.get(URL)
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"].startswith("text/csv")
    assert 'filename="asesoria.csv"' in respuesta["Content-Disposition"]
    texto = respuesta.content.decode("utf-8")
    assert not texto.startswith("\ufeff")
    assert "Ruíz" not in texto and "PET-" not in texto
    return list(csv.DictReader(io.StringIO(texto)))


def test_preguntas_por_mes_y_canal_con_las_cifras_pequenas_escondidas(client, hoy):
    octubre = datetime(2026, 10, 5, 9, 0, tzinfo=BOGOTA)
    a_tiempo = datetime(2026, 10, 9, 9, 0, tzinfo=BOGOTA)
    # Portal en octubre: 7 preguntas, 6 respondidas, 5 de ellas a tiempo.
    preguntas(5, CanalPregunta.PORTAL, octubre, respondida=a_tiempo)
    preguntas(
        1,
        CanalPregunta.PORTAL,
        octubre,
        respondida=datetime(2026, 10, 30, 9, 0, tzinfo=BOGOTA),
        vence=date(2026, 10, 20),
    )
    preguntas(1, CanalPregunta.PORTAL, octubre)
    # Redes en octubre: 2, respondidas a tiempo (muy pocas para publicarlas).
    preguntas(2, CanalPregunta.REDES, octubre, respondida=a_tiempo)
    # El 30 de noviembre a las 11 p. m. (ya diciembre en UTC) cuenta en noviembre.
    noviembre = datetime(2026, 11, 30, 23, 0, tzinfo=BOGOTA)
    preguntas(
        5,
        CanalPregunta.CONVERSACION,
        noviembre,
        respondida=datetime(2026, 12, 1, 9, 0, tzinfo=BOGOTA),
    )
    # El mes en curso no se publica.
    preguntas(6, CanalPregunta.PORTAL, datetime(2026, 12, 2, 9, 0, tzinfo=BOGOTA))

    filas = _leer(client)

    assert list(filas[0]) == [
        "mes",
        "canal",
        "preguntas",
        "respondidas",
        "porcentaje_a_tiempo",
    ]
    assert [tuple(f.values()) for f in filas] == [
        ("2026-10", "Portal", "7", "6", "83.3"),
        ("2026-10", "Conversación en vivo", "0", "0", ""),
        ("2026-10", "Redes sociales", "<5", "<5", ""),
        ("2026-10", "Presencial", "0", "0", ""),
        ("2026-11", "Portal", "0", "0", ""),
        ("2026-11", "Conversación en vivo", "5", "5", "100.0"),
        ("2026-11", "Redes sociales", "0", "0", ""),
        ("2026-11", "Presencial", "0", "0", ""),
    ]


def test_sin_mes_cerrado_el_archivo_tiene_solo_su_encabezado(client, hoy):
    preguntas(3, CanalPregunta.PORTAL, datetime(2026, 12, 2, 9, 0, tzinfo=BOGOTA))
    assert _leer(client) == []


def test_la_pagina_de_datos_abiertos_enlaza_el_archivo_de_asesoria(client):
    assert reverse("comunicaciones:datos_abiertos_asesoria") == URL
    pagina = client.get(reverse("datos_abiertos"))
    assert pagina.status_code == 200
    assert f'href="{URL}"' in pagina.text
    assert "porcentaje_a_tiempo" in pagina.text
    assert "Preguntas de la asesoría ciudadana por mes y canal" in pagina.text
