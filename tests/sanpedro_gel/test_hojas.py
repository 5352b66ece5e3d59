"""CSV como los guarda una hoja de cálculo en español de Colombia."""

import pytest

from sanpedro_gel.hojas import HojaIlegible, leer_csv, normalizar_columna

FILAS = [
    ["Nombres", "Apellidos", "Correo electrónico", "Dependencia"],
    ["Ana María", "Ruiz Peña", "Ana.Ruiz@alcaldia.test", "Secretaría de Hacienda"],
    ["", "", "", ""],
    ["José", "Muñoz", "jose.munoz@alcaldia.test", "Gobierno; Convivencia"],
]


def _como(separador, codificacion, bom=False, fin="\r\n"):
    lineas = []
    for fila in FILAS:
        celdas = [f'"{c}"' if separador in c else c for c in fila]
        lineas.append(separador.join(celdas))
    texto = fin.join(lineas) + fin
    datos = texto.encode(codificacion)
    return (b"\xef\xbb\xbf" if bom else b"") + datos


@pytest.mark.parametrize(
    ("separador", "codificacion", "bom"),
    [
        (";", "cp1252", False),  # Excel es-CO: «CSV (delimitado por comas)»
        (",", "utf-8", True),  # Excel: «CSV UTF-8»
        (";", "utf-8", True),
        (",", "utf-8", False),  # LibreOffice
        ("\t", "utf-8", False),
    ],
)
def test_lee_lo_que_guarda_una_hoja_de_calculo(separador, codificacion, bom):
    hoja = leer_csv(_como(separador, codificacion, bom))
    assert hoja.separador == separador
    assert hoja.columnas == [
        "nombres",
        "apellidos",
        "correo_electronico",
        "dependencia",
    ]
    # La fila en blanco (línea 3) no cuenta; los números son los del archivo.
    assert [linea for linea, _ in hoja.filas] == [2, 4]
    primera = hoja.filas[0][1]
    assert primera["nombres"] == "Ana María" and primera["apellidos"] == "Ruiz Peña"
    assert primera["dependencia"] == "Secretaría de Hacienda"
    assert hoja.filas[1][1]["dependencia"] == "Gobierno; Convivencia"


def test_windows_1252_con_caracteres_propios():
    contenido = "nombre;nota\nPeña;“cotización” de 5 €\n".encode("cp1252")
    hoja = leer_csv(contenido)
    assert hoja.codificacion == "windows-1252"
    assert hoja.filas[0][1] == {"nombre": "Peña", "nota": "“cotización” de 5 €"}


def test_un_archivo_binario_o_vacio_se_rechaza_con_un_mensaje_claro():
    with pytest.raises(HojaIlegible, match="binario"):
        leer_csv(b"PK\x03\x04\x00\x00 hoja de excel")
    with pytest.raises(HojaIlegible, match="vacío"):
        leer_csv(b"  \r\n")


def test_nombres_de_columna_normalizados():
    assert normalizar_columna(" Correo Electrónico ") == "correo_electronico"
    assert normalizar_columna("Vinculación") == "vinculacion"
    assert normalizar_columna("matrícula-ica") == "matricula_ica"


def test_todo_csv_del_proyecto_se_lee_con_el_nucleo():
    """Un solo lector de CSV: los comandos y el admin no traen el suyo."""
    from pathlib import Path

    raiz = Path(__file__).resolve().parents[2]
    propios = [
        str(ruta.relative_to(raiz))
        for app in ("sanpedro_gel", "tramites", "comunicaciones", "capacitacion")
        for ruta in (raiz / app).rglob("*.py")
        if ruta.name != "hojas.py"
        and ("csv.reader" in (texto := ruta.read_text()) or "csv.DictReader" in texto)
    ]
    assert propios == []
