"""Mientras la solicitud espera una subsanación el término está suspendido: la
ciudadana ve eso y cuántos días hábiles quedarán cuando responda, no la fecha
de respuesta que ya no rige (en «Mis trámites», en el detalle y en la consulta
pública)."""

from datetime import date

import pytest
from django.urls import reverse

from tests import factories
from tramites.models import Estado

pytestmark = pytest.mark.django_db


@pytest.fixture
def suspendida(catalogo, ciudadano):
    return factories.SolicitudFactory(
        tramite=catalogo["inscripcion"],
        solicitante=ciudadano,
        radicada=True,
        estado=Estado.REQUIERE_SUBSANACION,
        radicado="ICA-2026-000077",
        documento="43867215",
        vence_el=date(2026, 12, 30),
        termino_suspendido_el=date(2026, 12, 3),
        dias_habiles_restantes=12,
    )


def _sin_fecha_de_respuesta(html: str):
    assert "30 de diciembre de 2026" not in html
    assert "Respuesta a más tardar</dt>" not in html


def test_mis_tramites_dice_que_el_termino_esta_suspendido(client, suspendida):
    client.force_login(suspendida.solicitante)
    html = client.get(reverse("tramites:mis_tramites")).content.decode()
    assert "ICA-2026-000077" in html
    _sin_fecha_de_respuesta(html)
    assert "Término suspendido" in html
    assert "12 días hábiles" in html


def test_el_detalle_dice_desde_cuando_y_cuantos_dias_quedaran(client, suspendida):
    client.force_login(suspendida.solicitante)
    html = client.get(
        reverse("tramites:solicitud", args=[suspendida.pk])
    ).content.decode()
    _sin_fecha_de_respuesta(html)
    assert "Suspendido desde el 3 de diciembre de 2026" in html
    assert "quedarán 12 días hábiles" in html


def test_la_consulta_publica_tambien(client, suspendida):
    html = client.post(
        reverse("tramites:consulta"),
        {"radicado": "ICA-2026-000077", "dato": "43867215"},
    ).content.decode()
    assert "Solicitud ICA-2026-000077" in html
    _sin_fecha_de_respuesta(html)
    assert "Suspendido desde el 3 de diciembre de 2026" in html
    assert "quedarán 12 días hábiles" in html


def test_un_dia_habil_en_singular(client, suspendida):
    suspendida.dias_habiles_restantes = 1
    suspendida.save()
    client.force_login(suspendida.solicitante)
    html = client.get(
        reverse("tramites:solicitud", args=[suspendida.pk])
    ).content.decode()
    assert "quedará 1 día hábil" in html


def test_un_termino_ya_vencido_al_suspender_lo_dice(client, suspendida):
    suspendida.dias_habiles_restantes = -3
    suspendida.vence_el = date(2026, 11, 27)
    suspendida.save()
    client.force_login(suspendida.solicitante)
    html = client.get(
        reverse("tramites:solicitud", args=[suspendida.pk])
    ).content.decode()
    assert "Suspendido desde el 3 de diciembre de 2026" in html
    assert "ya había vencido el 27 de noviembre de 2026" in html
    assert "quedarán" not in html


def test_reanudado_vuelve_la_fecha_de_respuesta(client, suspendida):
    suspendida.estado = Estado.EN_REVISION
    suspendida.termino_suspendido_el = None
    suspendida.dias_habiles_restantes = None
    suspendida.vence_el = date(2027, 1, 21)
    suspendida.save()
    client.force_login(suspendida.solicitante)
    html = client.get(
        reverse("tramites:solicitud", args=[suspendida.pk])
    ).content.decode()
    assert "Respuesta a más tardar" in html and "21 de enero de 2027" in html
    assert "Suspendido" not in html
