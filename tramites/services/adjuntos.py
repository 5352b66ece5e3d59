"""Adjuntar documentos a una solicitud: revisados por contenido, nunca por nombre.

Solo se aceptan PDF, JPEG y PNG que se abren como tales y no traen nada
ejecutable (`sanpedro_gel.archivos`): un ejecutable renombrado «cedula.pdf» o un
PDF con JavaScript se rechazan, y las imágenes se guardan recodificadas, sin
metadatos. Los archivos van al almacenamiento privado con un nombre generado; el
del ciudadano solo se guarda como dato para mostrarlo.
"""

import hashlib
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Sum

from sanpedro_gel import archivos
from sanpedro_gel.almacenamiento import almacenamiento_privado
from tramites.excepciones import ArchivoRechazado
from tramites.models import Adjunto, Estado, Requisito, Solicitud

logger = logging.getLogger(__name__)

TIPOS_ACEPTADOS = archivos.nombres_de(("pdf", "jpeg", "png"))
ACEPTAR = archivos.ACEPTAR


def _megas(tamano: int) -> str:
    return f"{tamano / (1024 * 1024):.1f}".replace(".", ",")


def tamano_vigente(solicitud: Solicitud, *, excepto_requisito=None) -> int:
    """Bytes de los adjuntos vigentes de la solicitud (sin el que se reemplaza)."""
    adjuntos = solicitud.adjuntos.filter(vigente=True)
    if excepto_requisito is not None:
        adjuntos = adjuntos.exclude(requisito=excepto_requisito)
    return adjuntos.aggregate(total=Sum("tamano"))["total"] or 0


def _sha256(archivo) -> str:
    resumen = hashlib.sha256()
    archivo.seek(0)
    for trozo in archivo.chunks():
        resumen.update(trozo)
    archivo.seek(0)
    return resumen.hexdigest()


def validar_archivo(archivo) -> tuple[archivos.Formato, object]:
    """Revisa un archivo suelto (vacío, tamaño, contenido) y devuelve su formato
    y el archivo que se guarda (una imagen, recodificada sin metadatos).

    Lanza `ArchivoRechazado` con el motivo en español.
    """
    nombre = getattr(archivo, "name", "") or "el archivo"
    tamano = archivo.size
    if not tamano:
        raise ArchivoRechazado(f"El archivo «{nombre}» está vacío.")
    maximo = settings.ARCHIVO_MAX_MB * 1024 * 1024
    if tamano > maximo:
        raise ArchivoRechazado(
            f"El archivo «{nombre}» pesa {_megas(tamano)} MB; el máximo por archivo "
            f"es {settings.ARCHIVO_MAX_MB} MB. Escanéelo con menor resolución o "
            "divídalo."
        )
    try:
        return archivos.revisar(archivo)
    except archivos.ArchivoInadmisible as error:
        raise ArchivoRechazado(error.mensaje) from None


def adjuntar(*, solicitud: Solicitud, requisito: Requisito | None, archivo) -> Adjunto:
    """Guarda `archivo` como el documento de `requisito` en `solicitud`.

    Precondiciones: la solicitud es un borrador o está en subsanación, y el
    requisito (si se da) es del mismo trámite y se adjunta. Revisa el archivo
    (vacío, tamaño por archivo, contenido de PDF/JPEG/PNG) y el total de la
    solicitud (`settings.SOLICITUD_MAX_MB`, sin contar el que se reemplaza).
    Efectos: escribe el archivo en el almacenamiento privado con nombre
    generado y crea el `Adjunto` con su tamaño y SHA-256. Si el requisito ya
    tenía archivo: en borrador, el anterior se borra (fila y archivo, este
    después del commit); en subsanación, queda como no vigente, para el
    expediente. No es idempotente: cada llamada guarda un archivo nuevo.
    Lanza `ArchivoRechazado` con el motivo en español.
    """
    formato, archivo = validar_archivo(archivo)
    if requisito is not None and (
        requisito.tramite_id != solicitud.tramite_id or not requisito.se_adjunta
    ):
        raise ArchivoRechazado("Ese documento no corresponde a este trámite.")
    huella = _sha256(archivo)
    nombre_original = (getattr(archivo, "name", "") or f"documento{formato.extension}")[
        -255:
    ]

    with transaction.atomic():
        # El candado ordena las cargas simultáneas de una misma solicitud, así el
        # límite total no se puede superar con dos pestañas a la vez.
        bloqueada = Solicitud.objects.select_for_update().get(pk=solicitud.pk)
        if bloqueada.estado not in (Estado.BORRADOR, Estado.REQUIERE_SUBSANACION):
            raise ArchivoRechazado(
                "Esta solicitud ya fue radicada: sus documentos no se pueden cambiar."
            )
        total = tamano_vigente(bloqueada, excepto_requisito=requisito) + archivo.size
        if total > settings.SOLICITUD_MAX_MB * 1024 * 1024:
            raise ArchivoRechazado(
                f"Con «{nombre_original}» los documentos de la solicitud sumarían "
                f"{_megas(total)} MB; el máximo es {settings.SOLICITUD_MAX_MB} MB. "
                "Reduzca el tamaño de algún archivo."
            )
        anteriores = (
            list(bloqueada.adjuntos.filter(requisito=requisito, vigente=True))
            if requisito is not None
            else []
        )
        adjunto = Adjunto(
            solicitud=bloqueada,
            requisito=requisito,
            nombre_original=nombre_original,
            tipo_contenido=formato.mime,
            tamano=archivo.size,
            sha256=huella,
        )
        archivo.seek(0)
        adjunto.archivo.save(f"documento{formato.extension}", archivo, save=False)
        try:
            adjunto.save()
            _retirar(bloqueada, anteriores)
        except Exception:
            adjunto.archivo.storage.delete(adjunto.archivo.name)
            raise
    return adjunto


def _retirar(solicitud: Solicitud, anteriores: list[Adjunto]) -> None:
    if not anteriores:
        return
    if solicitud.estado == Estado.BORRADOR:
        # En un borrador nadie ha visto el archivo anterior: no se conserva.
        rutas = [a.archivo.name for a in anteriores]
        Adjunto.objects.filter(pk__in=[a.pk for a in anteriores]).delete()
        transaction.on_commit(lambda: borrar_archivos(rutas))
    else:
        Adjunto.objects.filter(pk__in=[a.pk for a in anteriores]).update(vigente=False)


def quitar(*, adjunto: Adjunto) -> None:
    """Quita un adjunto de un borrador (fila y archivo). Repetirlo no hace nada.

    Lanza `ArchivoRechazado` si la solicitud ya no es un borrador.
    """
    with transaction.atomic():
        solicitud = Solicitud.objects.select_for_update().get(pk=adjunto.solicitud_id)
        if solicitud.estado != Estado.BORRADOR:
            raise ArchivoRechazado(
                "Esta solicitud ya fue radicada: sus documentos no se pueden quitar."
            )
        borrados, _ = Adjunto.objects.filter(pk=adjunto.pk).delete()
        if borrados:
            ruta = adjunto.archivo.name
            transaction.on_commit(lambda: borrar_archivos([ruta]))


def borrar_archivos(rutas: list[str]) -> None:
    for ruta in rutas:
        try:
            almacenamiento_privado.delete(ruta)
        except OSError:
            logger.warning("No se pudo borrar el archivo privado %s", ruta)
