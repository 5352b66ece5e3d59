import logging
import time

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from sanpedro_gel import conservacion, limites, periodicos, verificacion
from sanpedro_gel.celery import app as celery_app
from sanpedro_gel.paginas import pagina_publica
from sanpedro_gel.peticiones import ip_del_cliente

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def salud(request):
    """Estado de la base de datos, del broker y de los trabajos periódicos, para
    el balanceador y el monitoreo. Responde en menos de medio segundo aunque
    algo esté caído.

    503 si la base de datos no responde o si un trabajo periódico está atrasado
    (más del doble de su intervalo sin correr bien: el programador murió). Un
    broker caído no es 503: el portal sigue atendiendo y los barridos retoman
    lo pendiente cuando vuelve.
    """
    estado = {"base_de_datos": "ok", "broker": _estado_del_broker()}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        trabajos = periodicos.estados()
    except Exception:
        logger.exception("La base de datos no responde")
        estado["base_de_datos"] = "error"
        trabajos = []
    estado["trabajos"] = {
        t.nombre: {
            "ultima_ejecucion_correcta": t.ultima_ok_en.isoformat()
            if t.ultima_ok_en
            else None,
            "cada_segundos": int(t.intervalo.total_seconds()),
            "atrasado": t.atrasado,
            "fallas_seguidas": t.fallas_seguidas,
        }
        for t in trabajos
    }
    atrasados = [t.nombre for t in trabajos if t.atrasado]
    estado["atrasados"] = atrasados
    sano = estado["base_de_datos"] == "ok" and not atrasados
    return JsonResponse(
        estado, status=200 if sano else 503, json_dumps_params={"ensure_ascii": False}
    )


# El resultado de la última prueba del broker, unos segundos: un monitoreo que
# pregunta seguido no abre una conexión (ni espera su tiempo límite) cada vez.
_broker = {"hasta": 0.0, "estado": ""}
BROKER_VIGENCIA_SEGUNDOS = 10


def _estado_del_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "en línea (sin broker)"
    ahora = time.monotonic()
    if ahora < _broker["hasta"]:
        return _broker["estado"]
    try:
        with celery_app.connection_for_write(
            transport_options={"socket_connect_timeout": 0.3, "socket_timeout": 0.3}
        ) as conexion:
            conexion.ensure_connection(max_retries=1, interval_start=0, timeout=0.3)
        resultado = "ok"
    except Exception as error:
        logger.warning("El broker no responde: %s", error)
        resultado = "error"
    _broker.update(hasta=ahora + BROKER_VIGENCIA_SEGUNDOS, estado=resultado)
    return resultado


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


@pagina_publica
def transparencia(request):
    return render(request, "transparencia.html")


def politica_datos(request):
    # Cada plazo sale de la configuración o del admin (tabla de retención).
    return render(request, "politica_datos.html", {"plazos": conservacion.plazos()})


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_429(request, exception=None):
    return render(request, "429.html", status=429)


def error_500(request):
    # Sin RequestContext: el error pudo venir de la sesión o de la base de datos.
    contenido = render_to_string(
        "500.html", {"entidad": settings.ENTIDAD, "portal_url": settings.PORTAL_URL}
    )
    return HttpResponseServerError(contenido)
