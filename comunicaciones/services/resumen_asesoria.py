"""El resumen de la mañana de quienes responden la asesoría ciudadana.

A las 7:00 (Celery beat `comunicaciones-resumen-asesoria`; gemelo
`manage.py enviar_resumen_asesoria`) cada funcionario que responde preguntas de
alguna oficina (`responder_hacienda`, `responder_gobierno`,
`responder_general`) recibe por la bandeja de salida las preguntas abiertas de
sus oficinas ya vencidas y las que vencen en 3 días hábiles o menos. Es aparte
del resumen de los revisores de `tramites`, que no puede leer esta app.

Uno por persona y día (la clave lleva la fecha): correr el trabajo otra vez el
mismo día no deja nada nuevo. Quien no tiene nada pendiente no recibe correo, y
un resumen que al enviarse ya no tiene pendientes se anula.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils import timezone

from comunicaciones.models import ABIERTAS, PreguntaCiudadana
from comunicaciones.services.asesoria import PERMISO_DEL_AREA, areas_que_responde
from sanpedro_gel import buzon
from sanpedro_gel.models import Mensaje
from tramites.calendario import sumar_dias_habiles

RESUMEN = "comunicaciones.resumen_asesoria"
DIAS_POR_VENCER = 3


def clave_resumen(usuario_id: int, hoy: date) -> str:
    return f"{RESUMEN}:{usuario_id}:{hoy.isoformat()}"


def quienes_responden():
    """Funcionarios activos con permiso de responder las preguntas de alguna
    oficina (por su rol o a mano)."""
    codigos = [permiso.split(".", 1)[1] for permiso in PERMISO_DEL_AREA.values()]
    ids = Permission.objects.filter(
        content_type__app_label="comunicaciones", codename__in=codigos
    ).values_list("pk", flat=True)
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(groups__permissions__in=ids) | Q(user_permissions__in=ids))
        .distinct()
        .order_by("pk")
    )


def resumen_de(usuario, hoy: date) -> dict:
    """Las preguntas abiertas de las oficinas que `usuario` responde: vencidas
    y por vencer (hasta `limite`, 3 días hábiles después de hoy)."""
    limite = sumar_dias_habiles(hoy, DIAS_POR_VENCER)
    abiertas = (
        PreguntaCiudadana.objects.filter(
            estado__in=ABIERTAS,
            area__in=areas_que_responde(usuario),
            vence_el__lte=limite,
        )
        .select_related("tramite", "asignada_a")
        .order_by("vence_el", "radicado")
    )
    vencidas, por_vencer = [], []
    for pregunta in abiertas:
        (vencidas if pregunta.vence_el < hoy else por_vencer).append(pregunta)
    return {"vencidas": vencidas, "por_vencer": por_vencer, "limite": limite}


def hay_pendientes(resumen: dict) -> bool:
    return bool(resumen["vencidas"] or resumen["por_vencer"])


def enviar_resumenes_asesoria(*, hoy: date | None = None) -> int:
    """Deja en la bandeja el resumen del día de cada funcionario que responde
    y tiene preguntas pendientes. Devuelve cuántos resúmenes nuevos dejó."""
    hoy = hoy or timezone.localdate()
    nuevos = 0
    for usuario in quienes_responden():
        clave = clave_resumen(usuario.pk, hoy)
        if not usuario.email or Mensaje.objects.filter(clave=clave).exists():
            continue
        if not hay_pendientes(resumen_de(usuario, hoy)):
            continue
        buzon.registrar(
            clave=clave,
            tipo=RESUMEN,
            plantilla="comunicaciones/emails/resumen_asesoria",
            para=usuario.email,
            referencia=usuario,
            datos={"hoy": hoy.isoformat()},
        )
        nuevos += 1
    return nuevos
