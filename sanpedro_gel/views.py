import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from sanpedro_gel import limites, verificacion
from sanpedro_gel.celery import app as celery_app
from sanpedro_gel.peticiones import ip_del_cliente

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def salud(request):
    """Estado de la base de datos y del broker, para el balanceador y el monitoreo.

    200 si la base de datos responde (el portal funciona aunque el broker esté
    caído: los efectos los retoma el barrido periódico); 503 si no responde.
    """
    estado = {"base_de_datos": "ok", "broker": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("La base de datos no responde")
        estado["base_de_datos"] = "error"

    if settings.CELERY_TASK_ALWAYS_EAGER:
        estado["broker"] = "en línea (sin broker)"
    else:
        try:
            with celery_app.connection_for_write() as conexion:
                conexion.ensure_connection(max_retries=1, timeout=2)
        except Exception:
            logger.warning("El broker no responde", exc_info=True)
            estado["broker"] = "error"

    codigo = 200 if estado["base_de_datos"] == "ok" else 503
    return JsonResponse(
        estado, status=codigo, json_dumps_params={"ensure_ascii": False}
    )


@never_cache
@require_safe
def verificar(request, codigo):
    """Lo esencial de un documento expedido, para quien tiene su código (QR)."""
    permitido = limites.permitir(
        f"verificar:{ip_del_cliente(request)}",
        maximo=settings.VERIFICAR_MAX_INTENTOS,
        ventana_segundos=settings.CONSULTA_VENTANA_SEGUNDOS,
    )
    if not permitido:
        return render(request, "verificacion.html", {"limite": True}, status=429)
    documento = verificacion.buscar(codigo)
    return render(
        request,
        "verificacion.html",
        {"documento": documento, "codigo": verificacion.normalizar_codigo(codigo)},
        status=200 if documento else 404,
    )


@login_required
def cuenta(request):
    return render(request, "cuenta.html")


def transparencia(request):
    return render(request, "transparencia.html")


def politica_datos(request):
    return render(request, "politica_datos.html")


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # Sin RequestContext: el error pudo venir de la sesión o de la base de datos.
    contenido = render_to_string(
        "500.html", {"entidad": settings.ENTIDAD, "portal_url": settings.PORTAL_URL}
    )
    return HttpResponseServerError(contenido)
