"""axe-core en cada página del portal, como la recorre cada quien: el visitante,
la ciudadana con sus borradores (cada paso, también con errores) y el
funcionario en el admin. Cero violaciones graves o críticas y nada que obligue a
desplazarse de lado.

Se recorre desde la portada siguiendo enlaces (una página por patrón de URL), así
que una página nueva entra sola en la prueba en cuanto algo la enlaza.
"""

import io
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from tests import accesibilidad
from tramites.models import Solicitud, Tramite
from tramites.pasos import definicion_de
from tramites.services.borradores import crear_borrador

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PORTADAS = [
    "/",
    "/tramites/",
    "/tramites/consulta/",
    "/noticias/",
    "/capacitacion/",
    "/transparencia/",
    "/politica-de-datos/",
    "/suscribase/",
    "/cuentas/ingresar/",
    "/cuentas/registro/",
    "/cuentas/clave/recuperar/",
    "/no-existe/",
]


@pytest.fixture
def axe():
    motivo = accesibilidad.falta_axe()
    if motivo:
        pytest.fail(motivo)
    return accesibilidad


@pytest.fixture
def demo(transactional_db):
    call_command("cargar_demo", verbosity=0, stdout=io.StringIO())


def _con_sesion(pagina, live_server, correo):
    cliente = Client()
    cliente.force_login(get_user_model().objects.get(email=correo))
    pagina.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": cliente.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def _sin_problemas(problemas):
    return "\n".join(f"{ruta}: {lista}" for ruta, lista in problemas.items())


def test_el_visitante_recorre_el_portal_sin_barreras(pagina, axe, demo):
    pagina.set_viewport_size({"width": 390, "height": 844})
    problemas, abiertas = axe.recorrer(pagina, PORTADAS)
    assert len(abiertas) >= len(PORTADAS)
    # Los formularios públicos con sus errores a la vista.
    for ruta, boton in (
        ("/tramites/consulta/", re.compile("Consultar")),
        ("/suscribase/", re.compile("Suscrib")),
        ("/cuentas/registro/", re.compile("Crear")),
        ("/cuentas/ingresar/", re.compile("Ingresar")),
    ):
        pagina.goto(ruta)
        axe.enviar_vacio(pagina, boton)
        errores = axe.violaciones_graves(pagina)
        if errores:
            problemas[f"{ruta} (con errores)"] = errores
    assert problemas == {}, _sin_problemas(problemas)


def test_la_ciudadana_recorre_sus_tramites_y_cada_paso_sin_barreras(
    pagina, axe, demo, live_server
):
    correo = "ciudadana@portal-demo.test"
    _con_sesion(pagina, live_server, correo)
    ciudadana = get_user_model().objects.get(email=correo)
    borradores = [
        crear_borrador(tramite=tramite, solicitante=ciudadana)
        for tramite in Tramite.objects.all()
    ]
    pasos = [
        f"/tramites/mis-tramites/{b.pk}/paso/{clave}/"
        for b in borradores
        for clave in (p.clave for p in definicion_de(b.tramite.tipo).pasos)
    ]
    problemas, abiertas = axe.recorrer(
        pagina,
        ["/cuenta/", "/tramites/mis-tramites/", *pasos],
        por_ruta_completa={"tramites:paso"},
    )
    assert set(pasos) <= set(abiertas)
    assert Solicitud.objects.filter(solicitante=ciudadana).count() > len(borradores)
    for paso in pasos:
        pagina.goto(paso)
        axe.enviar_vacio(pagina, re.compile("^Guardar y continuar$"))
        errores = axe.violaciones_graves(pagina)
        if errores:
            problemas[f"{paso} (con errores)"] = errores
    assert problemas == {}, _sin_problemas(problemas)


@pytest.mark.parametrize(
    "correo", ["admin@portal-demo.test", "lider.gel@portal-demo.test"]
)
def test_el_funcionario_recorre_el_admin_sin_barreras(
    pagina, axe, demo, live_server, correo
):
    pagina.set_viewport_size({"width": 1280, "height": 900})
    _con_sesion(pagina, live_server, correo)
    problemas, abiertas = axe.recorrer(
        pagina,
        ["/admin/", "/intranet/"],
        dentro_de=("/admin/", "/intranet/"),
        maximo=300,
    )
    assert len(abiertas) > 20
    assert problemas == {}, _sin_problemas(problemas)
