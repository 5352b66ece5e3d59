"""«Mis trámites»: borradores y solicitudes con estado, fechas e historial público."""

from datetime import date

import pytest
from django.urls import reverse

from tests import factories
from tramites.models import Actuacion, Estado, Solicitud

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


def test_la_segunda_visita_no_consulta_el_directorio_ni_crece_con_las_filas(
    client, ciudadano, catalogo, django_assert_num_queries, consultas_de_sesion
):
    client.force_login(ciudadano)
    client.get(reverse("tramites:mis_tramites"))
    for _ in range(6):
        factories.SolicitudFactory(tramite=catalogo["horario"], solicitante=ciudadano)
        factories.SolicitudFactory(
            tramite=catalogo["horario"], solicitante=ciudadano, radicada=True
        )
    # La sesión (si no sale de Redis), el usuario, las solicitudes (con su
    # trámite) y las preguntas a la Alcaldía; el enlace a la intranet sale de
    # la caché.
    with django_assert_num_queries(consultas_de_sesion + 3):
        respuesta = client.get(reverse("tramites:mis_tramites"))
    assert respuesta.content.decode().count("Continuar<span") == 6


def test_cada_ciudadano_ve_solo_lo_suyo_y_al_dia(
    client, ciudadano, otro_ciudadano, catalogo
):
    propia = factories.SolicitudFactory(
        tramite=catalogo["horario"], solicitante=ciudadano, radicada=True
    )
    ajena = factories.SolicitudFactory(
        tramite=catalogo["novedad"], solicitante=otro_ciudadano, radicada=True
    )
    url = reverse("tramites:mis_tramites")
    for _ in range(2):
        client.force_login(ciudadano)
        html = client.get(url).content.decode()
        assert propia.radicado in html and ajena.radicado not in html
        client.force_login(otro_ciudadano)
        html = client.get(url).content.decode()
        assert ajena.radicado in html and propia.radicado not in html
        assert "Gómez" not in html
    # Un cambio de estado por UPDATE (como las transiciones) se ve en seguida.
    Solicitud.objects.filter(pk=ajena.pk).update(estado=Estado.APROBADO)
    assert "Aprobad" in client.get(url).content.decode()
