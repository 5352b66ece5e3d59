from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone

from sanpedro_gel import periodicos, views
from sanpedro_gel.models import EjecucionPeriodica

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def trabajos_al_dia():
    """Cada trabajo del programa corrió bien hace un instante; el broker sin
    resultado guardado."""
    periodicos.asegurar_filas()
    EjecucionPeriodica.objects.update(ultima_ok_en=timezone.now())
    views._broker.update(hasta=0.0, estado="")
    yield
    views._broker.update(hasta=0.0, estado="")


def test_salud_responde_200_con_la_base_de_datos_arriba(client):
    respuesta = client.get("/salud/")
    assert respuesta.status_code == 200
    datos = respuesta.json()
    assert datos["base_de_datos"] == "ok"
    assert "broker" in datos
    assert datos["atrasados"] == []
    assert datos["trabajos"]["bandeja-de-salida"]["cada_segundos"] == 60
    assert datos["trabajos"]["bandeja-de-salida"]["ultima_ejecucion_correcta"]


def test_salud_responde_503_si_la_base_de_datos_no_responde(client):
    with mock.patch(
        "sanpedro_gel.views.connection.cursor", side_effect=OperationalError("caída")
    ):
        respuesta = client.get("/salud/")
    assert respuesta.status_code == 503
    assert respuesta.json()["base_de_datos"] == "error"


def test_salud_responde_503_si_un_trabajo_periodico_se_atraso(client):
    EjecucionPeriodica.objects.filter(nombre="bandeja-de-salida").update(
        ultima_ok_en=timezone.now() - timedelta(minutes=3)
    )
    respuesta = client.get("/salud/")
    assert respuesta.status_code == 503
    assert respuesta.json()["atrasados"] == ["bandeja-de-salida"]
    assert respuesta.json()["trabajos"]["bandeja-de-salida"]["atrasado"] is True


def test_un_trabajo_que_nunca_corrio_se_atrasa_desde_que_se_vigila(client):
    EjecucionPeriodica.objects.filter(nombre="bandeja-de-salida").update(
        ultima_ok_en=None, vigilado_desde=timezone.now() - timedelta(minutes=1)
    )
    assert client.get("/salud/").status_code == 200
    EjecucionPeriodica.objects.filter(nombre="bandeja-de-salida").update(
        vigilado_desde=timezone.now() - timedelta(minutes=5)
    )
    assert client.get("/salud/").status_code == 503


def test_salud_informa_broker_caido_sin_tumbar_el_portal(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with mock.patch("sanpedro_gel.views.celery_app.connection_for_write") as conexion:
        conexion.return_value.__enter__.return_value.ensure_connection.side_effect = (
            OSError
        )
        respuesta = client.get("/salud/")
        # Unos segundos se responde con lo ya sabido, sin volver a conectar.
        client.get("/salud/")
    assert respuesta.status_code == 200
    assert respuesta.json()["broker"] == "error"
    assert conexion.call_count == 1
    opciones = conexion.call_args.kwargs["transport_options"]
    assert opciones["socket_connect_timeout"] <= 0.5


def test_salud_con_un_broker_que_no_escucha(client, settings, monkeypatch):
    from sanpedro_gel.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    # Celery prefiere la variable de entorno a su configuración.
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:1/0")
    anterior = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        respuesta = client.get("/salud/")
    finally:
        app.conf.broker_url = anterior
    assert respuesta.status_code == 200
    assert respuesta.json()["broker"] == "error"
