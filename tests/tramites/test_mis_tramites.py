"""«Mis trámites»: borradores y solicitudes con estado, fechas e historial público."""

from datetime import date

import pytest
from django.urls import reverse

from tests import factories
from tramites.models import Actuacion

pytestmark = pytest.mark.django_db


def test_mis_tramites_lista_borradores_y_radicadas(
    client, ciudadano, otro_ciudadano, catalogo
):
    borrador = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"],
        solicitante=ciudadano,
        paso_actual="actividades",
    )
    radicada = factories.SolicitudFactory(
        tramite=catalogo["horario"],
        solicitante=ciudadano,
        radicada=True,
        radicado="HOR-2026-000004",
        vence_el=date(2026, 12, 21),
    )
    ajena = factories.SolicitudFactory(
        tramite=catalogo["novedad"], solicitante=otro_ciudadano, radicada=True
    )
    client.force_login(ciudadano)
    html = client.get(reverse("tramites:mis_tramites")).content.decode()
    assert "HOR-2026-000004" in html and "Radicado" in html
    assert "21 de diciembre de 2026" in html
    assert reverse("tramites:paso", args=[borrador.pk, "actividades"]) in html
    assert reverse("tramites:solicitud", args=[radicada.pk]) in html
    assert ajena.radicado not in html


def test_mis_tramites_tiene_presupuesto_de_consultas(
    client, ciudadano, catalogo, django_assert_max_num_queries
):
    for tramite in ("inscripcion", "novedad", "horario"):
        for _ in range(4):
            factories.SolicitudFactory(tramite=catalogo[tramite], solicitante=ciudadano)
            factories.SolicitudFactory(
                tramite=catalogo[tramite], solicitante=ciudadano, radicada=True
            )
    client.force_login(ciudadano)
    # sesión + usuario + solicitudes (con su trámite): no crece con las filas.
    # + las preguntas a la Alcaldía, una consulta sin importar cuántas haya.
    with django_assert_max_num_queries(5):
        respuesta = client.get(reverse("tramites:mis_tramites"))
    assert respuesta.status_code == 200
    assert respuesta.content.decode().count("Continuar<span") == 12


def test_el_detalle_muestra_solo_el_historial_publico(
    client, ciudadano, catalogo, django_assert_max_num_queries
):
    solicitud = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"], solicitante=ciudadano, radicada=True
    )
    Actuacion.objects.create(
        solicitud=solicitud, descripcion="Solicitud radicada", estado_destino="RADICADO"
    )
    Actuacion.objects.create(
        solicitud=solicitud,
        descripcion="Asignada a Luisa Restrepo",
        observacion="Nota interna del equipo",
        publica=False,
    )
    client.force_login(ciudadano)
    with django_assert_max_num_queries(10):
        html = client.get(
            reverse("tramites:solicitud", args=[solicitud.pk])
        ).content.decode()
    assert "Solicitud radicada" in html
    assert "Nota interna" not in html and "Asignada a" not in html
    assert solicitud.codigo_verificacion in html


def test_un_borrador_en_el_detalle_lleva_a_su_paso(client, ciudadano, catalogo):
    borrador = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"], solicitante=ciudadano, paso_actual="documentos"
    )
    client.force_login(ciudadano)
    respuesta = client.get(reverse("tramites:solicitud", args=[borrador.pk]))
    assert respuesta.url == reverse("tramites:documentos", args=[borrador.pk])


def test_mis_tramites_pide_ingresar(client):
    respuesta = client.get(reverse("tramites:mis_tramites"))
    assert respuesta.status_code == 302
    assert respuesta.url.startswith(reverse("account_login"))
