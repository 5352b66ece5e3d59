"""Consulta pública por radicado + documento (o código) y verificación por código."""

import re

import pytest
from django.urls import reverse

from tests import factories
from tramites.models import Actuacion
from tramites.views.publico import NO_ENCONTRADA

pytestmark = pytest.mark.django_db


@pytest.fixture
def radicada(catalogo, ciudadano):
    solicitud = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"],
        solicitante=ciudadano,
        radicada=True,
        radicado="ICA-2026-000015",
        documento="900123456-8",
        codigo_verificacion="K7QW3MZP",
        nombre_solicitante="Lácteos El Ordeño S.A.S.",
    )
    Actuacion.objects.create(
        solicitud=solicitud, descripcion="Solicitud radicada", estado_destino="RADICADO"
    )
    Actuacion.objects.create(
        solicitud=solicitud, descripcion="Asignada a un revisor", publica=False
    )
    return solicitud


def consultar(client, radicado, dato, **extra):
    return client.post(
        reverse("tramites:consulta"), {"radicado": radicado, "dato": dato}, **extra
    )


@pytest.mark.parametrize(
    "dato", ["900123456-8", "900.123.456", "900123456", "k7qw3mzp", " K7QW-3MZP "[:10]]
)
def test_con_el_documento_o_el_codigo_se_ve_el_estado(client, radicada, dato):
    respuesta = consultar(client, "ica-2026-000015", dato)
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Solicitud ICA-2026-000015" in html
    assert "Radicado</span>" in html
    assert "Solicitud radicada" in html
    assert "Asignada a un revisor" not in html
    assert "21 de diciembre de 2026" in html


def sin_variables(html: str) -> str:
    """La página sin el token CSRF ni los valores escritos (que se conservan)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'value="[^"]*"', "", html)


def test_radicado_inexistente_y_combinacion_equivocada_reciben_lo_mismo(
    client, radicada
):
    equivocada = consultar(client, "ICA-2026-000015", "43555111")
    inexistente = consultar(client, "ICA-2026-009999", "43555111")
    assert equivocada.status_code == inexistente.status_code == 200
    assert NO_ENCONTRADA in equivocada.content.decode()
    assert sin_variables(equivocada.content.decode()) == sin_variables(
        inexistente.content.decode()
    )
    assert "ICA-2026-000015" in equivocada.content.decode()  # valor conservado


def test_un_borrador_no_se_consulta(client, catalogo):
    factories.SolicitudFactory(
        tramite=catalogo["inscripcion"], codigo_verificacion="ABCD2345"
    )
    respuesta = consultar(client, "", "ABCD2345")
    assert "Escriba el número de radicado." in respuesta.content.decode()


def test_las_fallidas_tienen_limite_por_ip(client, radicada, settings):
    settings.CONSULTA_MAX_INTENTOS = 3
    for _ in range(3):
        assert (
            consultar(
                client, "ICA-2026-000001", "1", REMOTE_ADDR="10.1.1.1"
            ).status_code
            == 200
        )
    bloqueada = consultar(
        client, "ICA-2026-000015", "900123456", REMOTE_ADDR="10.1.1.1"
    )
    assert bloqueada.status_code == 429
    html = bloqueada.content.decode()
    assert "Hizo muchas consultas seguidas" in html and "espere 15 minutos" in html
    assert "Solicitud ICA-2026-000015" not in html
    # Otra IP no queda bloqueada.
    otra = consultar(client, "ICA-2026-000015", "900123456", REMOTE_ADDR="10.1.1.2")
    assert (
        otra.status_code == 200 and "Solicitud ICA-2026-000015" in otra.content.decode()
    )


@pytest.fixture
def radicadas_del_cafe(catalogo, ciudadano):
    """Doce solicitudes de doce personas que consultan desde el mismo café."""
    return [
        factories.SolicitudFactory(
            tramite=catalogo["inscripcion"],
            solicitante=ciudadano,
            radicada=True,
            radicado=f"ICA-2026-{100 + numero:06d}",
            documento=f"4355{numero:04d}",
        )
        for numero in range(12)
    ]


def test_las_consultas_acertadas_no_cuentan_para_la_ip(
    client, radicadas_del_cafe, settings
):
    """Un café internet, un colegio o la ventanilla comparten una IP: cada
    persona que consulta su propio radicado con su documento lo ve."""
    settings.CONSULTA_MAX_INTENTOS = 3
    for solicitud in radicadas_del_cafe:
        respuesta = consultar(
            client, solicitud.radicado, solicitud.documento, REMOTE_ADDR="10.9.9.9"
        )
        assert respuesta.status_code == 200
        assert f"Solicitud {solicitud.radicado}" in respuesta.content.decode()
    # Dos equivocaciones en el mismo café tampoco bloquean a la siguiente.
    for _ in range(2):
        consultar(client, "ICA-2026-000100", "11111111", REMOTE_ADDR="10.9.9.9")
    ultima = radicadas_del_cafe[-1]
    assert (
        consultar(
            client, ultima.radicado, ultima.documento, REMOTE_ADDR="10.9.9.9"
        ).status_code
        == 200
    )


def test_las_consultas_de_un_radicado_tienen_limite_desde_cualquier_ip(
    client, radicadas_del_cafe, settings
):
    """Quien prueba documentos contra un radicado cambiando de IP se detiene; los
    demás radicados siguen respondiendo, también desde esas IP."""
    settings.CONSULTA_MAX_POR_RADICADO = 4
    objetivo, otra = radicadas_del_cafe[0], radicadas_del_cafe[1]
    for numero in range(4):
        assert (
            consultar(
                client,
                objetivo.radicado,
                f"7000{numero}",
                REMOTE_ADDR=f"10.2.0.{numero}",
            ).status_code
            == 200
        )
    bloqueada = consultar(
        client, objetivo.radicado.lower(), objetivo.documento, REMOTE_ADDR="10.2.0.99"
    )
    assert bloqueada.status_code == 429
    assert f"Solicitud {objetivo.radicado}" not in bloqueada.content.decode()
    assert "Hizo muchas consultas seguidas" in bloqueada.content.decode()
    respuesta = consultar(client, otra.radicado, otra.documento, REMOTE_ADDR="10.2.0.1")
    assert respuesta.status_code == 200
    assert f"Solicitud {otra.radicado}" in respuesta.content.decode()


def test_detras_de_nginx_cada_cliente_tiene_su_cuenta(client, radicada, settings):
    """La IP de los límites es la del portal (sanpedro_gel.peticiones): detrás
    del proxy, la del cliente; lo que el cliente escribe en la cabecera no."""
    settings.PROXIES_CONFIABLES = ["127.0.0.1"]
    settings.CONSULTA_MAX_INTENTOS = 2
    for falsa in ("1.1.1.1", "2.2.2.2"):
        consultar(
            client,
            "ICA-2026-000001",
            "1",
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"{falsa}, 190.24.5.9",
        )
    bloqueada = consultar(
        client,
        "ICA-2026-000001",
        "1",
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="3.3.3.3, 190.24.5.9",
    )
    assert bloqueada.status_code == 429
    otro_cliente = consultar(
        client,
        "ICA-2026-000015",
        "900123456",
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="190.24.5.10",
    )
    assert otro_cliente.status_code == 200


def test_un_formulario_incompleto_no_gasta_intentos(client, radicada, settings):
    settings.CONSULTA_MAX_INTENTOS = 1
    for _ in range(3):
        respuesta = consultar(client, "", "", REMOTE_ADDR="10.3.3.3")
        assert respuesta.status_code == 200
        assert "Escriba el número de radicado." in respuesta.content.decode()
    respuesta = consultar(
        client, "ICA-2026-000015", "900123456", REMOTE_ADDR="10.3.3.3"
    )
    assert respuesta.status_code == 200


def test_verificar_muestra_lo_esencial_de_la_constancia(client, radicada):
    respuesta = client.get("/verificar/k7qw-3mzp/")
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Constancia de radicación ICA-2026-000015" in html
    assert "Lácteos El Ordeño S.A.S." in html
    assert "•••••••56-8" in html and "900123456-8" not in html
    assert "Radicado" in html


def test_un_codigo_inexistente_da_404(client, radicada):
    respuesta = client.get("/verificar/ZZZZ9999/")
    assert respuesta.status_code == 404
    assert "No encontramos ese código" in respuesta.content.decode()


def test_otros_documentos_se_registran_en_el_selector(client, radicada, monkeypatch):
    from sanpedro_gel import verificacion
    from sanpedro_gel.registros import Registro

    def buscar_resolucion(codigo):
        if codigo == "RES12345":
            return verificacion.DocumentoVerificado(
                tipo="Resolución", titulo="HOR-R-2026-0007", codigo=codigo
            )
        return None

    buscadores = Registro(verificacion._BUSCADORES)
    monkeypatch.setattr(verificacion, "_BUSCADORES", buscadores)
    buscadores.registrar(buscar_resolucion)
    html = client.get("/verificar/RES12345/").content.decode()
    assert "Resolución HOR-R-2026-0007" in html
