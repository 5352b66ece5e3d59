"""Páginas públicas del plan: portada, noticias, suscripción, baja y afiches."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from comunicaciones.forms import SuscripcionForm
from comunicaciones.models import Canal, OrigenBaja, Pieza, TextoConsentimiento
from comunicaciones.services import audiencias, datos_abiertos_asesoria
from comunicaciones.services.afiches import TAMANOS, afiche_pdf
from comunicaciones.views.archivos import entregar_archivo
from comunicaciones.views.intranet import puede_ver_intranet
from sanpedro_gel.excepciones import EnlaceInvalido
from sanpedro_gel.paginas import pagina_publica
from tramites.models import Tramite


@require_safe
@pagina_publica(ventanas=("piezas",))
def inicio(request):
    """Portada: banners vigentes, tarjetas de los trámites y últimas noticias."""
    return render(
        request,
        "inicio.html",
        {
            "banners": list(
                Pieza.objects.banners_vigentes()
                .select_related("campana")
                .prefetch_related("campana__tramites")
                .order_by("-programada_para")[:3]
            ),
            "tramites": list(Tramite.objects.filter(activo=True)),
            "noticias": list(
                Pieza.objects.noticias_publicadas().order_by("-programada_para")[:3]
            ),
        },
    )


@require_safe
@pagina_publica(ventanas=("piezas",))
def noticias(request):
    pagina = Paginator(
        Pieza.objects.noticias_publicadas().order_by("-programada_para", "-pk"), 10
    ).get_page(request.GET.get("pagina"))
    return render(
        request,
        "comunicaciones/noticia_list.html",
        {"pagina": pagina, "noticias": pagina.object_list},
    )


@require_safe
@pagina_publica(ventanas=("piezas",))
def noticia(request, pk, slug):
    pieza = get_object_or_404(Pieza.objects.noticias_publicadas(), pk=pk)
    if slug != pieza.slug:
        return redirect(pieza, permanent=True)
    return render(request, "comunicaciones/noticia_detail.html", {"noticia": pieza})


@require_http_methods(["GET", "POST"])
def suscribirse(request):
    consentimiento = TextoConsentimiento.vigente()
    form = SuscripcionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and consentimiento is not None and form.is_valid():
        audiencias.suscribir(consentimiento=consentimiento, **_sin("acepto", form))
        return redirect("comunicaciones:suscripcion_enviada")
    return render(
        request,
        "comunicaciones/suscripcion_form.html",
        {"form": form, "consentimiento": consentimiento},
    )


def _sin(campo, form):
    return {k: v for k, v in form.cleaned_data.items() if k != campo}


@require_safe
def suscripcion_enviada(request):
    return render(request, "comunicaciones/suscripcion_enviada.html")


@require_http_methods(["GET", "POST"])
def confirmar_suscripcion(request, token):
    """GET muestra el botón; POST confirma. Así un antivirus que abre los enlaces
    del correo no suscribe a nadie por su cuenta."""
    try:
        suscriptor = audiencias.suscriptor_del_token(token)
        if request.method == "POST":
            suscriptor = audiencias.confirmar_suscripcion(token=token)
            return render(
                request,
                "comunicaciones/suscripcion_confirmada.html",
                {"suscriptor": suscriptor},
            )
    except EnlaceInvalido as error:
        return render(
            request,
            "comunicaciones/enlace_invalido.html",
            {"mensaje": str(error)},
            status=400,
        )
    return render(
        request,
        "comunicaciones/suscripcion_confirmar.html",
        {"suscriptor": suscriptor},
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def baja(request, token):
    """Baja de correos masivos con el enlace firmado de cada correo.

    GET muestra un solo botón; POST da de baja. El POST «List-Unsubscribe=One-Click»
    de los programas de correo (RFC 8058) llega sin token CSRF: el enlace
    firmado es la autorización, por eso la vista está exenta.
    """
    try:
        correo, pieza_id = audiencias.leer_token_baja(token)
    except EnlaceInvalido as error:
        return render(
            request,
            "comunicaciones/enlace_invalido.html",
            {"mensaje": str(error)},
            status=400,
        )
    if request.method == "POST":
        un_clic = request.POST.get("List-Unsubscribe") == "One-Click"
        audiencias.dar_de_baja(
            correo=correo,
            origen=OrigenBaja.UN_CLIC if un_clic else OrigenBaja.ENLACE,
            pieza_id=pieza_id,
        )
        if un_clic:
            return HttpResponse("Baja registrada.", content_type="text/plain")
        return render(request, "comunicaciones/baja_hecha.html", {"correo": correo})
    return render(request, "comunicaciones/baja_confirmar.html", {"correo": correo})


@require_safe
def afiche(request, slug, tamano):
    if tamano not in TAMANOS:
        raise Http404("Tamaño de afiche desconocido.")
    tramite = get_object_or_404(Tramite, slug=slug, activo=True)
    contenido = afiche_pdf(tramite=tramite, tamano=tamano)
    respuesta = HttpResponse(contenido, content_type="application/pdf")
    respuesta["Content-Disposition"] = (
        f'inline; filename="afiche-{tramite.slug}-{tamano}.pdf"'
    )
    return respuesta


@require_safe
def adjunto_pieza(request, pk):
    """Adjunto de una noticia publicada (público) o de un aviso de intranet
    (solo personal). Las demás piezas no publican adjuntos."""
    pieza = get_object_or_404(
        Pieza.objects.visibles().filter(canal__in=[Canal.NOTICIA, Canal.INTRANET]),
        pk=pk,
    )
    if not pieza.adjunto:
        raise Http404
    if pieza.canal == Canal.INTRANET and not puede_ver_intranet(request.user):
        messages.info(request, "Ingrese con su cuenta de la Alcaldía.")
        return redirect(f"{reverse('account_login')}?next={request.path}")
    return entregar_archivo(request, pieza.adjunto, f"adjunto-{pieza.slug}")


@require_safe
def datos_abiertos_asesoria_csv(request):
    """El CSV de la asesoría, enlazado desde /transparencia/datos-abiertos/."""
    respuesta = HttpResponse(
        datos_abiertos_asesoria.csv(), content_type="text/csv; charset=utf-8"
    )
    respuesta["Content-Disposition"] = (
        f'attachment; filename="{datos_abiertos_asesoria.ARCHIVO}"'
    )
    return respuesta
