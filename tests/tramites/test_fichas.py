"""Información antes de radicar: la lista de trámites y las fichas SUIT."""

import pytest
from django.urls import reverse

from tests import factories
from tramites import demo
from tramites.models import Tramite

pytestmark = pytest.mark.django_db


@pytest.fixture
def fichas(db):
    demo.cargar_catalogo()
    return {t.tipo: t for t in Tramite.objects.all()}


def test_la_lista_muestra_solo_los_tramites_activos(
    client, fichas, django_assert_max_num_queries
):
    horario = fichas["AMPLIACION_HORARIO"]
    horario.activo = False
    horario.save()
    with django_assert_max_num_queries(3):
        html = client.get(reverse("tramites:lista")).content.decode()
    assert "Inscripción en el Registro de Industria y Comercio" in html
    assert "Novedad del registro de Industria y Comercio" in html
    assert horario.nombre not in html
    assert client.get(horario.get_absolute_url()).status_code == 404


def test_la_ficha_tiene_todo_lo_del_suit(client, fichas, django_assert_max_num_queries):
    inscripcion = fichas["INSCRIPCION_ICA"]
    with django_assert_max_num_queries(4):
        respuesta = client.get(inscripcion.get_absolute_url())
    html = respuesta.content.decode()
    for seccion in (
        "¿Para qué sirve?",
        "¿A quién va dirigido?",
        "Requisitos",
        "Pasos",
        "Dónde y cuándo",
        "Tiempo de respuesta",
        "Costo",
        "Resultado",
        "Normatividad",
        "Medio de seguimiento",
        "Recomendaciones",
    ):
        assert f">{seccion}</h2>" in html, seccion
    assert "15 días hábiles" in html and "Gratuito" in html
    assert "Persona natural" in html or "Documento de identidad del titular" in html
    assert "Persona jurídica" in html
    assert "Cuando actúa un apoderado" in html
    assert (
        'href="https://www.secretariasenado.gov.co/senado/basedoc/ley_0014_1983.html"'
        in html
    )
    assert reverse("tramites:iniciar", args=[inscripcion.slug]) in html
    assert "Iniciar trámite en línea" in html


def test_la_ficha_de_horario_muestra_la_anticipacion_configurable(client, fichas):
    horario = fichas["AMPLIACION_HORARIO"]
    horario.anticipacion_dias_habiles = 7
    horario.save()
    html = client.get(horario.get_absolute_url()).content.decode()
    assert "7 días hábiles antes del evento" in html
    assert "No se adjunta: lo verifica la Alcaldía." in html


def test_el_presupuesto_de_la_ficha_no_crece_con_los_requisitos(
    client, fichas, django_assert_max_num_queries
):
    inscripcion = fichas["INSCRIPCION_ICA"]
    for _ in range(15):
        factories.RequisitoFactory(tramite=inscripcion, condicion="PERSONA_JURIDICA")
    with django_assert_max_num_queries(4):
        assert client.get(inscripcion.get_absolute_url()).status_code == 200


def test_iniciar_pide_ingresar_y_conserva_el_destino(client, fichas):
    url = reverse("tramites:iniciar", args=[fichas["NOVEDAD_ICA"].slug])
    respuesta = client.get(url)
    assert respuesta.status_code == 302
    assert respuesta.url == f"{reverse('account_login')}?next={url}"
