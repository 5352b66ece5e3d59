"""La encuesta de comunicaciones: la lista pública, la página de una encuesta
externa y el enlace personal de la interna. Todas responden con el mismo
formulario y el mismo servicio."""

from datetime import timedelta

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from comunicaciones.forms.encuestas import RespuestaEncuestaForm, origen_valido
from comunicaciones.models import Audiencia, Encuesta
from comunicaciones.services import encuestas as servicio
from sanpedro_gel import limites
from sanpedro_gel.excepciones import EnlaceInvalido, ErrorDelPortal
from sanpedro_gel.paginas import pagina_publica
from sanpedro_gel.peticiones import ip_del_cliente


@require_safe
@pagina_publica(ventanas=("encuestas",))
def lista(request):
    return render(
        request,
        "comunicaciones/encuesta_list.html",
        {"encuestas": list(Encuesta.objects.externas_abiertas().order_by("cierra_en"))},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def externa(request, slug):
    encuesta = get_object_or_404(Encuesta, slug=slug, audiencia=Audiencia.EXTERNA)
    return _responder(request, encuesta, funcionario=None)


@never_cache
@require_http_methods(["GET", "POST"])
def personal(request, token):
    try:
        encuesta, funcionario = servicio.leer_token(token)
    except EnlaceInvalido as error:
        return render(
            request,
            "comunicaciones/enlace_invalido.html",
            {"mensaje": str(error)},
            status=400,
        )
    return _responder(request, encuesta, funcionario=funcionario)


def _responder(request, encuesta, funcionario):
    cookie = servicio.nombre_de_cookie(encuesta, funcionario)
    secreto = request.COOKIES.get(cookie, "")
    previa = servicio.respuesta_previa(
        encuesta=encuesta, funcionario=funcionario, secreto=secreto
    )
    contexto = {
        "encuesta": encuesta,
        "funcionario": funcionario,
        "abierta": encuesta.abierta(),
        "aun_no_abre": timezone.now() < encuesta.abre_en,
        "previa": previa,
        "resumen": servicio.resumen_de(previa) if previa else [],
        "enviada": request.GET.get("enviada") == "1" and previa is not None,
        "ya_respondio_en_otro_navegador": (
            previa is None
            and funcionario is not None
            and servicio.ya_participo(encuesta=encuesta, funcionario=funcionario)
        ),
    }
    # Con una respuesta ya enviada se muestra lo respondido; el formulario,
    # solo al pedir «Cambiar mis respuestas» (o al corregir un envío).
    mostrar_formulario = (
        contexto["abierta"]
        and not contexto["ya_respondio_en_otro_navegador"]
        and (previa is None or request.GET.get("cambiar") or request.method == "POST")
    )
    estado_http = 200
    form = None
    if mostrar_formulario:
        form = RespuestaEncuestaForm(
            request.POST if request.method == "POST" else None,
            encuesta=encuesta,
            iniciales=servicio.valores_de(previa),
            previa=previa,
            initial={"origen": origen_valido(request.GET.get("origen", ""))},
        )
        if request.method == "POST" and form.is_valid():
            if funcionario is None and not _dentro_del_limite(request, encuesta):
                minutos = settings.ENCUESTA_VENTANA_SEGUNDOS // 60
                form.add_error(
                    None,
                    "Desde esta conexión se enviaron muchas respuestas seguidas. "
                    f"Espere {minutos} minutos y vuelva a enviar la suya.",
                )
                estado_http = 429
            else:
                try:
                    enviada = servicio.responder(
                        encuesta_id=encuesta.pk,
                        valores=form.valores(),
                        funcionario_id=funcionario.pk if funcionario else None,
                        secreto=secreto,
                        zona=form.cleaned_data.get("zona", ""),
                        rango_edad=form.cleaned_data.get("rango_edad", ""),
                        origen=form.cleaned_data.get("origen", ""),
                    )
                except ErrorDelPortal as error:
                    form.add_error(None, str(error))
                else:
                    respuesta = redirect(f"{request.path}?enviada=1")
                    if enviada.secreto:
                        _guardar_secreto(
                            respuesta, request, cookie, enviada.secreto, encuesta
                        )
                    return respuesta
    contexto["form"] = form
    return render(
        request, "comunicaciones/encuesta_form.html", contexto, status=estado_http
    )


def _dentro_del_limite(request, encuesta) -> bool:
    return limites.permitir(
        f"encuesta:{encuesta.pk}:{ip_del_cliente(request)}",
        maximo=settings.ENCUESTA_RESPUESTAS_POR_IP,
        ventana_segundos=settings.ENCUESTA_VENTANA_SEGUNDOS,
    )


def _guardar_secreto(respuesta, request, cookie, secreto, encuesta):
    # Vive hasta unos días después del cierre: después ya no hay nada que cambiar.
    segundos = (encuesta.cierra_en + timedelta(days=7) - timezone.now()).total_seconds()
    respuesta.set_cookie(
        cookie,
        secreto,
        max_age=max(int(segundos), 60),
        path="/encuestas/",
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
