import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_contraste_y_tamano_de_texto_se_recuerdan_entre_paginas(pagina):
    pagina.goto("/")
    raiz = pagina.locator("html")
    tamano_inicial = pagina.evaluate(
        "getComputedStyle(document.documentElement).fontSize"
    )

    pagina.get_by_role("button", name="Alto contraste").click()
    pagina.get_by_role("button", name="aumentar el tamaño del texto").click()
    assert "alto-contraste" in raiz.get_attribute("class")
    assert (
        pagina.get_by_role("button", name="Alto contraste").get_attribute(
            "aria-pressed"
        )
        == "true"
    )
    assert raiz.get_attribute("data-tamano") == "1"

    pagina.get_by_role("link", name="Trámites en línea").first.click()
    pagina.wait_for_load_state()
    assert "alto-contraste" in pagina.locator("html").get_attribute("class")
    tamano = pagina.evaluate("getComputedStyle(document.documentElement).fontSize")
    assert float(tamano.rstrip("px")) > float(tamano_inicial.rstrip("px"))

    pagina.get_by_role("button", name="tamaño de texto normal").click()
    pagina.get_by_role("button", name="Alto contraste").click()
    pagina.reload()
    assert pagina.locator("html").get_attribute("data-tamano") is None
    assert "alto-contraste" not in (pagina.locator("html").get_attribute("class") or "")


def test_el_enlace_para_saltar_al_contenido_es_lo_primero_y_lleva_al_main(pagina):
    pagina.goto("/")
    pagina.keyboard.press("Tab")
    enfocado = pagina.evaluate("document.activeElement.textContent.trim()")
    assert enfocado == "Saltar al contenido principal"
    pagina.keyboard.press("Enter")
    assert pagina.evaluate("document.activeElement.id") == "contenido"


PAGINAS_DEL_NUCLEO = [
    "/",
    "/transparencia/",
    "/politica-de-datos/",
    "/cuentas/ingresar/",
    "/cuentas/registro/",
    "/cuentas/clave/recuperar/",
    "/no-existe/",
    "/verificar/ZZZZ9999/",
]


@pytest.fixture
def axe():
    from tests import accesibilidad

    motivo = accesibilidad.falta_axe()
    if motivo:
        import os

        if os.environ.get("REQUIRE_BROWSER", "") in {"1", "true", "si", "sí", "yes"}:
            pytest.fail(motivo)
        pytest.skip(motivo)
    return accesibilidad


@pytest.mark.parametrize("ruta", PAGINAS_DEL_NUCLEO)
def test_paginas_del_nucleo_sin_violaciones_graves_ni_desborde_en_un_telefono(
    pagina, axe, ruta, settings
):
    # Los datos reales de la entidad: sus correos largos ensanchaban el pie a
    # 399 px en un teléfono de 390.
    settings.ENTIDAD = {
        **settings.ENTIDAD,
        "telefono": "(604) 868 7000",
        "correo": "contactenos@sanpedrodelosmilagros-antioquia.gov.co",
        "correo_notificaciones_judiciales": (
            "notificacionesjudiciales@sanpedrodelosmilagros-antioquia.gov.co"
        ),
        "correo_datos_personales": "datospersonales@sanpedrodelosmilagros-antioquia.gov.co",
    }
    for ancho, alto in ((1280, 900), (390, 844)):
        pagina.set_viewport_size({"width": ancho, "height": alto})
        respuesta = pagina.goto(ruta)
        if respuesta.status == 404:
            pagina.errores_de_consola.clear()  # la página de error es lo probado
        assert axe.violaciones_graves(pagina) == [], (ruta, ancho)
        assert axe.desborde_horizontal(pagina) == 0, (ruta, ancho)
