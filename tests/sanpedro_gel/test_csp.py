"""Content-Security-Policy: todo del propio portal, ningún script en línea."""

import pytest

pytestmark = pytest.mark.django_db


def _directivas(cabecera: str) -> dict[str, set[str]]:
    directivas = {}
    for parte in cabecera.split(";"):
        nombre, *valores = parte.split()
        directivas[nombre] = set(valores)
    return directivas


def test_cada_pagina_lleva_la_politica_sin_scripts_en_linea(client):
    respuesta = client.get("/")
    politica = _directivas(respuesta["Content-Security-Policy"])
    assert politica["script-src"] == {"'self'"}
    assert politica["default-src"] == {"'self'"}
    assert politica["object-src"] == {"'none'"}
    assert politica["frame-ancestors"] == {"'none'"}
    todo = " ".join(" ".join(v) for v in politica.values())
    assert "unsafe-eval" not in todo
    assert "unsafe-inline" not in " ".join(politica["script-src"])


def test_el_admin_tambien(client, lider_gel):
    client.force_login(lider_gel)
    respuesta = client.get("/admin/")
    assert "script-src 'self'" in respuesta["Content-Security-Policy"]


def test_solo_informar_usa_la_cabecera_report_only(client, settings):
    politica = settings.CONTENT_SECURITY_POLICY
    del settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = politica
    respuesta = client.get("/")
    assert "Content-Security-Policy" not in respuesta
    assert "script-src 'self'" in respuesta["Content-Security-Policy-Report-Only"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_un_script_en_linea_se_bloquea_y_la_prueba_lo_ve_en_la_consola(pagina):
    """Las pruebas de navegador fallan ante cualquier violación de la política:
    el navegador la anota como error en la consola (fixture `pagina`)."""
    pagina.goto("/")
    pagina.evaluate(
        """() => { const s = document.createElement('script');
        s.textContent = 'window.inyectado = true'; document.body.appendChild(s); }"""
    )
    pagina.wait_for_timeout(200)
    assert pagina.evaluate("window.inyectado === undefined")
    violaciones = [
        e for e in pagina.errores_de_consola if "Content Security Policy" in e
    ]
    assert violaciones, pagina.errores_de_consola
    pagina.errores_de_consola.clear()
