"""Leer los CSV que los funcionarios guardan desde una hoja de cálculo, y
escribir los CSV y XLSX que el portal exporta.

Excel en español de Colombia guarda «CSV (delimitado por comas)» con punto y
coma y en Windows-1252; «CSV UTF-8» con coma o punto y coma y una marca BOM;
LibreOffice, lo que se le pida. Aquí se aceptan todos: se detecta la
codificación (UTF-8 con o sin BOM, si no Windows-1252) y el separador («;», «,»
o tabulador), los nombres de columna se normalizan (minúsculas, sin tildes,
espacios como «_») y las filas en blanco se saltan sin contarlas.
"""

import csv
import io
import unicodedata
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from sanpedro_gel.excepciones import ErrorDelPortal

SEPARADORES = ";,\t"


class HojaIlegible(ErrorDelPortal):
    """El archivo no es un CSV que se pueda leer (vacío, binario, sin cabecera)."""


@dataclass(frozen=True)
class Hoja:
    columnas: list[str]
    # (número de línea en el archivo, la fila con las columnas normalizadas)
    filas: list[tuple[int, dict[str, str]]]
    codificacion: str
    separador: str


def normalizar_columna(nombre: str) -> str:
    """«Correo electrónico » → «correo_electronico»."""
    sin_tildes = unicodedata.normalize("NFKD", nombre or "")
    sin_tildes = "".join(c for c in sin_tildes if not unicodedata.combining(c))
    return "_".join(sin_tildes.strip().lower().replace("-", " ").split())


def decodificar(contenido: bytes) -> tuple[str, str]:
    """El texto y la codificación que se usó."""
    try:
        return contenido.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return contenido.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        raise HojaIlegible(
            "El archivo no es texto en UTF-8 ni en Windows-1252: guárdelo desde la "
            "hoja de cálculo como «CSV UTF-8» o «CSV (delimitado por comas)»."
        ) from None


def _separador(muestra: str) -> str:
    try:
        return csv.Sniffer().sniff(muestra, delimiters=SEPARADORES).delimiter
    except csv.Error:
        primera = muestra.split("\n", 1)[0]
        return max(SEPARADORES, key=primera.count)


def leer_csv(contenido: bytes | str) -> Hoja:
    """La hoja de `contenido` (los bytes del archivo, o su texto)."""
    if isinstance(contenido, bytes):
        if b"\x00" in contenido[:4096]:
            raise HojaIlegible("El archivo no es un CSV: parece un archivo binario.")
        texto, codificacion = decodificar(contenido)
    else:
        texto, codificacion = contenido.lstrip("\ufeff"), "utf-8"
    if not texto.strip():
        raise HojaIlegible("El archivo está vacío.")
    separador = _separador(texto[:8192])
    lector = csv.reader(io.StringIO(texto, newline=""), delimiter=separador)
    cabecera = next(lector, None)
    columnas = [normalizar_columna(c) for c in cabecera or []]
    if not any(columnas):
        raise HojaIlegible("La primera línea debe tener los nombres de las columnas.")
    filas = []
    for valores in lector:
        if not any(v.strip() for v in valores):
            continue
        fila = {
            columna: valor.strip()
            for columna, valor in zip(columnas, valores, strict=False)
            if columna
        }
        filas.append((lector.line_num, fila))
    return Hoja(columnas, filas, codificacion, separador)


# --- Escribir -------------------------------------------------------------------------


def celda_segura(valor):
    """Una celda que empieza por = + - @ es una fórmula para Excel: se neutraliza
    (inyección de fórmulas con textos escritos por ciudadanos o funcionarios)."""
    if isinstance(valor, str) and valor[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + valor
    return valor


def csv_para_excel(columnas: list[str], filas) -> bytes:
    """Un CSV que Excel en español abre bien con doble clic: UTF-8 con BOM
    (tildes correctas) y punto y coma (la coma es el separador decimal)."""
    salida = io.StringIO()
    salida.write("\ufeff")
    escritor = csv.writer(salida, delimiter=";")
    escritor.writerow(columnas)
    for fila in filas:
        escritor.writerow([celda_segura(v) for v in fila])
    return salida.getvalue().encode("utf-8")


def csv_abierto(columnas: list[str], filas) -> bytes:
    """Un CSV para datos abiertos: UTF-8 sin BOM, coma y punto decimal, como lo
    leen los programas y los portales de datos (datos.gov.co)."""
    salida = io.StringIO()
    escritor = csv.writer(salida, lineterminator="\r\n")
    escritor.writerow(columnas)
    for fila in filas:
        escritor.writerow([celda_segura(v) for v in fila])
    return salida.getvalue().encode("utf-8")


def xlsx(hojas: list[tuple[str, list[str], list]]) -> bytes:
    """Un libro XLSX con una hoja por (nombre, columnas, filas); la primera fila
    de cada hoja va en negrilla."""
    libro = Workbook(write_only=True)
    for nombre, columnas, filas in hojas:
        hoja = libro.create_sheet(nombre[:31])
        encabezado = []
        for titulo in columnas:
            celda = WriteOnlyCell(hoja, value=titulo)
            celda.font = Font(bold=True)
            encabezado.append(celda)
        hoja.append(encabezado)
        for fila in filas:
            hoja.append([celda_segura(v) for v in fila])
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()
