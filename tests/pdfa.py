"""PDF/A en los documentos que expide el portal (AGN: formato de los
documentos electrónicos de archivo): la prueba lee los metadatos XMP."""

import io
import re

from pypdf import PdfReader


def variante_pdf(contenido: bytes) -> tuple[str | None, str | None]:
    """(parte, conformidad) de PDF/A según los metadatos XMP del documento."""
    raiz = PdfReader(io.BytesIO(contenido)).trailer["/Root"]
    if "/Metadata" not in raiz:
        return (None, None)
    xmp = raiz["/Metadata"].get_object().get_data().decode()
    parte = re.search(r'pdfaid:part="(\d)"', xmp) or re.search(
        r"<pdfaid:part>(\d)</pdfaid:part>", xmp
    )
    conformidad = re.search(r'pdfaid:conformance="(\w)"', xmp) or re.search(
        r"<pdfaid:conformance>(\w)</pdfaid:conformance>", xmp
    )
    return (parte and parte.group(1), conformidad and conformidad.group(1))


def es_pdf_a_etiquetado(contenido: bytes) -> bool:
    """PDF/A-3 nivel «a»: archivo y estructura lógica para lectores de pantalla."""
    raiz = PdfReader(io.BytesIO(contenido)).trailer["/Root"]
    return variante_pdf(contenido) == ("3", "A") and "/StructTreeRoot" in raiz
