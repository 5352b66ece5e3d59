"""/asesoria/: preguntar a la Alcaldía, las preguntas frecuentes y los horarios
de atención; y «Mis preguntas», el hilo de cada una con su respuesta en PDF.

Toda URL con un id busca la pregunta entre las del usuario: la de otro
ciudadano da 404, igual que una que no existe.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from comunicaciones.forms.asesoria import (
    BuscarFrecuentesForm,
    MensajeConversacionForm,
    PreguntaForm,
    ReplicaForm,
)
from comunicaciones.models import (
    Conversacion,
    EstadoConversacion,
    HorarioAsesoria,
    MensajeAsesoria,
    Modalidad,
    PreguntaCiudadana,
    PreguntaFrecuente,
)
from comunicaciones.services import asesoria
from comunicaciones.services import conversacion as conversaciones
from sanpedro_gel import limites, peticiones
from sanpedro_gel.excepciones import ConflictoDeEstado
from sanpedro_gel.paginas import pagina_publica
from sanpedro_gel.pdf import render_pdf
from sanpedro_gel.verificacion import url_de_verificacion
from tramites.models import Solicitud
from tramites.selectores import tramites_activos

PREGUNTAS_POR_CUENTA = 5
PREGUNTAS_POR_IP = 20
VENTANA = 60 * 60


def frecuentes(termino: str = "", tramite=None):
    consulta = PreguntaFrecuente.objects.filter(publicada=True).select_related(
        "tramite"
    )
    if tramite is not None:
        consulta = consulta.filter(tramite=tramite)
    for palabra in asesoria.sin_tildes(termino).split()[:8]:
        consulta = consulta.filter(texto_busqueda__contains=palabra)
    return consulta.order_by("tramite__orden", "orden", "pregunta")


def _agrupadas(preguntas) -> list[tuple[str, list]]:
    grupos: dict[str, list] = {}
    for frecuente in preguntas:
        titulo = frecuente.tramite.nombre if frecuente.tramite else "Otras preguntas"
        grupos.setdefault(titulo, []).append(frecuente)
    return list(grupos.items())


@pagina_publica(ventanas=("jornadas", "conversacion"))
def inicio(request):
    buscar = BuscarFrecuentesForm(request.GET or None)
    termino = buscar.cleaned_data["q"] if buscar.is_valid() else ""
    horarios = list(HorarioAsesoria.objects.filter(activo=True))
    abierta = None
    if request.user.is_authenticated:
        abierta = Conversacion.objects.filter(
            ciudadano=request.user, estado=EstadoConversacion.ABIERTA
        ).first()
    return render(
        request,
        "comunicaciones/asesoria.html",
        {
            "buscar": buscar,
            "termino": termino,
            "grupos": _agrupadas(frecuentes(termino)),
            "presencial": [h for h in horarios if h.modalidad == Modalidad.PRESENCIAL],
            "en_linea": [h for h in horarios if h.modalidad == Modalidad.EN_LINEA],
            "sesiones": asesoria.sesiones_proximas(),
            "votadas": set(request.session.get("faq_votadas", [])),
            "atiende_ahora": conversaciones.atiende_ahora(),
            "conversacion_abierta": abierta,
            "mensaje_form": MensajeConversacionForm(),
        },
    )


@require_POST
def votar(request, pk):
    frecuente = get_object_or_404(PreguntaFrecuente, pk=pk, publicada=True)
    votadas = request.session.get("faq_votadas", [])
    if pk not in votadas:
        asesoria.votar(frecuente_id=pk, le_sirvio=request.POST.get("sirvio") == "si")
        request.session["faq_votadas"] = [*votadas, pk][-200:]
    messages.success(request, "Gracias: su opinión nos ayuda a mejorar las respuestas.")
    return redirect(f"{request.POST.get('volver') or '/asesoria/'}#faq-{frecuente.pk}")


def _solicitud_propia(request):
    pk = peticiones.id_de(
        request.GET.get("solicitud", "") or request.POST.get("solicitud", "")
    )
    if not pk:
        return None
    return get_object_or_404(
        Solicitud.objects.select_related("tramite").exclude(radicado=""),
        pk=pk,
        solicitante=request.user,
    )


@login_required
@require_http_methods(["GET", "POST"])
def preguntar(request):
    solicitud = _solicitud_propia(request)
    tramite = solicitud.tramite if solicitud else None
    slug = peticiones.slug_de(request.GET.get("tramite") or request.POST.get("tramite"))
    if tramite is None and slug:
        tramite = tramites_activos().filter(slug=slug).first()
    formulario = PreguntaForm(
        request.POST or None, initial={"clase": asesoria.clase_por_defecto()}
    )
    if request.method == "POST" and formulario.is_valid():
        ip = peticiones.ip_del_cliente(request) or "?"
        if not (
            limites.permitir(
                f"asesoria:cuenta:{request.user.pk}",
                maximo=PREGUNTAS_POR_CUENTA,
                ventana_segundos=VENTANA,
            )
            and limites.permitir(
                f"asesoria:ip:{ip}", maximo=PREGUNTAS_POR_IP, ventana_segundos=VENTANA
            )
        ):
            return render(request, "429.html", status=429)
        pregunta = asesoria.preguntar(
            ciudadano=request.user,
            tramite=tramite,
            solicitud=solicitud,
            **formulario.cleaned_data,
        )
        messages.success(
            request,
            f"Recibimos su pregunta con el radicado {pregunta.radicado}. Le "
            "enviamos el acuse a su correo.",
        )
        return redirect("comunicaciones:pregunta", pk=pregunta.pk)
    return render(
        request,
        "comunicaciones/preguntar.html",
        {"formulario": formulario, "tramite": tramite, "solicitud": solicitud},
    )


@login_required
def mis_preguntas(request):
    preguntas = (
        PreguntaCiudadana.objects.filter(ciudadano=request.user)
        .select_related("tramite")
        .order_by("-recibida_en")
    )
    return render(
        request, "comunicaciones/mis_preguntas.html", {"preguntas": preguntas}
    )


def _propia(request, pk) -> PreguntaCiudadana:
    visibles = MensajeAsesoria.objects.filter(interno=False).select_related("autor")
    return get_object_or_404(
        PreguntaCiudadana.objects.select_related(
            "tramite", "solicitud"
        ).prefetch_related(Prefetch("mensajes", queryset=visibles, to_attr="hilo")),
        pk=pk,
        ciudadano=request.user,
    )


@login_required
@require_http_methods(["GET", "POST"])
def pregunta(request, pk):
    pregunta = _propia(request, pk)
    replica = ReplicaForm(
        request.POST if request.POST.get("accion") == "replicar" else None
    )
    if request.method == "POST":
        accion = request.POST.get("accion")
        try:
            if accion == "replicar" and replica.is_valid():
                asesoria.replicar(
                    pregunta_id=pk, ciudadano=request.user, **replica.cleaned_data
                )
                messages.success(
                    request, "Enviamos su respuesta; la pregunta volvió a estudio."
                )
                return redirect("comunicaciones:pregunta", pk=pk)
            if accion == "resuelta":
                asesoria.marcar_resuelta(pregunta_id=pk, ciudadano=request.user)
                messages.success(
                    request, "Gracias: marcamos su pregunta como resuelta."
                )
                return redirect("comunicaciones:pregunta", pk=pk)
            if accion == "reportar":
                mensaje = peticiones.id_de(request.POST.get("mensaje", ""))
                if mensaje and any(m.pk == mensaje for m in pregunta.hilo):
                    asesoria.reportar(mensaje_id=mensaje)
                    messages.info(
                        request, "Gracias: un funcionario revisará el mensaje."
                    )
                return redirect("comunicaciones:pregunta", pk=pk)
        except ConflictoDeEstado as error:
            messages.warning(request, str(error))
            return redirect("comunicaciones:pregunta", pk=pk)
    return render(
        request,
        "comunicaciones/pregunta_detail.html",
        {"pregunta": pregunta, "replica": replica},
    )


@login_required
def pregunta_pdf(request, pk):
    pregunta = _propia(request, pk)
    if not pregunta.codigo_verificacion:
        raise Http404
    respuesta = [m for m in pregunta.hilo if m.de_la_alcaldia]
    contenido = render_pdf(
        "comunicaciones/pdf/respuesta_pregunta.html",
        {
            "pregunta": pregunta,
            "respuestas": respuesta,
            "url_verificacion": url_de_verificacion(pregunta.codigo_verificacion),
        },
    )
    http = HttpResponse(contenido, content_type="application/pdf")
    http["Content-Disposition"] = (
        f'inline; filename="respuesta-{pregunta.radicado}.pdf"'
    )
    return http
