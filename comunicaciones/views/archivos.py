"""Entrega de archivos privados del plan (adjuntos de avisos, evidencias).

Cada vista comprueba permisos antes de llamar aquí. Con nginx delante
(PRIVATE_MEDIA_X_ACCEL_PREFIX) el archivo sale por X-Accel-Redirect; si no,
Django lo entrega. Cada descarga queda en el registro (no son datos de
ciudadanos: `tramites.DescargaArchivo` es solo para solicitudes).
"""

import logging
import mimetypes
from pathlib import PurePosixPath

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse

logger = logging.getLogger("comunicaciones.descargas")


def entregar_archivo(request, campo, nombre_base: str):
    if not campo or not campo.storage.exists(campo.name):
        raise Http404("El archivo no está disponible.")
    extension = PurePosixPath(campo.name).suffix.lower()
    nombre = f"{nombre_base}{extension}"
    tipo = mimetypes.guess_type(nombre)[0] or "application/octet-stream"
    logger.info(
        "Descarga de %s por %s desde %s",
        campo.name,
        getattr(request.user, "email", "") or "anónimo",
        request.META.get("REMOTE_ADDR"),
    )
    if settings.PRIVATE_MEDIA_X_ACCEL_PREFIX:
        respuesta = HttpResponse(content_type=tipo)
        prefijo = settings.PRIVATE_MEDIA_X_ACCEL_PREFIX.rstrip("/")
        respuesta["X-Accel-Redirect"] = f"{prefijo}/{campo.name}"
        respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
        return respuesta
    return FileResponse(
        campo.storage.open(campo.name, "rb"),
        as_attachment=True,
        filename=nombre,
        content_type=tipo,
    )
