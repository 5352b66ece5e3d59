"""Las partes fijas de la plantilla base (encabezado, menú, pie) se dibujan una
vez por proceso y por tipo de usuario: el menú de uno nunca le llega a otro, y
el enlace a la intranet sigue a la ficha del directorio sin consultarla en
cada página."""

import pytest
from django.test import Client

from sanpedro_gel import fragmentos
from tests.factories import FuncionarioFactory, UsuarioFactory

pytestmark = pytest.mark.django_db

INTRANET = 'href="/intranet/"'
ADMINISTRACION = 'href="/admin/"'
MIS_TRAMITES = 'href="/tramites/mis-tramites/"'
INGRESAR = 'href="/cuentas/ingresar/"'


@pytest.fixture(autouse=True)
def _partes_vacias():
    fragmentos.olvidar()
    yield
    fragmentos.olvidar()


def _pagina(usuario=None, ruta="/cuenta/"):
    cliente = Client()
    if usuario is not None:
        cliente.force_login(usuario)
    respuesta = cliente.get(ruta)
    assert respuesta.status_code == 200
    return respuesta.content.decode()


def test_el_menu_de_un_tipo_de_usuario_no_le_llega_a_otro(
    ciudadano, funcionario_sin_permisos
):
    interno = FuncionarioFactory(usuario__is_staff=False).usuario
    # El personal primero: su menú (intranet y administración) queda guardado.
    personal = _pagina(funcionario_sin_permisos)
    assert INTRANET in personal and ADMINISTRACION in personal
    html = _pagina(ciudadano)
    assert MIS_TRAMITES in html
    assert INTRANET not in html and ADMINISTRACION not in html
    html = _pagina(interno)
    assert INTRANET in html and ADMINISTRACION not in html
    html = _pagina(ruta="/transparencia/")
    assert INGRESAR in html
    assert MIS_TRAMITES not in html and INTRANET not in html
    # Y al revés: el del ciudadano guardado no le quita nada al personal.
    assert ADMINISTRACION in _pagina(funcionario_sin_permisos)


def test_las_partes_guardadas_no_llevan_nada_de_la_persona(
    ciudadano, funcionario_sin_permisos
):
    for usuario in (ciudadano, funcionario_sin_permisos, None):
        _pagina(usuario, "/transparencia/")
    llaves = set(fragmentos._guardadas)
    assert ("base-menu", "/transparencia/", fragmentos.CIUDADANO) in llaves
    assert ("base-menu", "/transparencia/", fragmentos.PERSONAL) in llaves
    assert ("base-menu", "/transparencia/", fragmentos.ANONIMO) in llaves
    guardado = "".join(fragmentos._guardadas.values())
    for usuario in (ciudadano, funcionario_sin_permisos):
        assert usuario.email not in guardado
        assert usuario.first_name not in guardado


def test_la_seccion_actual_del_menu_no_se_queda_pegada(ciudadano):
    assert 'href="/tramites/" aria-current="page"' in _pagina(ciudadano, "/tramites/")
    assert 'aria-current="page"' not in _pagina(ciudadano, "/cuenta/")
    # Una ruta fuera del menú no crea una variante propia.
    assert ("base-menu", "", fragmentos.CIUDADANO) in fragmentos._guardadas
    assert not any("/cuenta/" in llave for llave in fragmentos._guardadas)


def test_la_intranet_aparece_y_se_va_con_la_ficha_del_directorio(
    ciudadano, django_assert_num_queries
):
    assert INTRANET not in _pagina(ciudadano)
    ficha = FuncionarioFactory(usuario=ciudadano, correo="maria@alcaldia.test")
    assert INTRANET in _pagina(ciudadano)
    ficha.activo = False
    ficha.save()
    assert INTRANET not in _pagina(ciudadano)
    ficha.activo = True
    ficha.save()
    assert INTRANET in _pagina(ciudadano)
    # La ficha pasa a otra cuenta: la de antes pierde el enlace.
    otra = UsuarioFactory()
    ficha.usuario = otra
    ficha.save()
    assert INTRANET not in _pagina(ciudadano)
    assert INTRANET in _pagina(otra)
    ficha.delete()
    assert INTRANET not in _pagina(otra)


def test_el_menu_no_consulta_el_directorio_en_cada_pagina(
    ciudadano, django_assert_num_queries, consultas_de_sesion
):
    cliente = Client()
    cliente.force_login(ciudadano)
    cliente.get("/cuenta/")
    # La sesión (si no sale de Redis) y el usuario; la marca de la intranet ya
    # está en la caché.
    with django_assert_num_queries(consultas_de_sesion + 1):
        assert cliente.get("/cuenta/").status_code == 200
