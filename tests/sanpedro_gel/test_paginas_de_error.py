import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from django.urls import path

pytestmark = pytest.mark.django_db


def _prohibida(request):
    raise PermissionDenied("detalle interno que no debe verse")


def _rota(request):
    raise RuntimeError("traza secreta 1234")


urlpatterns = [
    path("prohibida/", _prohibida),
    path("rota/", _rota),
]


@pytest.fixture
def urls_con_errores(settings):
    from sanpedro_gel import urls

    settings.ROOT_URLCONF = __name__
    globals().update(
        handler403=urls.handler403,
        handler404=urls.handler404,
        handler500=urls.handler500,
    )
    globals()["urlpatterns"] = urlpatterns + urls.urlpatterns


def test_404_con_el_aspecto_del_portal(client):
    respuesta = client.get("/no-existe/")
    html = respuesta.content.decode()
    assert respuesta.status_code == 404
    assert "No encontramos esta página" in html
    assert "GOV.CO" in html and "<title>Página no encontrada" in html


def test_403_sin_detalles_tecnicos(client, urls_con_errores):
    respuesta = client.get("/prohibida/")
    html = respuesta.content.decode()
    assert respuesta.status_code == 403
    assert "No tiene permiso" in html
    assert "detalle interno" not in html


@override_settings(DEBUG=False)
def test_500_sin_detalles_tecnicos(urls_con_errores):
    cliente = Client(raise_request_exception=False)
    respuesta = cliente.get("/rota/")
    html = respuesta.content.decode()
    assert respuesta.status_code == 500
    assert "Algo salió mal" in html
    assert "traza secreta" not in html and "Traceback" not in html
    assert "GOV.CO" in html


def test_los_estaticos_se_sirven_sin_modo_de_depuracion(client, settings):
    """WhiteNoise los sirve desde el mismo proceso: `make run` (sin DEBUG) y
    gunicorn igual."""
    assert settings.DEBUG is False
    respuesta = client.get("/static/css/portal.css")
    assert respuesta.status_code == 200
    assert b"".join(respuesta.streaming_content)
