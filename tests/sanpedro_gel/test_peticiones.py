"""Una sola IP del cliente, creída solo a los proxies configurados."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from sanpedro_gel.peticiones import ip_del_cliente


def _peticion(**meta):
    return RequestFactory().get("/", **meta)


def test_sin_proxies_es_la_ip_de_la_conexion(settings):
    settings.PROXIES_CONFIABLES = []
    peticion = _peticion(REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert ip_del_cliente(peticion) == "10.1.1.1"


def test_detras_de_nginx_se_ignora_lo_que_el_cliente_falsifica(settings):
    settings.PROXIES_CONFIABLES = ["127.0.0.1"]
    peticion = _peticion(
        REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    assert ip_del_cliente(peticion) == "203.0.113.9"


def test_la_cabecera_no_se_cree_si_la_conexion_no_viene_de_un_proxy(settings):
    """Quien llega directo a gunicorn no puede hacerse pasar por otro."""
    settings.PROXIES_CONFIABLES = ["127.0.0.1"]
    peticion = _peticion(REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="10.0.0.9")
    assert ip_del_cliente(peticion) == "198.51.100.4"


def test_varios_proxies_de_una_red_confiable(settings):
    settings.PROXIES_CONFIABLES = ["10.20.0.0/16", "127.0.0.1"]
    peticion = _peticion(
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 190.24.5.9, 10.20.1.7",
    )
    assert ip_del_cliente(peticion) == "190.24.5.9"


def test_basura_en_la_cabecera_no_se_toma_por_una_ip(settings):
    settings.PROXIES_CONFIABLES = ["127.0.0.1"]
    peticion = _peticion(
        REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="<script>, 190.24.5.9"
    )
    assert ip_del_cliente(peticion) == "190.24.5.9"
    solo_basura = _peticion(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="x; drop")
    assert ip_del_cliente(solo_basura) == "127.0.0.1"


def test_sin_cabecera_se_usa_la_conexion(settings):
    settings.PROXIES_CONFIABLES = ["127.0.0.1"]
    assert ip_del_cliente(_peticion(REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"


@pytest.mark.django_db
def test_el_bloqueo_de_ingresos_cuenta_por_la_ip_real_detras_de_nginx(
    client, settings, ciudadano, otro_ciudadano
):
    settings.PROXIES_CONFIABLES = ["127.0.0.1"]
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


@pytest.mark.django_db
def test_el_limite_de_registro_de_allauth_cuenta_por_persona_detras_de_nginx(
    client, settings
):
    """Regresión: allauth contaba por la dirección de la conexión, y detrás de
    nginx todos los ciudadanos compartían un solo cupo."""
    settings.PROXIES_CONFIABLES = ["127.0.0.1"]
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "3/m/ip"}

    def registrar(ip, n):
        return client.post(
            reverse("account_signup"),
            {"email": f"persona{n}@correo.test", "password1": "x", "password2": "y"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=ip,
        )

    estados = [registrar("203.0.113.9", n).status_code for n in range(4)]
    assert estados[-1] == 429
    assert "Demasiados intentos" in registrar("203.0.113.9", 9).content.decode()
    # Otra persona detrás del mismo nginx no queda bloqueada por la primera.
    assert registrar("198.51.100.7", 10).status_code == 200
