"""En el navegador: el funcionario abre el enlace de su invitación, confirma sin
contraseña y la página pública muestra la jornada."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from playwright.sync_api import expect

from capacitacion.services import despacho, jornadas
from tests.factories import FuncionarioFactory, JornadaFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_confirmar_desde_el_correo_de_invitacion(pagina, live_server):
    FuncionarioFactory(nombres="Yuliana")
    jornada = JornadaFactory(titulo="Jornada de los trámites en línea")
    jornadas.convocar_jornada(jornada_id=jornada.pk)
    # Seis días antes: ya salió la invitación (a los siete), aún no el recordatorio.
    despacho.ejecutar_despacho(ahora=jornada.inicio - timedelta(days=6))
    (correo,) = mail.outbox
    enlace = re.search(r"https?://\S+/capacitacion/confirmar/\S+/", correo.body)[0]
    ruta = "/" + enlace.split("/", 3)[3]

    pagina.route("**/favicon.ico", lambda r: r.fulfill(status=204))
    pagina.goto(ruta)
    pagina.get_by_role("button", name="Confirmar mi asistencia").click()

    expect(pagina.get_by_role("heading", name="Asistencia confirmada")).to_be_visible()
    assert jornada.asistencias.get().confirmado_en is not None
    pagina.goto("/capacitacion/")
    pagina.get_by_role("link", name="Jornada de los trámites en línea").click()
    pagina.wait_for_url("**/capacitacion/jornadas/*/")
    expect(
        pagina.get_by_role("heading", name="Jornada de los trámites en línea")
    ).to_be_visible()
