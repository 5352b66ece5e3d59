"""La conversación en vivo del ciudadano: la caja de /asesoria/, la página de
su conversación y el sondeo de mensajes nuevos (JSON).

La conversación se busca entre las del usuario: la de otro ciudadano da 404,
también en el sondeo. Sin JavaScript, la página funciona con el botón «Ver
mensajes nuevos», que la recarga.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from comunicaciones.excepciones import MensajeInvalido
from comunicaciones.forms.asesoria import MensajeConversacionForm
from comunicaciones.models import Conversacion
from comunicaciones.services import conversacion as servicio
from sanpedro_gel import limites, peticiones
from sanpedro_gel.formato import fecha_larga


def _propia(request, pk) -> Conversacion:
    return get_object_or_404(Conversacion, pk=pk, ciudadano=request.user)


def _permitido(request) -> bool:
    return limites.permitir(
        f"conversacion:cuenta:{request.user.pk}",
        maximo=servicio.MENSAJES_POR_CUENTA,
        ventana_segundos=servicio.VENTANA_MENSAJES,
    )


def _despues_de_escribir(request, escrito):
    if escrito.pregunta is not None:
        pregunta = escrito.pregunta
        messages.info(
            request,
            "En este momento no hay funcionarios en línea: radicamos su mensaje "
            f"como pregunta con el radicado {pregunta.radicado}. Le responderemos "
            f"a más tardar el {fecha_larga(pregunta.vence_el)} y le avisaremos por "
            "correo.",
        )
        return redirect("comunicaciones:pregunta", pk=pregunta.pk)
    return redirect("comunicaciones:conversacion", pk=escrito.conversacion.pk)


@login_required
@require_http_methods(["POST"])
def conversar(request):
    """La caja «Hablar ahora con un funcionario» de /asesoria/."""
    formulario = MensajeConversacionForm(request.POST)
    if not formulario.is_valid():
        for error in formulario.errors.get("texto", []):
            messages.error(request, error)
        return redirect("/asesoria/#conversar")
    if not _permitido(request):
        return render(request, "429.html", status=429)
    try:
        escrito = servicio.escribir(ciudadano=request.user, **formulario.cleaned_data)
    except MensajeInvalido as error:
        messages.error(request, str(error))
        return redirect("/asesoria/#conversar")
    return _despues_de_escribir(request, escrito)


@login_required
@require_http_methods(["GET", "POST"])
def conversacion(request, pk):
    conversacion = _propia(request, pk)
    formulario = MensajeConversacionForm(request.POST or None)
    if request.method == "POST" and formulario.is_valid():
        if not _permitido(request):
            return render(request, "429.html", status=429)
        try:
            escrito = servicio.escribir(
                ciudadano=request.user, **formulario.cleaned_data
            )
        except MensajeInvalido as error:
            formulario.add_error("texto", str(error))
        else:
            return _despues_de_escribir(request, escrito)
    mensajes = servicio.mensajes_despues(conversacion=conversacion)
    return render(
        request,
        "comunicaciones/conversacion_detail.html",
        {
            "conversacion": conversacion,
            "mensajes": mensajes,
            "ultimo": mensajes[-1].pk if mensajes else 0,
            "formulario": formulario,
            "atiende_ahora": servicio.atiende_ahora(),
        },
    )


@login_required
@require_GET
def mensajes(request, pk):
    """El sondeo: los mensajes de su conversación después de `despues`."""
    conversacion = _propia(request, pk)
    despues = peticiones.id_de(request.GET.get("despues", "")) or 0
    return JsonResponse(
        {
            "mensajes": [
                servicio.como_dict(m)
                for m in servicio.mensajes_despues(
                    conversacion=conversacion, despues=despues
                )
            ],
            "abierta": conversacion.abierta,
        },
        headers={"Cache-Control": "no-store"},
    )
