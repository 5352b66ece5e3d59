"""Entrega de archivos privados y descarga de los documentos expedidos."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from tramites import permisos
from tramites.models import DescargaArchivo, DocumentoExpedido, Solicitud
from tramites.services import documentos


def servir_archivo(archivo, nombre: str, tipo: str = "application/pdf"):
    """Respuesta que entrega un archivo privado ya autorizado.

    Con nginx delante (PRIVATE_MEDIA_X_ACCEL_PREFIX) Django solo dice qué
    archivo; nginx lo envía sin ocupar un trabajador de gunicorn.
    """
    prefijo = settings.PRIVATE_MEDIA_X_ACCEL_PREFIX
    if prefijo:
        respuesta = HttpResponse(content_type=tipo or "application/octet-stream")
        respuesta["X-Accel-Redirect"] = prefijo.rstrip("/") + "/" + archivo.name
        respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
        return respuesta
    return FileResponse(
        archivo.open("rb"),
        as_attachment=True,
        filename=nombre,
        content_type=tipo or "application/octet-stream",
    )


@require_safe
@login_required
def documento(request, pk, documento_pk):
    """El PDF de un documento expedido, para su dueño o un funcionario que lo ve.

    Cada descarga queda registrada. Un ciudadano que no es el dueño recibe 404,
    como si no existiera.
    """
    solicitud = get_object_or_404(Solicitud.objects.select_related("tramite"), pk=pk)
    if not permisos.puede_ver(request.user, solicitud):
        raise Http404
    documento_expedido = get_object_or_404(
        DocumentoExpedido, pk=documento_pk, solicitud=solicitud
    )
    if not documento_expedido.archivo:
        documentos.generar_pdf(documento_id=documento_expedido.pk)
        documento_expedido.refresh_from_db()
    DescargaArchivo.objects.create(
        solicitud=solicitud,
        archivo=documento_expedido.tipo.lower()[:40],
        usuario=request.user,
        ip=request.META.get("REMOTE_ADDR"),
    )
    return servir_archivo(documento_expedido.archivo, documento_expedido.nombre_archivo)


def pagina_de_verificacion(request, codigo: str):
    """La página de /verificar/<código>/ para un documento expedido, o None si
    el código no es de ninguno (la vista pública sigue con las solicitudes)."""
    from django.shortcuts import render

    from tramites.services.verificacion import verificar_documento

    verificacion = verificar_documento(codigo)
    if verificacion is None:
        return None
    return render(
        request, "tramites/verificar_documento.html", {"verificacion": verificacion}
    )
