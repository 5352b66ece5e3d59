import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.factories import CLAVE

pytestmark = pytest.mark.django_db

CLAVE_NUEVA = "Leche-y-Queso-2026"


def _enlace(mensaje, patron):
    return re.search(patron, mensaje.body).group(0)


def test_registro_confirmacion_ingreso_y_salida(client):
    respuesta = client.post(
        reverse("account_signup"),
        {
            "email": "Nuevo.Ciudadano@Correo.test",
            "password1": CLAVE_NUEVA,
            "password2": CLAVE_NUEVA,
        },
    )
    assert respuesta.status_code == 302
    assert respuesta.url == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    assert "Confirme su correo" in mail.outbox[0].subject

    # Sin confirmar, no puede ingresar.
    client.logout()
    respuesta = client.post(
        reverse("account_login"),
        {"login": "nuevo.ciudadano@correo.test", "password": CLAVE_NUEVA},
    )
    assert respuesta.url == reverse("account_email_verification_sent")

    enlace = _enlace(mail.outbox[0], r"http://\S+/cuentas/confirmar-correo/\S+/")
    ruta = urlsplit(enlace).path
    assert client.get(ruta).status_code == 200
    assert client.post(ruta).status_code == 302

    respuesta = client.post(
        reverse("account_login"),
        {"login": "nuevo.ciudadano@correo.test", "password": CLAVE_NUEVA},
    )
    assert respuesta.status_code == 302
    assert respuesta.url == reverse("cuenta")
    assert client.get(reverse("cuenta")).status_code == 200

    client.post(reverse("account_logout"))
    assert client.get(reverse("cuenta")).status_code == 302


def test_restablecer_contrasena_por_correo(client, ciudadano):
    client.post(reverse("account_reset_password"), {"email": ciudadano.email})
    assert len(mail.outbox) == 1
    enlace = _enlace(mail.outbox[0], r"http://\S+/cuentas/clave/restablecer/\S+/")
    ruta = urlsplit(enlace).path
    respuesta = client.get(ruta)
    # allauth guarda la llave en la sesión y redirige a la misma vista sin ella.
    formulario = respuesta.url if respuesta.status_code == 302 else ruta
    respuesta = client.post(
        formulario, {"password1": CLAVE_NUEVA, "password2": CLAVE_NUEVA}
    )
    assert respuesta.status_code == 302
    ciudadano.refresh_from_db()
    assert ciudadano.check_password(CLAVE_NUEVA)


def test_login_con_errores_muestra_resumen_y_titulo_de_error(client, ciudadano):
    respuesta = client.post(reverse("account_login"), {"login": "", "password": ""})
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert re.search(r"<title>Error: ", html)
    assert "Hay un problema" in html
    assert 'id="resumen-errores"' in html and 'tabindex="-1"' in html
    assert 'href="#id_login"' in html


def test_el_resumen_usa_el_mismo_texto_que_el_campo(client):
    respuesta = client.post(
        reverse("account_signup"),
        {"email": "no-es-un-correo", "password1": "x", "password2": "y"},
    )
    formulario = respuesta.context["form"]
    html = respuesta.content.decode()
    for mensaje in formulario.errors["email"]:
        assert html.count(str(mensaje)) >= 2  # en el resumen y junto al campo


def _intentos_fallidos(client, url, campo, correo, veces):
    ultima = None
    for _ in range(veces):
        ultima = client.post(
            url, {campo: correo, "password": "equivocada"}, REMOTE_ADDR="10.0.0.9"
        )
    return ultima


def test_bloqueo_tras_intentos_fallidos_en_el_login_publico(
    client, ciudadano, settings
):
    respuesta = _intentos_fallidos(
        client,
        reverse("account_login"),
        "login",
        ciudadano.email,
        settings.AXES_FAILURE_LIMIT,
    )
    assert respuesta.status_code == 429
    assert "Acceso bloqueado temporalmente" in respuesta.content.decode()
    # Ni la contraseña correcta entra mientras dure el bloqueo.
    respuesta = client.post(
        reverse("account_login"),
        {"login": ciudadano.email, "password": CLAVE},
        REMOTE_ADDR="10.0.0.9",
    )
    assert respuesta.status_code == 429


def test_bloqueo_tras_intentos_fallidos_en_el_admin(client, revisor_hacienda, settings):
    respuesta = _intentos_fallidos(
        client,
        reverse("admin:login"),
        "username",
        revisor_hacienda.email,
        settings.AXES_FAILURE_LIMIT,
    )
    assert respuesta.status_code == 429
    assert "Acceso bloqueado temporalmente" in respuesta.content.decode()


def test_los_fallos_del_login_publico_y_del_admin_suman_a_la_misma_cuenta(
    client, ciudadano, settings
):
    _intentos_fallidos(
        client,
        reverse("account_login"),
        "login",
        ciudadano.email,
        settings.AXES_FAILURE_LIMIT - 1,
    )
    respuesta = client.post(
        reverse("admin:login"),
        {"username": ciudadano.email.upper(), "password": "equivocada"},
        REMOTE_ADDR="10.0.0.77",
    )
    assert respuesta.status_code == 429


def test_el_admin_muestra_el_nombre_del_municipio(client, revisor_hacienda):
    client.force_login(revisor_hacienda)
    html = client.get(reverse("admin:index")).content.decode()
    assert "Alcaldía de San Pedro de los Milagros" in html


def test_el_correo_es_unico_sin_importar_mayusculas():
    from django.db import IntegrityError, transaction

    Usuario = get_user_model()
    Usuario.objects.create_user("persona@correo.test", "x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Usuario.objects.create(email="PERSONA@correo.test")


def test_el_limite_de_recuperar_la_clave_responde_en_espanol(client, ciudadano):
    """Regresión: las páginas 429 de allauth (registro, recuperar la clave)
    salían en inglés."""
    for _ in range(6):
        respuesta = client.post(
            reverse("account_reset_password"), {"email": ciudadano.email}
        )
    assert respuesta.status_code == 429
    html = respuesta.content.decode()
    assert "Demasiados intentos seguidos" in html
    assert "Too Many Requests" not in html
