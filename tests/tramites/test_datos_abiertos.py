"""Los datos abiertos: cifras por mes cerradas, anónimas, con las menores que 5
escondidas y sin porcentajes de los que se deduzcan."""

import csv
import io
from datetime import date, datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from sanpedro_gel.reloj import BOGOTA
from tests.factories import SolicitudFactory, TramiteFactory, UsuarioFactory
from tramites.models import RadicacionesVentanilla, TipoTramite
from tramites.services import datos_abiertos

pytestmark = pytest.mark.django_db

HOY = date(2026, 5, 12)  # abril es el último mes cerrado


def _leer(slug, cliente):
    respuesta = cliente.get(reverse("datos_abiertos_csv", args=[slug]))
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"].startswith("text/csv")
    texto = respuesta.content.decode("utf-8")
    assert not texto.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(texto)))


@pytest.fixture
def hoy(monkeypatch):
    monkeypatch.setattr(datos_abiertos.reloj, "hoy", lambda: HOY)


@pytest.fixture
def inscripcion():
    return TramiteFactory(
        tipo=TipoTramite.INSCRIPCION_ICA, orden=1, nombre="Inscripción ICA"
    )


def _radicar(tramite, momento, cuantas, persona, **extra):
    return [
        SolicitudFactory(
            tramite=tramite,
            radicada=True,
            radicado_en=momento,
            solicitante=persona,
            documento=f"43{n:06d}",
            nombre_solicitante=f"Ána Ruíz {n}",
            **extra,
        )
        for n in range(cuantas)
    ]


def test_los_meses_cerrados_con_las_cifras_pequenas_escondidas(
    client, hoy, inscripcion
):
    persona = UsuarioFactory()
    marzo = datetime(2026, 3, 10, 9, 0, tzinfo=BOGOTA)
    abril = datetime(2026, 4, 30, 23, 30, tzinfo=BOGOTA)  # ya mayo en UTC
    _radicar(inscripcion, marzo, 12, persona, como_se_entero="EMISORA")
    _radicar(inscripcion, abril, 3, persona)
    # El mes en curso no se publica.
    _radicar(inscripcion, datetime(2026, 5, 2, 9, 0, tzinfo=BOGOTA), 7, persona)
    RadicacionesVentanilla.objects.create(
        tramite=inscripcion, mes=date(2026, 3, 1), cantidad=28
    )
    RadicacionesVentanilla.objects.create(
        tramite=inscripcion, mes=date(2026, 4, 1), cantidad=40
    )

    filas = _leer("radicaciones-por-canal", client)

    assert [(f["mes"], f["en_linea"], f["ventanilla"]) for f in filas] == [
        ("2026-03", "12", "28"),
        ("2026-04", "<5", "40"),
    ]
    assert filas[0]["porcentaje_en_linea"] == "30.0"
    # 3 de 43 dejaría ver la cifra escondida: no se publica.
    assert filas[1]["porcentaje_en_linea"] == ""
    canales = {
        (f["mes"], f["canal"]): f["solicitudes"]
        for f in _leer("como-se-entero", client)
    }
    assert canales[("2026-03", "Emisora")] == "12"
    assert canales[("2026-04", "Sin respuesta")] == "<5"
    assert canales[("2026-04", "Emisora")] == "0"


def test_las_decisiones_con_menos_de_cinco_no_dan_porcentaje_ni_promedio(
    client, hoy, inscripcion
):
    persona = UsuarioFactory()
    radicada = datetime(2026, 3, 2, 8, 0, tzinfo=BOGOTA)
    decidida = datetime(2026, 3, 20, 15, 0, tzinfo=BOGOTA)
    for n, a_tiempo in enumerate([True] * 5 + [False]):
        _radicar(
            inscripcion,
            radicada,
            1,
            persona,
            estado="APROBADO",
            decidida_en=decidida,
            decidida_a_tiempo=a_tiempo,
            dias_habiles_para_decidir=8 + n,
        )
    _radicar(
        inscripcion,
        radicada,
        2,
        persona,
        estado="RECHAZADO",
        decidida_en=datetime(2026, 4, 6, 10, 0, tzinfo=BOGOTA),
        decidida_a_tiempo=True,
        dias_habiles_para_decidir=4,
    )

    filas = {f["mes"]: f for f in _leer("decisiones-por-mes", client)}

    assert filas["2026-03"]["decididas"] == "6"
    assert filas["2026-03"]["porcentaje_a_tiempo"] == "83.3"
    assert filas["2026-03"]["promedio_dias_habiles"] == "10.5"
    assert filas["2026-04"]["decididas"] == "<5"
    assert filas["2026-04"]["porcentaje_a_tiempo"] == ""
    assert filas["2026-04"]["promedio_dias_habiles"] == ""


def test_ningun_dato_personal_en_los_archivos(client, hoy, inscripcion):
    persona = UsuarioFactory(email="ana.ruiz@correo.co")
    solicitudes = _radicar(
        inscripcion, datetime(2026, 3, 2, 8, 0, tzinfo=BOGOTA), 6, persona
    )
    todo = b"".join(
        client.get(reverse("datos_abiertos_csv", args=[c.slug])).content
        for c in datos_abiertos.CONJUNTOS
    ).decode("utf-8")
    for solicitud in solicitudes:
        assert solicitud.radicado not in todo
        assert solicitud.documento not in todo
        assert solicitud.nombre_solicitante not in todo
    assert "ana.ruiz" not in todo


def test_la_pagina_tiene_el_diccionario_y_los_enlaces(client, hoy, inscripcion):
    _radicar(
        inscripcion, datetime(2026, 3, 2, 8, 0, tzinfo=BOGOTA), 1, UsuarioFactory()
    )
    respuesta = client.get("/transparencia/datos-abiertos/")
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "de marzo de 2026 a abril de 2026" in html
    for conjunto in datos_abiertos.CONJUNTOS:
        assert reverse("datos_abiertos_csv", args=[conjunto.slug]) in html
        for campo in conjunto.campos:
            assert f"<code>{campo.nombre}</code>" in html
    assert reverse("datos_abiertos") in client.get("/transparencia/").content.decode()


def test_sin_solicitudes_solo_el_encabezado_y_un_conjunto_inexistente_es_404(
    client, hoy
):
    assert _leer("radicaciones-por-canal", client) == []
    assert client.get("/transparencia/datos-abiertos/otro.csv").status_code == 404
    assert (
        "Todavía no hay un mes cerrado"
        in client.get("/transparencia/datos-abiertos/").content.decode()
    )


def test_el_conjunto_de_datos_se_dibuja_con_su_descarga_y_su_diccionario():
    html = render_to_string(
        "tramites/_conjunto_de_datos.html",
        {
            "conjunto": {
                "titulo": "Preguntas por mes",
                "descripcion": "Cuántas preguntas llegaron.",
                "archivo": "preguntas.csv",
                "campos": [
                    datos_abiertos.Campo("mes", "texto (AAAA-MM)", "El mes."),
                    datos_abiertos.Campo("preguntas", "entero", "Cuántas <b>."),
                ],
            },
            "ancla": "conjunto-preguntas",
            "descarga": "/datos/preguntas.csv",
        },
    )

    assert 'aria-labelledby="conjunto-preguntas"' in html
    assert '<h2 id="conjunto-preguntas" class="h4">Preguntas por mes</h2>' in html
    assert 'href="/datos/preguntas.csv" download>Descargar preguntas.csv</a>' in html
    assert "<caption>Diccionario de datos de preguntas.csv</caption>" in html
    assert (
        '<tr><th scope="row"><code>mes</code></th><td>texto (AAAA-MM)</td>'
        "<td>El mes.</td></tr>"
    ) in html
    assert "Cuántas &lt;b&gt;." in html
