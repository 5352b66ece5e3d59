"""Almacenamiento privado: adjuntos de ciudadanos y documentos expedidos.

Nada de aquí tiene URL pública; se entrega solo por vistas que revisan permisos
(y, con nginx, por X-Accel-Redirect). La carpeta se lee de PRIVATE_MEDIA_ROOT en
cada uso, así que las pruebas pueden apuntarla a un directorio temporal.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible(path="sanpedro_gel.almacenamiento.AlmacenamientoPrivado")
class AlmacenamientoPrivado(FileSystemStorage):
    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise NotImplementedError("Los archivos privados no tienen URL pública.")


almacenamiento_privado = AlmacenamientoPrivado()
