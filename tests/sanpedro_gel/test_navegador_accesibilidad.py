import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_contraste_y_tamano_de_texto_se_recuerdan_entre_paginas(pagina):
    pagina.goto("/")
    raiz = pagina.locator("html")
    tamano_inicial = pagina.evaluate(
        "getComputedStyle(document.documentElement).fontSize"
    )

    pagina.get_by_role("button", name="Alto contraste").click()
    pagina.get_by_role("button", name="Aumentar el tamaño del texto").click()
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

    pagina.get_by_role("button", name="Tamaño de texto normal").click()
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
