"""Descarga de los documentos expedidos."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from tramites import permisos
from tramites.models import DocumentoExpedido, Solicitud
from tramites.services import documentos
from tramites.views.archivos import responder_archivo_privado


@never_cache
@require_safe
@login_required
def documento(request, pk, documento_pk):
    """El PDF de un documento expedido, para su dueño o un funcionario que lo ve.

    Cada descarga queda registrada. Quien no puede ver la solicitud recibe 404,
    como si no existiera.
    """
    solicitud = get_object_or_404(Solicitud.objects.select_related("tramite"), pk=pk)
    if not permisos.puede_ver(request.user, solicitud):
        raise Http404
    expedido = get_object_or_404(
        DocumentoExpedido, pk=documento_pk, solicitud=solicitud
    )
    if not expedido.archivo:
        # El aviso aún no salió (o el broker está caído): se dibuja aquí; el
        # servicio es idempotente y no bloquea el documento.
        documentos.generar_pdf(documento_id=expedido.pk)
        expedido.refresh_from_db(fields=["archivo"])
    return responder_archivo_privado(
        request,
        solicitud=solicitud,
        archivo=expedido.archivo,
        tipo=expedido.tipo.lower()[:40],
        nombre_descarga=expedido.nombre_archivo,
    )
