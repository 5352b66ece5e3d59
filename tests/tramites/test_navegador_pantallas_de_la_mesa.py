"""En el navegador: la mesa de revisión y el tablero del Líder GEL caben en
pantallas de oficina (1280 y 1400 px) sin esconder columnas."""

import pytest

from sanpedro_gel import demo as demo_nucleo
from tests.factories import CLAVE
from tramites import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANCHOS = (1280, 1400)


@pytest.fixture
def mesa_con_datos(django_capture_on_commit_callbacks):
    demo_nucleo.cargar()
    with django_capture_on_commit_callbacks(execute=True):
        demo.cargar()


def _entrar(pagina, usuario):
    pagina.goto("/admin/login/")
    pagina.locator("#id_username").fill(usuario.email)
    pagina.locator("#id_password").fill(CLAVE)
    pagina.locator("input[type=submit]").click()
    pagina.get_by_role("button", name="Terminar sesión").wait_for()


def _medidas_de_la_bandeja(pagina) -> dict:
    return pagina.evaluate(
        """() => {
            const resultados = document.querySelector('#changelist-form .results');
            const columnas = document.querySelectorAll('#result_list thead th');
            const ultima = columnas[columnas.length - 1].getBoundingClientRect();
            const filtro = document.querySelector('#changelist-filter');
            return {
                sobra: resultados.scrollWidth - resultados.clientWidth,
                borde_ultima: ultima.right,
                borde_filtro: filtro ? filtro.getBoundingClientRect().left : null,
                columnas: columnas.length,
                pagina: document.documentElement.scrollWidth
                    - document.documentElement.clientWidth,
            };
        }"""
    )


@pytest.mark.parametrize("ancho", ANCHOS)
def test_la_bandeja_muestra_todas_sus_columnas_junto_al_filtro(
    pagina, lider_gel, mesa_con_datos, ancho
):
    pagina.set_viewport_size({"width": ancho, "height": 900})
    _entrar(pagina, lider_gel)
    pagina.goto("/admin/tramites/solicitud/?estado=todas")
    medidas = _medidas_de_la_bandeja(pagina)
    assert medidas["columnas"] == 8
    assert medidas["sobra"] <= 0, medidas
    assert medidas["pagina"] <= 0, medidas
    assert medidas["borde_filtro"] is not None
    assert medidas["borde_ultima"] <= medidas["borde_filtro"], medidas


@pytest.mark.parametrize("ancho", ANCHOS)
def test_el_tablero_cabe_en_la_pantalla(pagina, lider_gel, mesa_con_datos, ancho):
    pagina.set_viewport_size({"width": ancho, "height": 900})
    _entrar(pagina, lider_gel)
    pagina.goto("/admin/tramites/solicitud/tablero/?desde=2025-01-01&hasta=2026-12-31")
    pagina.get_by_role("heading", name="Radicaciones por mes").wait_for()
    medidas = pagina.evaluate(
        """() => {
            const contenido = document.querySelector('#content').getBoundingClientRect();
            const tablas = [...document.querySelectorAll('.tablero table')];
            return {
                pagina: document.documentElement.scrollWidth
                    - document.documentElement.clientWidth,
                fuera: tablas
                    .map(t => [t.querySelector('thead th').textContent,
                               t.getBoundingClientRect().right - contenido.right])
                    .filter(([, sobra]) => sobra > 0),
                meses: document.querySelectorAll('.tablero table')[1]
                    .querySelectorAll('tbody tr').length,
            };
        }"""
    )
    assert medidas["meses"] >= 1
    assert medidas["pagina"] <= 0, medidas
    assert medidas["fuera"] == [], medidas
