"""Entrega de archivos privados del plan (adjuntos de avisos, evidencias).

Cada vista comprueba permisos antes de llamar aquí. Cada descarga queda en el
registro `comunicaciones.descargas` (no son datos de ciudadanos:
`tramites.DescargaArchivo` es solo para solicitudes).
"""

import logging
import mimetypes
from pathlib import PurePosixPath

from sanpedro_gel.descargas import entregar_privado
from sanpedro_gel.peticiones import ip_del_cliente

logger = logging.getLogger("comunicaciones.descargas")


def entregar_archivo(request, campo, nombre_base: str):
    nombre = f"{nombre_base}{PurePosixPath(campo.name).suffix.lower()}" if campo else ""
    respuesta = entregar_privado(
        campo,
        nombre=nombre,
        tipo_contenido=mimetypes.guess_type(nombre)[0] or "application/octet-stream",
    )
    logger.info(
        "Descarga de %s por %s desde %s",
        campo.name,
        getattr(request.user, "email", "") or "anónimo",
        ip_del_cliente(request),
    )
    return respuesta
