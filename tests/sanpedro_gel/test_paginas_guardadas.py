"""Páginas públicas guardadas en la caché para el visitante sin sesión: se
ven al día (ventanas de publicación, ediciones), conservan el CSRF de cada
visitante y no se guardan para quien ingresó."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import PiezaFactory, SolicitudFactory, TramiteFactory

pytestmark = pytest.mark.django_db

# En punto de minuto, como el banner que empieza a las 10:00.
AHORA = timezone.now().replace(second=0, microsecond=0) + timedelta(hours=1)


def _en(momento):
    return mock.patch("django.utils.timezone.now", return_value=momento)


def _texto(client, ruta="/"):
    respuesta = client.get(ruta)
    assert respuesta.status_code == 200
    return respuesta.content.decode()


def test_la_segunda_visita_anonima_sale_de_la_cache_sin_consultas(
    client, django_assert_max_num_queries
):
    PiezaFactory(banner=True, programada=True, titulo="Banner de la portada")
    TramiteFactory()
    primera = _texto(client)
    with django_assert_max_num_queries(0):
        assert _texto(client) == primera


def test_el_banner_aparece_y_se_va_en_su_minuto_con_la_cache_llena(client):
    banner = PiezaFactory(
        banner=True,
        programada=True,
        titulo="Inscriba su negocio sin hacer fila",
        programada_para=AHORA,
        visible_hasta=AHORA + timedelta(hours=2),
    )
    with _en(AHORA - timedelta(minutes=1)):
        assert banner.titulo not in _texto(client)
    with _en(AHORA - timedelta(seconds=1)):
        assert banner.titulo not in _texto(client)
    with _en(AHORA):
        assert banner.titulo in _texto(client)
    with _en(AHORA + timedelta(hours=2) - timedelta(seconds=1)):
        assert banner.titulo in _texto(client)
    with _en(AHORA + timedelta(hours=2)):
        assert banner.titulo not in _texto(client)


def test_editar_una_noticia_muestra_el_texto_nuevo(client):
    noticia = PiezaFactory(
        noticia=True,
        programada=True,
        titulo="Jornada de asesoría",
        cuerpo="Venga el **martes**.",
    )
    ruta = noticia.get_absolute_url()
    assert "martes" in _texto(client, ruta)
    assert "martes" in _texto(client, "/noticias/")
    noticia.cuerpo = "Cambió: venga el **jueves**."
    noticia.save()
    for pagina in (ruta, "/noticias/", "/"):
        texto = _texto(client, pagina)
        assert "jueves" in texto
        assert "martes" not in texto


def test_un_tramite_desactivado_sale_de_la_lista_guardada(client):
    tramite = TramiteFactory(nombre="Licencia de prueba")
    assert tramite.nombre in _texto(client, "/tramites/")
    tramite.activo = False
    tramite.save()
    assert tramite.nombre not in _texto(client, "/tramites/")


def _token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_la_consulta_guardada_lleva_el_token_csrf_de_cada_visitante():
    primero = Client(enforce_csrf_checks=True)
    segundo = Client(enforce_csrf_checks=True)
    _texto(primero, "/tramites/consulta/")
    html = _texto(segundo, "/tramites/consulta/")
    assert "__token-csrf" not in html
    respuesta = segundo.post(
        "/tramites/consulta/",
        {
            "radicado": "ICA-2026-000001",
            "dato": "123",
            "csrfmiddlewaretoken": _token(html),
        },
    )
    assert respuesta.status_code != 403


def test_quien_ingreso_no_recibe_la_pagina_guardada(client, ciudadano):
    anonima = _texto(client)
    assert "Ingresar" in anonima
    client.force_login(ciudadano)
    propia = _texto(client)
    assert "Mis trámites" in propia
    assert "Ingresar" not in propia


def test_la_busqueda_de_la_asesoria_no_se_guarda(client):
    _texto(client, "/asesoria/")
    with mock.patch("django.core.cache.cache.set") as guardar:
        _texto(client, "/asesoria/?q=impuesto")
    assert not any(str(c.args[0]).startswith("pagina:") for c in guardar.mock_calls)


@pytest.mark.parametrize(
    ("ruta", "maximo"),
    [
        ("/", 5),
        ("/tramites/", 4),
        ("/tramites/consulta/", 1),
        ("/noticias/", 4),
        ("/capacitacion/", 5),
        # + el horario en línea y quién está de turno (la conversación en vivo)
        ("/asesoria/", 7),
        ("/encuestas/", 3),
        ("/transparencia/", 1),
    ],
)
def test_presupuesto_de_consultas_de_las_paginas_publicas(
    client, ruta, maximo, django_assert_max_num_queries
):
    PiezaFactory(banner=True, programada=True)
    PiezaFactory(noticia=True, programada=True)
    TramiteFactory()
    with django_assert_max_num_queries(maximo):
        _texto(client, ruta)
    with django_assert_max_num_queries(0):
        _texto(client, ruta)


def test_presupuesto_de_mis_tramites(client, ciudadano, django_assert_max_num_queries):
    for _ in range(5):
        SolicitudFactory(solicitante=ciudadano)
    client.force_login(ciudadano)
    # + las preguntas a la Alcaldía (una consulta, las haya o no).
    with django_assert_max_num_queries(6):
        _texto(client, "/tramites/mis-tramites/")


def test_el_html_y_las_medidas_del_banner_se_guardan_con_la_pieza(client):
    banner = PiezaFactory(
        banner=True,
        programada=True,
        cuerpo="**Sin filas** <script>alert(1)</script>",
    )
    assert "<strong>Sin filas</strong>" in banner.html_del_cuerpo
    assert "<script" not in banner.html_del_cuerpo
    assert (banner.imagen_ancho, banner.imagen_alto) == (1200, 300)
    # La portada ya no convierte Markdown ni abre la imagen en cada visita.
    with (
        mock.patch("sanpedro_gel.texto.markdown.markdown") as convertir,
        mock.patch("django.core.files.images.get_image_dimensions") as medir,
    ):
        html = _texto(client)
    assert "<strong>Sin filas</strong>" in html
    assert 'width="1200" height="300"' in html
    convertir.assert_not_called()
    medir.assert_not_called()


def test_cambiar_el_texto_con_update_fields_actualiza_el_html():
    pieza = PiezaFactory(noticia=True, cuerpo="*uno*")
    pieza.cuerpo = "*dos*"
    pieza.save(update_fields=["cuerpo"])
    pieza.refresh_from_db()
    assert "<em>dos</em>" in pieza.html_del_cuerpo
