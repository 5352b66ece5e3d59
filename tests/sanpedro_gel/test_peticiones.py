import pytest
from django.test import RequestFactory
from django.urls import reverse

from sanpedro_gel.peticiones import ip_del_cliente


def _peticion(**meta):
    return RequestFactory().get("/", **meta)


def test_sin_proxies_es_la_ip_de_la_conexion(settings):
    settings.PROXIES_DE_CONFIANZA = 0
    peticion = _peticion(REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert ip_del_cliente(peticion) == "10.1.1.1"


def test_detras_de_nginx_se_ignora_lo_que_el_cliente_falsifica(settings):
    settings.PROXIES_DE_CONFIANZA = 1
    peticion = _peticion(
        REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    assert ip_del_cliente(peticion) == "203.0.113.9"


def test_sin_cabecera_se_usa_la_conexion(settings):
    settings.PROXIES_DE_CONFIANZA = 1
    assert ip_del_cliente(_peticion(REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"


@pytest.mark.django_db
def test_el_bloqueo_de_ingresos_cuenta_por_la_ip_real_detras_de_nginx(
    client, settings, ciudadano, otro_ciudadano
):
    settings.PROXIES_DE_CONFIANZA = 1
    # Cuentas distintas desde la misma IP real: cuenta el límite por IP aunque
    # el atacante cambie la parte izquierda de X-Forwarded-For en cada intento.
    respuesta = None
    for intento in range(settings.AXES_FAILURE_LIMIT):
        respuesta = client.post(
            reverse("account_login"),
            {"login": f"nadie{intento}@correo.test", "password": "x"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"6.6.6.{intento}, 203.0.113.9",
        )
    assert respuesta.status_code == 429
    # Otra persona, detrás del mismo nginx, no queda bloqueada.
    respuesta = client.post(
        reverse("account_login"),
        {"login": otro_ciudadano.email, "password": "Clave-de-prueba-2026"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert respuesta.status_code == 302
