"""Validación mínima de un archivo que sube el ciudadano al subsanar.

Provisional: el servicio de adjuntos del formulario del ciudadano
(tramites/services/adjuntos.py) es la regla del portal; al integrarlo, esta
función delega en él.
"""

from django.conf import settings

FIRMAS = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}


def validar_archivo(archivo) -> str | None:
    """El mensaje de error del archivo, o None si se acepta (por contenido)."""
    if archivo.size == 0:
        return f"El archivo «{archivo.name}» está vacío."
    if archivo.size > settings.ARCHIVO_MAX_MB * 1024 * 1024:
        return f"El archivo «{archivo.name}» pesa más de {settings.ARCHIVO_MAX_MB} MB."
    inicio = archivo.read(16)
    archivo.seek(0)
    for firma, tipo in FIRMAS.items():
        if inicio.startswith(firma):
            archivo.content_type = tipo
            return None
    return (
        f"El archivo «{archivo.name}» no es un PDF, JPG ni PNG válido. "
        "Revise que no haya cambiado solo el nombre del archivo."
    )
