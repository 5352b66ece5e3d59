"""Crear una asesoría ciudadana ofrece anunciarla en la emisora y la prensa (el
plan pide difundir estas sesiones en los medios locales): dos piezas en
borrador en la campaña que se elija, sin duplicarlas."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from capacitacion.admin.jornadas import JornadaAdmin
from capacitacion.models import Jornada, TipoJornada
from comunicaciones.models import Canal, Pieza
from tests.factories import CampanaFactory, JornadaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def colegio():
    inicio = timezone.now() + timedelta(days=12)
    return JornadaFactory(
        tipo=TipoJornada.ASESORIA,
        titulo="Trámites en línea en la I. E. Rural La Lana",
        lugar="Institución Educativa Rural La Lana, vereda La Lana",
        inicio=inicio,
        fin=inicio + timedelta(hours=2),
    )


def test_al_crear_una_asesoria_se_ofrece_anunciarla(rf, lider_gel, colegio):
    from django.contrib import admin
    from django.contrib.messages.storage.fallback import FallbackStorage

    peticion = RequestFactory().post("/admin/capacitacion/jornada/add/")
    peticion.user = lider_gel
    peticion.session = {}
    peticion._messages = FallbackStorage(peticion)
    JornadaAdmin(Jornada, admin.site).response_add(peticion, colegio)
    textos = [str(m) for m in get_messages(peticion)]
    url = reverse("admin:capacitacion_jornada_difundir", args=[colegio.pk])
    assert any("emisora y la prensa" in t and url in t for t in textos), textos


def test_las_piezas_de_emisora_y_prensa_quedan_en_borrador_sin_duplicarse(
    client, lider_gel, colegio
):
    campana = CampanaFactory(nombre="Trámites en línea en las veredas")
    client.force_login(lider_gel)
    url = reverse("admin:capacitacion_jornada_difundir", args=[colegio.pk])
    html = client.get(url).content.decode()
    assert "vereda La Lana" in html and campana.nombre in html

    for _ in range(2):
        respuesta = client.post(url, {"campana": campana.pk})
        assert respuesta.status_code == 302
    piezas = Pieza.objects.filter(campana=campana)
    assert sorted(piezas.values_list("canal", flat=True)) == sorted(
        [Canal.EMISORA, Canal.PRENSA]
    )
    for pieza in piezas:
        assert pieza.estado == "BORRADOR"
        assert "vereda La Lana" in pieza.cuerpo
        assert pieza.programada_para <= colegio.inicio - timedelta(days=6)

    assert client.post(url, {"campana": "abc"}).status_code == 200


def test_sin_permiso_de_piezas_no_se_difunde(client, revisor_hacienda, colegio):
    client.force_login(revisor_hacienda)
    url = reverse("admin:capacitacion_jornada_difundir", args=[colegio.pk])
    assert client.get(url).status_code in (302, 403)
