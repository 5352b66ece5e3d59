"""En el navegador, dos contextos: el funcionario se marca de turno en el admin,
la ciudadana escribe desde /asesoria/, el funcionario ve el mensaje sin recargar
y contesta, y la ciudadana lee la respuesta sin recargar. Sin violaciones de
la CSP: la consola queda sin errores."""

from datetime import time

import pytest

from comunicaciones.models import HorarioAsesoria, Modalidad
from tests.factories import CLAVE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# El sondeo va cada pocos segundos; esto deja margen en una máquina cargada.
POCOS_SEGUNDOS = 10_000


def _ingresar(pestana, usuario):
    pestana.goto("/cuentas/ingresar/")
    pestana.locator("#id_login").fill(usuario.email)
    pestana.locator("#id_password").fill(CLAVE)
    pestana.get_by_role("button", name="Ingresar").click()
    pestana.get_by_role("heading", name="Mi cuenta").wait_for()


@pytest.fixture
def otra_pagina(navegador, live_server):
    contexto = navegador.new_context(base_url=live_server.url, locale="es-CO")
    pestana = contexto.new_page()
    errores = []
    pestana.on(
        "console", lambda m: errores.append(m.text) if m.type == "error" else None
    )
    pestana.on("pageerror", lambda e: errores.append(str(e)))
    yield pestana
    contexto.close()
    assert errores == [], f"Errores en la consola del funcionario: {errores}"


def test_ciudadana_y_funcionario_conversan_en_vivo(
    pagina, otra_pagina, ciudadano, revisor_hacienda
):
    HorarioAsesoria.objects.filter(modalidad=Modalidad.EN_LINEA).delete()
    for dia in range(7):
        HorarioAsesoria.objects.create(
            modalidad=Modalidad.EN_LINEA, dia=dia, desde=time(0), hasta=time(23, 59, 59)
        )
    funcionario = otra_pagina
    funcionario.route("**/favicon.ico", lambda ruta: ruta.fulfill(status=204))
    pagina.route("**/favicon.ico", lambda ruta: ruta.fulfill(status=204))

    _ingresar(funcionario, revisor_hacienda)
    funcionario.goto("/admin/comunicaciones/conversacion/")
    funcionario.get_by_role("button", name="Estoy de turno").click()
    funcionario.get_by_text("Usted está de turno").first.wait_for()

    _ingresar(pagina, ciudadano)
    pagina.goto("/asesoria/")
    pagina.get_by_role("heading", name="Hablar ahora con un funcionario").wait_for()
    pagina.get_by_label("Su mensaje").fill("Buenas tardes, ¿cómo inscribo mi tienda?")
    pagina.get_by_role("button", name="Enviar").click()
    pagina.get_by_text("Buenas tardes, ¿cómo inscribo mi tienda?").wait_for()

    # El funcionario lo ve en la cola sin recargar.
    enlace = funcionario.get_by_role("link", name="María Gómez")
    enlace.wait_for(timeout=POCOS_SEGUNDOS)
    enlace.click()
    funcionario.get_by_text("Buenas tardes, ¿cómo inscribo mi tienda?").wait_for()
    funcionario.get_by_label("Respuesta").fill(
        "Con gusto: entre a Trámites, <b>Inscripción ICA</b>."
    )
    funcionario.get_by_role("button", name="Enviar la respuesta").click()
    funcionario.get_by_text("Con gusto: entre a Trámites").wait_for()

    # La ciudadana la lee sin recargar, como texto.
    url_antes = pagina.url
    pagina.get_by_text("Con gusto: entre a Trámites, <b>Inscripción ICA</b>.").wait_for(
        timeout=POCOS_SEGUNDOS
    )
    assert pagina.url == url_antes
    assert pagina.locator("[data-mensajes] b").count() == 0

    # Ella contesta y él lo ve sin recargar.
    pagina.get_by_label("Su mensaje").fill("¡Gracias!")
    pagina.get_by_role("button", name="Enviar").click()
    funcionario.get_by_text("¡Gracias!").wait_for(timeout=POCOS_SEGUNDOS)
