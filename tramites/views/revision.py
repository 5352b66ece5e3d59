"""Lo que el ciudadano hace mientras su solicitud está en revisión: completar lo
que se le pidió (subsanación), pedir un mes más, y calificar el trámite tras la
decisión."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import BaseFormSet
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sanpedro_gel.excepciones import ConflictoDeEstado, TransicionInvalida
from tramites.excepciones import ArchivoRechazado
from tramites.forms import CalificacionForm, RespuestaSubsanacionForm
from tramites.models import Calificacion, Estado, Solicitud
from tramites.pasos import definicion_de
from tramites.selectores import subsanacion_pendiente
from tramites.services import subsanacion as servicio
from tramites.services.calificaciones import calificar as guardar_calificacion


def _de(request, pk) -> Solicitud:
    # Un ciudadano nunca ve la solicitud de otro: 404, como si no existiera.
    return get_object_or_404(
        Solicitud.objects.select_related("tramite"), pk=pk, solicitante=request.user
    )


def _formularios_de_pasos(solicitud, items, data=None, files=None) -> dict:
    """El formulario de cada paso pedido, con lo guardado de inicial y un prefijo
    propio para que dos pasos con campos del mismo nombre no se pisen."""
    definicion = definicion_de(solicitud.tramite.tipo)
    contexto = definicion.contexto(solicitud)
    formularios = {}
    for item in items:
        if item.es_documento:
            continue
        formulario = definicion.formulario(
            item.paso, solicitud, data, files, contexto=contexto
        )
        if not isinstance(formulario, BaseFormSet):
            # Un formset ya lleva la clave del paso como prefijo.
            formulario.prefix = f"paso-{item.paso}"
        formularios[item.pk] = formulario
    return formularios


@login_required
def subsanar(request, pk):
    solicitud = _de(request, pk)
    pendiente = (
        subsanacion_pendiente(solicitud)
        if solicitud.estado == Estado.REQUIERE_SUBSANACION
        else None
    )
    if pendiente is None:
        messages.info(request, "Esta solicitud no tiene nada pendiente por completar.")
        return redirect(solicitud.get_absolute_url())
    items = list(pendiente.items.all())
    datos = request.POST if request.method == "POST" else None
    archivos = request.FILES if request.method == "POST" else None
    formulario = RespuestaSubsanacionForm(
        datos, archivos, items=items, solicitud=solicitud
    )
    pasos = _formularios_de_pasos(solicitud, items, datos, archivos)
    if request.method == "POST":
        # Se validan todos (sin cortocircuito) para mostrar todos los errores.
        invalidos = [p for p in pasos.values() if not p.is_valid()]
        if formulario.is_valid() and not invalidos:
            try:
                servicio.responder_subsanacion(
                    solicitud_id=solicitud.pk,
                    actor=request.user,
                    archivos=formulario.archivos_por_item(),
                    formularios=pasos,
                    comentario=formulario.cleaned_data["comentario"],
                )
            except (ConflictoDeEstado, TransicionInvalida, ArchivoRechazado) as error:
                formulario.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    "Recibimos su respuesta. Su solicitud volvió a revisión y el "
                    "término para responderle se reanudó.",
                )
                return redirect(solicitud.get_absolute_url())
    return render(
        request,
        "tramites/subsanacion_form.html",
        {
            "solicitud": solicitud,
            "subsanacion": pendiente,
            "formulario": formulario,
            "items": [
                {
                    "item": item,
                    "campo": formulario[f"item_{item.pk}"]
                    if item.es_documento
                    else None,
                    "paso": pasos.get(item.pk),
                }
                for item in items
            ],
            "pasos": list(pasos.values()),
            "hay_errores": bool(formulario.errors)
            or any(p.errors for p in pasos.values()),
        },
    )


@require_POST
@login_required
def ampliar_plazo(request, pk):
    solicitud = _de(request, pk)
    try:
        subsanacion = servicio.pedir_ampliacion(
            solicitud_id=solicitud.pk, actor=request.user
        )
    except (ConflictoDeEstado, TransicionInvalida) as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            "Le concedimos un mes más: ahora tiene hasta el "
            f"{subsanacion.plazo_hasta:%d/%m/%Y} para completar su solicitud.",
        )
    return redirect("tramites:subsanar", pk=solicitud.pk)


@login_required
def calificar(request, pk):
    solicitud = _de(request, pk)
    if solicitud.estado not in (Estado.APROBADO, Estado.RECHAZADO, Estado.DESISTIDO):
        messages.info(request, "Podrá calificar el trámite cuando se decida.")
        return redirect(solicitud.get_absolute_url())
    if Calificacion.objects.filter(solicitud=solicitud).exists():
        messages.info(request, "Ya calificó este trámite. ¡Gracias por su opinión!")
        return redirect(solicitud.get_absolute_url())
    formulario = CalificacionForm(request.POST or None)
    if request.method == "POST" and formulario.is_valid():
        guardar_calificacion(
            solicitud_id=solicitud.pk,
            actor=request.user,
            puntaje=formulario.cleaned_data["puntaje"],
            comentario=formulario.cleaned_data["comentario"],
        )
        messages.success(request, "¡Gracias! Su calificación nos ayuda a mejorar.")
        return redirect(solicitud.get_absolute_url())
    return render(
        request,
        "tramites/calificacion_form.html",
        {"solicitud": solicitud, "form": formulario},
    )
