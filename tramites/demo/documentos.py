"""Los PDF de ejemplo que las solicitudes de demostración llevan como adjuntos."""

from django.core.files.base import ContentFile
from django.utils.text import slugify

from sanpedro_gel.pdf import render_pdf


def documento_demo(titulo: str) -> ContentFile:
    contenido = render_pdf("tramites/pdf/documento_demo.html", {"titulo": titulo})
    return ContentFile(contenido, name=f"{slugify(titulo)[:60]}.pdf")
