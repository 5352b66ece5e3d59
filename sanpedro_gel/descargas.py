"""Entregar un archivo del almacenamiento privado, después de revisar permisos.

Quien llama decide si el usuario puede ver el archivo y deja constancia de la
descarga; esta función solo arma la respuesta. Con nginx delante
(`PRIVATE_MEDIA_X_ACCEL_PREFIX`) responde X-Accel-Redirect y nginx envía los
bytes; si no, Django los envía.
"""

from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header


def entregar_privado(
    archivo, *, nombre: str, tipo_contenido: str, en_linea: bool = False
) -> HttpResponse:
    """Respuesta con `archivo` (un FieldFile privado); Http404 si no existe."""
    if not archivo or not archivo.storage.exists(archivo.name):
        raise Http404("El archivo no está disponible.")
    prefijo = settings.PRIVATE_MEDIA_X_ACCEL_PREFIX
    if prefijo:
        respuesta = HttpResponse(content_type=tipo_contenido)
        respuesta["X-Accel-Redirect"] = prefijo.rstrip("/") + "/" + quote(archivo.name)
        respuesta["Content-Disposition"] = content_disposition_header(
            not en_linea, nombre
        )
    else:
        respuesta = FileResponse(
            archivo.open("rb"),
            as_attachment=not en_linea,
            filename=nombre,
            content_type=tipo_contenido,
        )
    respuesta["X-Content-Type-Options"] = "nosniff"
    respuesta["Cache-Control"] = "private, no-store"
    return respuesta
