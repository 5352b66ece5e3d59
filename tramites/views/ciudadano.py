"""«Mis trámites»: los borradores y solicitudes del ciudadano, y su detalle.

Toda URL con un id busca la solicitud entre las del usuario: la de otro
ciudadano da 404, igual que una que no existe.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from tramites.models import Adjunto, Estado, Solicitud
from tramites.pasos import definicion_de
from tramites.pasos.base import PASO_REVISION
from tramites.selectores import solicitud_con_historial, solicitudes_de
from tramites.services.borradores import descartar_borrador
from tramites.views.formulario import url_de_paso


@login_required
def mis_tramites(request):
    solicitudes = solicitudes_de(request.user)
    borradores = [s for s in solicitudes if s.estado == Estado.BORRADOR]
    radicadas = sorted(
        (s for s in solicitudes if s.estado != Estado.BORRADOR),
        key=lambda s: s.radicado_en,
        reverse=True,
    )
    # Cada borrador con el enlace al paso donde quedó.
    borradores = [
        (b, url_de_paso(b, b.paso_actual or _primer_paso(b.tramite_tipo)))
        for b in borradores
    ]
    return render(
        request,
        "tramites/solicitud_list.html",
        {"borradores": borradores, "radicadas": radicadas},
    )


def _primer_paso(tipo):
    return definicion_de(tipo).pasos[0].clave


@login_required
def solicitud(request, pk):
    solicitud = get_object_or_404(
        solicitud_con_historial(Solicitud.objects.all()),
        pk=pk,
        solicitante=request.user,
    )
    if solicitud.estado == Estado.BORRADOR:
        definicion = definicion_de(solicitud.tramite.tipo)
        clave = solicitud.paso_actual or definicion.pasos[0].clave
        return redirect(url_de_paso(solicitud, clave))
    definicion = definicion_de(solicitud.tramite.tipo)
    adjuntos = list(
        Adjunto.objects.filter(solicitud=solicitud, vigente=True).select_related(
            "requisito"
        )
    )
    return render(
        request,
        "tramites/solicitud_detail.html",
        {
            "solicitud": solicitud,
            "historial": solicitud.historial_publico,
            "adjuntos": adjuntos,
            "resumen": definicion.resumen(solicitud),
        },
    )


@login_required
def confirmacion(request, pk):
    solicitud = get_object_or_404(
        Solicitud.objects.select_related("tramite"), pk=pk, solicitante=request.user
    )
    if solicitud.estado == Estado.BORRADOR:
        return redirect(url_de_paso(solicitud, PASO_REVISION))
    return render(request, "tramites/confirmacion.html", {"solicitud": solicitud})


@login_required
@require_http_methods(["GET", "POST"])
def descartar(request, pk):
    solicitud = get_object_or_404(
        Solicitud.objects.select_related("tramite"), pk=pk, solicitante=request.user
    )
    if solicitud.estado != Estado.BORRADOR:
        return redirect("tramites:solicitud", pk=solicitud.pk)
    if request.method == "POST":
        descartar_borrador(solicitud=solicitud)
        messages.success(request, f"Descartamos el borrador de «{solicitud.tramite}».")
        return redirect("tramites:mis_tramites")
    return render(request, "tramites/descartar.html", {"solicitud": solicitud})
