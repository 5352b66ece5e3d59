from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_salud_responde_200_con_la_base_de_datos_arriba(client):
    respuesta = client.get("/salud/")
    assert respuesta.status_code == 200
    assert respuesta.json()["base_de_datos"] == "ok"
    assert "broker" in respuesta.json()


def test_salud_responde_503_si_la_base_de_datos_no_responde(client):
    with mock.patch(
        "sanpedro_gel.views.connection.cursor", side_effect=OperationalError("caída")
    ):
        respuesta = client.get("/salud/")
    assert respuesta.status_code == 503
    assert respuesta.json()["base_de_datos"] == "error"


def test_salud_informa_broker_caido_sin_tumbar_el_portal(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with mock.patch("sanpedro_gel.views.celery_app.connection_for_write") as conexion:
        conexion.return_value.__enter__.return_value.ensure_connection.side_effect = (
            OSError
        )
        respuesta = client.get("/salud/")
    assert respuesta.status_code == 200
    assert respuesta.json()["broker"] == "error"
