"""La intranet del personal: avisos, la carta del alcalde y las tareas de difusión."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from comunicaciones import estados
from comunicaciones.excepciones import TareaNoCerrable
from comunicaciones.forms import CierreTareaForm
from comunicaciones.models import Canal, EstadoTarea, Funcionario, Pieza, TareaDifusion
from comunicaciones.services.audiencias import incluye_al_funcionario
from comunicaciones.services.mensajes import Persona, renderizar_carta
from comunicaciones.services.tareas import (
    Evidencia,
    puede_cerrar,
)
from comunicaciones.services.tareas import (
    cerrar_tarea as cerrar,
)
from comunicaciones.views.archivos import entregar_archivo


def funcionario_de(usuario) -> Funcionario | None:
    if not usuario.is_authenticated:
        return None
    return (
        Funcionario.objects.activos()
        .select_related("dependencia", "usuario")
        .prefetch_related("usuario__groups")
        .filter(usuario=usuario)
        .first()
    )


def puede_ver_intranet(usuario) -> bool:
    """Servidores públicos activos del directorio, y el personal del admin."""
    if not (usuario.is_authenticated and usuario.is_active):
        return False
    return usuario.is_staff or funcionario_de(usuario) is not None


def _exigir_intranet(request):
    if not puede_ver_intranet(request.user):
        raise PermissionDenied("La intranet es solo para los servidores públicos.")
    return funcionario_de(request.user)


def _para(piezas, funcionario):
    """Las piezas cuya audiencia incluye al funcionario (el personal del admin
    sin ficha en el directorio las ve todas)."""
    if funcionario is None:
        return list(piezas)
    return [p for p in piezas if incluye_al_funcionario(p, funcionario)]


@login_required
@require_safe
def inicio(request):
    funcionario = _exigir_intranet(request)
    avisos = _para(
        Pieza.objects.avisos_de_intranet()
        .prefetch_related("dependencias", "roles")
        .order_by("-programada_para"),
        funcionario,
    )
    cartas = _para(
        Pieza.objects.filter(
            canal=Canal.CARTA_ALCALDE,
            estado__in=[estados.EN_CURSO, estados.ENVIADA],
        )
        .prefetch_related("dependencias", "roles")
        .order_by("-programada_para"),
        funcionario,
    )
    tareas = (
        TareaDifusion.objects.pendientes()
        .filter(responsable=request.user)
        .select_related("pieza__campana")
    )
    return render(
        request,
        "comunicaciones/intranet.html",
        {
            "funcionario": funcionario,
            "avisos": avisos,
            "cartas": cartas if funcionario else [],
            "tareas": list(tareas),
            "ve_plan": request.user.has_perm("comunicaciones.ver_plan"),
        },
    )


@login_required
@require_safe
def carta(request, pk):
    """La carta del alcalde del funcionario que la pide, en PDF."""
    funcionario = _exigir_intranet(request)
    pieza = get_object_or_404(
        Pieza.objects.select_related("firma").prefetch_related("dependencias", "roles"),
        pk=pk,
        canal=Canal.CARTA_ALCALDE,
        estado__in=[estados.EN_CURSO, estados.ENVIADA],
    )
    if funcionario is None or not incluye_al_funcionario(pieza, funcionario):
        raise Http404("Esta carta no está dirigida a usted.")
    contenido = renderizar_carta(pieza, Persona.de_funcionario(funcionario))
    respuesta = HttpResponse(contenido, content_type="application/pdf")
    respuesta["Content-Disposition"] = 'inline; filename="carta-del-alcalde.pdf"'
    return respuesta


@login_required
@require_safe
def tareas(request):
    _exigir_intranet(request)
    gestiona = request.user.has_perm("comunicaciones.change_tareadifusion")
    consulta = TareaDifusion.objects.select_related("pieza__campana", "responsable")
    if not gestiona:
        consulta = consulta.filter(responsable=request.user)
    return render(
        request,
        "comunicaciones/tarea_list.html",
        {
            "pendientes": list(consulta.pendientes().order_by("vence_en")),
            "cumplidas": list(
                consulta.filter(estado=EstadoTarea.CUMPLIDA).order_by("-cerrada_en")[
                    :20
                ]
            ),
            "gestiona": gestiona,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cerrar_tarea(request, pk):
    _exigir_intranet(request)
    tarea = get_object_or_404(
        TareaDifusion.objects.select_related("pieza__campana", "responsable"), pk=pk
    )
    if not puede_cerrar(request.user, tarea):
        raise PermissionDenied("Solo el responsable o el Líder GEL cierran esta tarea.")
    if tarea.estado != EstadoTarea.PENDIENTE:
        messages.info(request, "Esta tarea ya está cerrada.")
        return redirect("comunicaciones:tareas")
    form = CierreTareaForm(
        *((request.POST, request.FILES) if request.method == "POST" else ())
    )
    if request.method == "POST" and form.is_valid():
        datos = form.cleaned_data
        try:
            cerrar(
                tarea_id=tarea.pk,
                usuario=request.user,
                evidencia=Evidencia(
                    realizada_el=datos["realizada_el"],
                    archivo=datos.get("evidencia_archivo"),
                    enlace=datos.get("evidencia_enlace", ""),
                    observaciones=datos.get("observaciones", ""),
                ),
            )
        except TareaNoCerrable as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Tarea cumplida: «{tarea.pieza.titulo}».")
            return redirect("comunicaciones:tareas")
    return render(
        request,
        "comunicaciones/tarea_cerrar.html",
        {"tarea": tarea, "pieza": tarea.pieza, "form": form},
    )


@login_required
@require_safe
def evidencia(request, pk):
    _exigir_intranet(request)
    tarea = get_object_or_404(TareaDifusion, pk=pk)
    if not (
        tarea.responsable_id == request.user.pk
        or request.user.has_perm("comunicaciones.view_tareadifusion")
    ):
        raise PermissionDenied
    return entregar_archivo(request, tarea.evidencia_archivo, f"evidencia-{tarea.pk}")
