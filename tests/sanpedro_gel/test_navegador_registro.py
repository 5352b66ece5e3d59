import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLAVE = "Ordeño-Temprano-2026"


def test_un_ciudadano_se_registra_confirma_su_correo_e_ingresa(pagina):
    pagina.goto("/")
    assert pagina.locator("html").get_attribute("lang") == "es"
    pagina.get_by_role("link", name="Ingresar").click()
    pagina.get_by_role("link", name="Regístrese con su correo").click()

    pagina.locator("#id_email").fill("rosa.arango@correo.test")
    pagina.locator("#id_password1").fill(CLAVE)
    pagina.locator("#id_password2").fill(CLAVE)
    pagina.get_by_role("button", name="Crear la cuenta").click()
    pagina.get_by_role("heading", name="Confirme su correo electrónico").wait_for()

    assert len(mail.outbox) == 1
    enlace = re.search(
        r"https?://\S+/cuentas/confirmar-correo/\S+/", mail.outbox[0].body
    ).group(0)
    pagina.goto(urlsplit(enlace).path)
    pagina.get_by_role("button", name="Confirmar mi correo").click()

    pagina.goto("/cuentas/ingresar/")
    pagina.locator("#id_login").fill("rosa.arango@correo.test")
    pagina.locator("#id_password").fill(CLAVE)
    pagina.get_by_role("button", name="Ingresar").click()
    pagina.get_by_role("heading", name="Mi cuenta").wait_for()
    assert "rosa.arango@correo.test" in pagina.content()
