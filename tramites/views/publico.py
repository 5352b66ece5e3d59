"""Páginas públicas: lista de trámites, fichas SUIT y consulta por radicado."""

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from sanpedro_gel import limites
from sanpedro_gel.paginas import pagina_publica
from sanpedro_gel.peticiones import ip_del_cliente
from tramites.forms import ConsultaForm
from tramites.models import Requisito
from tramites.selectores import (
    consultar_estado,
    historial_publico,
    normalizar_radicado,
    tramites_activos,
)
from tramites.services import datos_abiertos as datos_abiertos_de_tramites
from tramites.services.adopcion import nombre_del_mes

NO_ENCONTRADA = (
    "No encontramos una solicitud con ese radicado y ese número de documento o "
    "código. Revise los dos datos: el radicado está en la constancia y en el correo "
    "que recibió al radicar (por ejemplo ICA-2026-000123)."
)


@pagina_publica
def lista(request):
    return render(
        request, "tramites/tramite_list.html", {"tramites": list(tramites_activos())}
    )


@pagina_publica
def ficha(request, slug):
    tramite = get_object_or_404(
        tramites_activos().prefetch_related(
            "normas",
            Prefetch(
                "requisitos",
                queryset=Requisito.objects.filter(activo=True).order_by("orden", "pk"),
            ),
        ),
        slug=slug,
    )
    requisitos = list(tramite.requisitos.all())
    return render(
        request,
        "tramites/tramite_detail.html",
        {
            "tramite": tramite,
            "requisitos_generales": [r for r in requisitos if r.condicion == "SIEMPRE"],
            "requisitos_condicionales": [
                r for r in requisitos if r.condicion != "SIEMPRE"
            ],
        },
    )


def _clave_ip(request) -> str:
    return f"consulta:fallidas:{ip_del_cliente(request)}"


def _demasiadas(formulario) -> int:
    minutos = max(settings.CONSULTA_VENTANA_SEGUNDOS // 60, 1)
    formulario.add_error(
        None,
        f"Hizo muchas consultas seguidas. Por seguridad, espere {minutos} "
        "minutos y vuelva a intentarlo.",
    )
    return 429


@never_cache
@require_http_methods(["GET", "POST"])
@pagina_publica
def consulta(request):
    """Estado de una solicitud con radicado + documento (o código), sin ingresar.

    Un radicado que no existe y una combinación equivocada reciben la misma
    respuesta. Dos límites contra quien adivina, ninguno contra quien acierta:
    las consultas fallidas por IP (un café internet, un colegio o la ventanilla
    comparten una IP, y cada quien consulta su propio radicado) y todas las
    consultas de un mismo radicado, vengan de donde vengan (quien prueba
    documentos contra un radicado desde muchas IP).
    """
    formulario = ConsultaForm(request.POST or None)
    solicitud, estado_http = None, 200
    ventana = settings.CONSULTA_VENTANA_SEGUNDOS
    if request.method == "POST" and formulario.is_valid():
        radicado = normalizar_radicado(formulario.cleaned_data["radicado"])
        # Primero la IP (sin contar): una IP bloqueada no gasta los intentos
        # del radicado de otra persona.
        bloqueada = limites.agotado(
            _clave_ip(request), maximo=settings.CONSULTA_MAX_INTENTOS
        ) or not limites.permitir(
            f"consulta:radicado:{radicado}",
            maximo=settings.CONSULTA_MAX_POR_RADICADO,
            ventana_segundos=ventana,
        )
        if bloqueada:
            estado_http = _demasiadas(formulario)
        else:
            solicitud = consultar_estado(
                radicado=radicado, dato=formulario.cleaned_data["dato"]
            )
            if solicitud is None:
                limites.contar(_clave_ip(request), ventana_segundos=ventana)
                formulario.add_error(None, NO_ENCONTRADA)
    return render(
        request,
        "tramites/consulta.html",
        {
            "formulario": formulario,
            "solicitud": solicitud,
            "historial": historial_publico(solicitud) if solicitud else [],
            "hay_errores": formulario.is_bound and bool(formulario.errors),
        },
        status=estado_http,
    )


def datos_abiertos(request):
    """Los conjuntos de datos abiertos con su diccionario de datos."""
    periodo = datos_abiertos_de_tramites.periodo()
    return render(
        request,
        "tramites/datos_abiertos.html",
        {
            "conjuntos": datos_abiertos_de_tramites.CONJUNTOS,
            "periodo": [nombre_del_mes(m) for m in periodo] if periodo else None,
            "minimo": datos_abiertos_de_tramites.MINIMO,
        },
    )


def datos_abiertos_csv(request, slug):
    conjunto = datos_abiertos_de_tramites.POR_SLUG.get(slug)
    if conjunto is None:
        raise Http404
    respuesta = HttpResponse(
        datos_abiertos_de_tramites.csv(conjunto), content_type="text/csv; charset=utf-8"
    )
    respuesta["Content-Disposition"] = f'attachment; filename="{conjunto.archivo}"'
    return respuesta
