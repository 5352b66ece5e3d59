"""Validadores puros: documentos, NIT, teléfonos y códigos CIIU (sin base de datos)."""

import pytest
from django.core.exceptions import ValidationError

from tramites import validadores

# NIT reales de entidades conocidas, con su dígito de verificación (RUT públicos).
NITS_REALES = [
    ("800197268", "4"),  # DIAN
    ("890903938", "8"),  # Bancolombia
    ("899999068", "1"),  # Ecopetrol
    ("890904996", "1"),  # Empresas Públicas de Medellín
    ("860002964", "4"),  # Banco de Bogotá
]


@pytest.mark.parametrize(("numero", "dv"), NITS_REALES)
def test_nits_reales_pasan(numero, dv):
    assert validadores.validar_digito_verificacion(numero, dv) == dv


@pytest.mark.parametrize(("numero", "dv"), NITS_REALES)
def test_un_digito_de_verificacion_equivocado_falla(numero, dv):
    equivocado = str((int(dv) + 1) % 10)
    with pytest.raises(ValidationError, match="no corresponde a ese NIT"):
        validadores.validar_digito_verificacion(numero, equivocado)


def test_el_dv_es_obligatorio_y_de_un_digito():
    with pytest.raises(ValidationError, match="Escriba el dígito"):
        validadores.validar_digito_verificacion("800197268", "")
    with pytest.raises(ValidationError, match="un solo número"):
        validadores.validar_digito_verificacion("800197268", "x")


@pytest.mark.parametrize(
    ("tipo", "numero", "esperado"),
    [
        ("CC", "43.555.111", "43555111"),
        ("CC", " 71 222 333 ", "71222333"),
        ("CE", "123456", "123456"),
        ("NIT", "800.197.268", "800197268"),
        ("TI", "1001234567", "1001234567"),
        ("PA", "ab123456", "AB123456"),
        ("PPT", "4567891", "4567891"),
        ("NIT_EXTRANJERO", "RUC 20100047218", "RUC 20100047218"),
    ],
)
def test_documentos_validos_se_normalizan(tipo, numero, esperado):
    assert validadores.normalizar_documento(tipo, numero) == esperado


@pytest.mark.parametrize(
    ("tipo", "numero", "mensaje"),
    [
        ("CC", "12", "entre 3 y 10 dígitos"),
        ("CC", "12345678901", "entre 3 y 10 dígitos"),
        ("CC", "43A55", "entre 3 y 10 dígitos"),
        ("CE", "1234567890123", "entre 3 y 12 dígitos"),
        ("NIT", "80019726841", "sin el dígito de verificación"),
        ("PA", "AB1", "entre 5 y 14"),
        ("PA", "AB-12345-Ñ", "entre 5 y 14"),
        ("PEP", "12", "entre 4 y 20"),
        ("CC", "", "Escriba el número"),
    ],
)
def test_documentos_invalidos_dicen_por_que(tipo, numero, mensaje):
    with pytest.raises(ValidationError, match=mensaje):
        validadores.normalizar_documento(tipo, numero)


def test_los_limites_de_la_cedula_de_extranjeria_son_configurables(settings):
    settings.CEDULA_EXTRANJERIA_DIGITOS = (6, 7)
    with pytest.raises(ValidationError, match="entre 6 y 7"):
        validadores.normalizar_documento("CE", "12345")


@pytest.mark.parametrize(
    ("escrito", "buscado"),
    [
        ("43.555.111", "43555111"),
        ("71 222 333", "71222333"),
        ("900.123.456-7", "900123456"),
        ("900123456-7", "900123456"),
        ("ab123456", "AB123456"),
        ("", ""),
    ],
)
def test_el_documento_buscado_queda_como_lo_guarda_el_registro(escrito, buscado):
    # Sin puntos ni espacios y sin el dígito de verificación tras el guion: así
    # lo buscan el reclamo del registro, la novedad y la ampliación de horario.
    assert validadores.normalizar_documento_buscado(escrito) == buscado


@pytest.mark.parametrize(
    ("escrito", "formas"),
    [
        ("900.123.456-7", ["900123456", "900123456-7", "900.123.456-7"]),
        ("43555111", ["43555111"]),
        (" ab-12.345 ", ["AB", "AB-12345", "AB-12.345"]),
    ],
)
def test_las_formas_del_documento_buscado_incluyen_el_nit_de_otro_pais(escrito, formas):
    # El NIT de otro país se guarda tal como se escribió (normalizar_documento):
    # la búsqueda lo prueba también así, además de la forma de los nacionales.
    assert validadores.documentos_buscados(escrito) == formas
    assert validadores.normalizar_documento("NIT_EXTRANJERO", escrito) in formas


def test_naturaleza_y_documento():
    validadores.validar_documento_de_naturaleza("PERSONA_NATURAL", "CC", "43555111")
    validadores.validar_documento_de_naturaleza("PERSONA_NATURAL", "NIT", "43555111")
    with pytest.raises(ValidationError, match="persona natural"):
        validadores.validar_documento_de_naturaleza("PERSONA_NATURAL", "TI", "1001")
    with pytest.raises(ValidationError, match="con su NIT"):
        validadores.validar_documento_de_naturaleza("CONSORCIO", "CC", "43555111")
    with pytest.raises(ValidationError, match="9 dígitos"):
        validadores.validar_documento_de_naturaleza(
            "PERSONA_JURIDICA", "NIT", "43555111"
        )


@pytest.mark.parametrize(
    ("escrito", "normalizado"),
    [
        ("310 456 7890", "3104567890"),
        ("+57 310-456-7890", "3104567890"),
        ("573104567890", "3104567890"),
        ("(604) 868 7123", "6048687123"),
        ("601.234.5678", "6012345678"),
    ],
)
def test_telefonos_colombianos_se_normalizan(escrito, normalizado):
    assert validadores.normalizar_telefono(escrito) == normalizado


@pytest.mark.parametrize(
    "escrito", ["8687123", "2104567890", "6004567890", "31045678901", "tel 310"]
)
def test_telefonos_invalidos_se_rechazan(escrito):
    with pytest.raises(ValidationError, match="10 dígitos"):
        validadores.normalizar_telefono(escrito)


def test_un_fijo_no_sirve_como_celular():
    with pytest.raises(ValidationError, match="empiece por 3"):
        validadores.normalizar_telefono("6048687123", solo_celular=True)


def test_formatos_para_mostrar():
    assert validadores.formatear_documento("NIT", "800197268", "4") == (
        "NIT 800.197.268-4"
    )
    assert validadores.formatear_documento("CC", "43555111") == "C.C. 43.555.111"
    assert validadores.formatear_telefono("6048687123") == "(604) 868 7123"
    assert validadores.formatear_telefono("3104567890") == "310 456 7890"


@pytest.mark.parametrize(
    ("texto", "codigo"),
    [
        ("1040", "1040"),
        ("0141 — Cría de ganado bovino", "0141"),
        ("141", "0141"),
        ("leche", ""),
        ("10401", ""),
    ],
)
def test_codigo_ciiu(texto, codigo):
    assert validadores.normalizar_codigo_ciiu(texto) == codigo
