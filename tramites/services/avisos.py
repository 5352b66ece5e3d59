"""Los correos de los trámites, por la bandeja de salida del núcleo: el acuse de
recibo con la constancia, el aviso al ciudadano de cada actuación (con el
documento expedido adjunto, si lo hay) y el resumen diario de cada revisor.

Cada uno se registra con `buzon.registrar` dentro de la transacción del
servicio que lo origina, con una clave que dice qué es; la clave garantiza que
sale una sola vez aunque el servicio o el trabajo corran dos veces. El armado
(contexto, PDF adjuntos) está en `tramites/correos.py` y corre al enviar, fuera
de toda transacción.
"""

from datetime import date

from django.utils import timezone

from sanpedro_gel import buzon
from sanpedro_gel.models import Mensaje
from tramites import calendario, permisos
from tramites.models import Actuacion, Estado, Solicitud

ACTIVOS = (Estado.RADICADO, Estado.EN_REVISION)

ACUSE = "tramites.acuse"
AVISO = "tramites.aviso"
RESUMEN_REVISOR = "tramites.resumen_revisor"
# Generadores de adjuntos (tramites/correos.py).
CONSTANCIA = "tramites.constancia"
DOCUMENTO_EXPEDIDO = "tramites.documento_expedido"


def clave_acuse(solicitud_id: int) -> str:
    return f"{ACUSE}:{solicitud_id}"


def clave_aviso(actuacion_id: int) -> str:
    return f"{AVISO}:{actuacion_id}"


def clave_resumen(usuario_id: int, hoy: date) -> str:
    return f"{RESUMEN_REVISOR}:{usuario_id}:{hoy.isoformat()}"


def registrar_acuse(solicitud: Solicitud) -> Mensaje:
    """El acuse de recibo de la solicitud recién radicada, con la constancia
    PDF (que se dibuja al enviar si aún no existe). En la transacción que radica;
    idempotente."""
    return buzon.registrar(
        clave=clave_acuse(solicitud.pk),
        tipo=ACUSE,
        plantilla="tramites/emails/acuse_recibo",
        para=solicitud.solicitante.email,
        referencia=solicitud,
        adjuntos=[{"generar": CONSTANCIA, "solicitud_id": solicitud.pk}],
    )


def registrar_aviso(actuacion: Actuacion) -> Mensaje:
    """El aviso al ciudadano de `actuacion` (plantilla `aviso_<actuacion.aviso>`),
    con el PDF del documento expedido si la actuación lo lleva. En la
    transacción que deja la actuación; idempotente."""
    adjuntos = []
    if actuacion.documento_id:
        adjuntos.append(
            {"generar": DOCUMENTO_EXPEDIDO, "documento_id": actuacion.documento_id}
        )
    return buzon.registrar(
        clave=clave_aviso(actuacion.pk),
        tipo=AVISO,
        plantilla=f"tramites/emails/aviso_{actuacion.aviso}",
        para=actuacion.solicitud.solicitante.email,
        referencia=actuacion,
        adjuntos=adjuntos,
    )


def avisos_de(actuaciones) -> dict[int, Mensaje]:
    """Actuación → el mensaje de su aviso en la bandeja (para el historial)."""
    por_clave = {clave_aviso(a.pk): a.pk for a in actuaciones if a.aviso}
    return {por_clave[m.clave]: m for m in Mensaje.objects.filter(clave__in=por_clave)}


# --- Resumen diario de los revisores --------------------------------------------


def resumen_de(usuario, hoy: date) -> dict:
    """Vencidas, por vencer (≤ 3 días hábiles) y sin asignar de los trámites
    que `usuario` decide."""
    tipos = permisos.tramites_que_decide(usuario)
    activas = (
        Solicitud.objects.filter(estado__in=ACTIVOS, tramite__tipo__in=tipos)
        .select_related("tramite", "asignado_a")
        .order_by("vence_el", "radicado")
    )
    limite = calendario.sumar_dias_habiles(hoy, 3)
    return {
        "vencidas": list(activas.filter(vence_el__lt=hoy)),
        "por_vencer": list(activas.filter(vence_el__gte=hoy, vence_el__lte=limite)),
        "sin_asignar": list(activas.filter(asignado_a__isnull=True)),
        "limite": limite,
    }


def hay_pendientes(resumen: dict) -> bool:
    return any(resumen[k] for k in ("vencidas", "por_vencer", "sin_asignar"))


def enviar_resumenes_revisores(*, hoy: date | None = None) -> int:
    """Trabajo de las 7:00: deja en la bandeja el resumen del día de cada
    revisor que tiene algo pendiente. Devuelve cuántos resúmenes nuevos dejó.

    Uno por revisor y día (la clave lleva la fecha): correr el trabajo otra
    vez el mismo día no deja ni envía nada nuevo. Un revisor sin nada
    pendiente no recibe correo.
    """
    hoy = hoy or timezone.localdate()
    nuevos = 0
    for usuario in permisos.revisores():
        clave = clave_resumen(usuario.pk, hoy)
        if Mensaje.objects.filter(clave=clave).exists():
            continue
        if not hay_pendientes(resumen_de(usuario, hoy)):
            continue
        buzon.registrar(
            clave=clave,
            tipo=RESUMEN_REVISOR,
            plantilla="tramites/emails/resumen_revisor",
            para=usuario.email,
            referencia=usuario,
            datos={"hoy": hoy.isoformat()},
        )
        nuevos += 1
    return nuevos
