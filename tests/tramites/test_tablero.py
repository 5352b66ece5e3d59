"""El tablero del Líder GEL: cifras agregadas y gráficas legibles como tablas."""

from datetime import date

import pytest
from django.urls import reverse

from tests.tramites.mesa import en_revision, momento, radicada
from tramites.models import Calificacion
from tramites.services import revision, tablero

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("definicion_mesa", "ciiu")]


@pytest.fixture
def historia(ciudadano, revisor_hacienda, fijar_hoy):
    """Cuatro radicaciones en dos meses; una aprobada a tiempo, una tarde."""
    from tests.tramites.mesa import datos_inscripcion

    fijar_hoy(momento(2026, 6, 1))
    a_tiempo = en_revision(ciudadano, revisor_hacienda)
    tarde = en_revision(
        ciudadano, revisor_hacienda, datos_inscripcion(numero_documento="900999888")
    )
    fijar_hoy(momento(2026, 7, 1))
    radicada(ciudadano, como_se_entero="EMISORA")
    radicada(ciudadano, como_se_entero="EMISORA")
    fijar_hoy(momento(2026, 6, 10))
    revision.aprobar(solicitud_id=a_tiempo.pk, actor=revisor_hacienda)
    fijar_hoy(momento(2026, 7, 1))
    revision.rechazar(
        solicitud_id=tarde.pk,
        actor=revisor_hacienda,
        motivacion="El RUT corresponde a otra actividad económica.",
    )
    Calificacion.objects.create(solicitud=a_tiempo, puntaje=5, comentario="Muy ágil.")
    Calificacion.objects.create(solicitud=tarde, puntaje=2, comentario="Se demoró.")
    fijar_hoy(momento(2026, 7, 15))
    return a_tiempo, tarde


def test_indicadores(historia):
    cifras = tablero.indicadores(desde=date(2026, 1, 1), hasta=date(2026, 7, 31))
    assert cifras["total_radicadas"] == 4
    assert cifras["decididas"] == 2
    assert cifras["porcentaje_a_tiempo"] == 50.0
    # 1→10 de junio: 6 días hábiles (el 8 es festivo); 1 de junio→1 de julio:
    # 19 (sin el 8, el 15 ni el 29 de junio).
    assert cifras["promedio_dias"] == 12.5
    fila = cifras["por_estado"][0]
    assert fila["total"] == 4
    assert dict(zip(cifras["estados"], fila["celdas"], strict=True)) == {
        "Radicado": 2,
        "En revisión": 0,
        "Requiere subsanación": 0,
        "Aprobado": 1,
        "Rechazado": 1,
        "Desistido": 0,
    }
    assert [(m["mes"], m["total"]) for m in cifras["meses"]] == [
        ("jun 2026", 2),
        ("jul 2026", 2),
    ]
    canales = {b.etiqueta: b.valor for b in cifras["canales"]}
    assert canales["Emisora"] == 2 and canales["Sin respuesta"] == 2
    assert cifras["calificaciones"]["promedio"] == 3.5
    assert [b.valor for b in cifras["calificaciones"]["distribucion"]] == [
        1,
        0,
        0,
        1,
        0,
    ]


def test_la_pagina_del_tablero_es_legible_sin_javascript(client, lider_gel, historia):
    client.force_login(lider_gel)
    respuesta = client.get(
        reverse("admin:tramites_solicitud_tablero"),
        {"desde": "2026-01-01", "hasta": "2026-07-31"},
    )
    pagina = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert (
        "<script"
        not in pagina.split('<div id="content-main"')[1].split("</div>\n{% endblock")[0]
    )
    assert "Solicitudes por trámite y estado" in pagina
    assert '<th scope="row">jun 2026</th>' in pagina
    assert "50,0 %" in pagina
    assert "12,5" in pagina
    assert '<th scope="row">Emisora</th><td class="num">2</td>' in pagina
    assert "«Se demoró.»" in pagina.replace("&laquo;", "«").replace("&raquo;", "»")
    assert 'class="barra"' in pagina


def test_la_bandeja_enlaza_el_tablero_solo_al_lider(
    client, lider_gel, revisor_hacienda
):
    url = reverse("admin:tramites_solicitud_tablero")
    client.force_login(lider_gel)
    assert (
        url
        in client.get(reverse("admin:tramites_solicitud_changelist")).content.decode()
    )
    client.force_login(revisor_hacienda)
    assert (
        url
        not in client.get(
            reverse("admin:tramites_solicitud_changelist")
        ).content.decode()
    )
