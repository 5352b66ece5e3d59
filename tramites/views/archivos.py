"""Descargas de archivos privados: adjuntos, constancias (y lo que se expida).

Todo archivo de una solicitud sale por `responder_archivo_privado`: comprueba
con `tramites.permisos.puede_ver`, deja la `DescargaArchivo` con la IP y
entrega el archivo (o, con nginx delante, un X-Accel-Redirect). Quien no puede
verlo recibe 404, igual que si no existiera.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from sanpedro_gel.descargas import entregar_privado
from sanpedro_gel.peticiones import ip_del_cliente
from tramites.models import Adjunto, DescargaArchivo, Estado, Solicitud
from tramites.permisos import puede_ver
from tramites.services.radicacion import generar_constancia


def responder_archivo_privado(
    request,
    *,
    solicitud: Solicitud,
    archivo,
    tipo: str,
    nombre_descarga: str,
    adjunto: Adjunto | None = None,
    tipo_contenido: str = "application/pdf",
    en_linea: bool = False,
):
    """Entrega `archivo` (un FieldFile del almacenamiento privado) si se puede ver.

    `tipo` queda en `DescargaArchivo.archivo` («adjunto», «constancia»,
    «certificado», «resolucion»…). Lanza Http404 si el usuario no puede ver la
    solicitud o el archivo no existe.
    """
    if not puede_ver(request.user, solicitud) or not archivo:
        raise Http404
    if not archivo.storage.exists(archivo.name):
        raise Http404
    DescargaArchivo.objects.create(
        solicitud=solicitud,
        adjunto=adjunto,
        archivo=tipo,
        usuario=request.user,
        ip=ip_del_cliente(request),
    )
    return entregar_privado(
        archivo,
        nombre=nombre_descarga,
        tipo_contenido=tipo_contenido,
        en_linea=en_linea,
    )


@never_cache
@require_safe
@login_required
def adjunto(request, pk):
    adjunto = get_object_or_404(
        Adjunto.objects.select_related("solicitud__tramite"), pk=pk
    )
    return responder_archivo_privado(
        request,
        solicitud=adjunto.solicitud,
        archivo=adjunto.archivo,
        tipo="adjunto",
        adjunto=adjunto,
        nombre_descarga=adjunto.nombre_original,
        tipo_contenido=adjunto.tipo_contenido,
    )


@never_cache
@require_safe
@login_required
def constancia(request, pk):
    solicitud = get_object_or_404(Solicitud.objects.select_related("tramite"), pk=pk)
    if not puede_ver(request.user, solicitud) or solicitud.estado == Estado.BORRADOR:
        raise Http404
    if not solicitud.constancia:
        # El acuse aún no salió (o el broker está caído): se dibuja aquí; el
        # servicio es idempotente y no bloquea la solicitud.
        generar_constancia(solicitud_id=solicitud.pk)
        solicitud.refresh_from_db(fields=["constancia"])
    return responder_archivo_privado(
        request,
        solicitud=solicitud,
        archivo=solicitud.constancia,
        tipo="constancia",
        nombre_descarga=f"constancia-{solicitud.radicado}.pdf",
    )
