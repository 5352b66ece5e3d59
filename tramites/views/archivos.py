"""Descargas de archivos privados: adjuntos, constancias (y lo que se expida).

Todo archivo de una solicitud sale por `responder_archivo_privado`: comprueba
con `tramites.permisos.puede_ver`, deja la `DescargaArchivo` con la IP y
entrega el archivo (o, con nginx delante, un X-Accel-Redirect). Quien no puede
verlo recibe 404, igual que si no existiera.
"""

from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from tramites.models import Adjunto, DescargaArchivo, Estado, Solicitud
from tramites.permisos import puede_ver
from tramites.services import generar_constancia


def ip_del_cliente(request) -> str | None:
    """IP del cliente; detrás de N proxies de confianza, la que vio el primero.

    Con `AXES_PROXY_COUNT` (AXES_IPWARE_PROXY_COUNT) en 0 se usa REMOTE_ADDR;
    con 1 (nginx delante), el último valor de X-Forwarded-For, que puso nginx.
    """
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0
    reenviada = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and reenviada:
        cadena = [ip.strip() for ip in reenviada.split(",") if ip.strip()]
        if len(cadena) >= proxies:
            return cadena[-proxies]
    return request.META.get("REMOTE_ADDR") or None


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
    prefijo = settings.PRIVATE_MEDIA_X_ACCEL_PREFIX
    if prefijo:
        respuesta = HttpResponse(content_type=tipo_contenido)
        respuesta["X-Accel-Redirect"] = prefijo.rstrip("/") + "/" + quote(archivo.name)
        respuesta["Content-Disposition"] = content_disposition_header(
            not en_linea, nombre_descarga
        )
    else:
        respuesta = FileResponse(
            archivo.open("rb"),
            as_attachment=not en_linea,
            filename=nombre_descarga,
            content_type=tipo_contenido,
        )
    respuesta["X-Content-Type-Options"] = "nosniff"
    respuesta["Cache-Control"] = "private, no-store"
    return respuesta


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
        # El trabajador aún no la generó (o el broker está caído): se genera aquí;
        # el servicio es idempotente y toma la fila con candado.
        generar_constancia(solicitud_id=solicitud.pk)
        solicitud.refresh_from_db(fields=["constancia"])
    return responder_archivo_privado(
        request,
        solicitud=solicitud,
        archivo=solicitud.constancia,
        tipo="constancia",
        nombre_descarga=f"constancia-{solicitud.radicado}.pdf",
    )
