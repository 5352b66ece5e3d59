"""Avisos por correo: al ciudadano en cada actuación, y el resumen diario de
cada revisor.

Cada aviso sale una sola vez: la actuación (o la fila del resumen) es su propia
bandeja de salida. Con la fila bloqueada se mira si ya salió, se envía y se
marca; una segunda ejecución no envía nada. Si el SMTP falla no se marca y el
barrido lo reintenta.
"""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from sanpedro_gel.correo import enviar_correo
from tramites import permisos
from tramites.models import Actuacion, Estado, ResumenRevisor, Solicitud
from tramites.services import calendario, documentos

logger = logging.getLogger(__name__)

ACTIVOS = (Estado.RADICADO, Estado.EN_REVISION)


def _url(nombre: str, **kwargs) -> str:
    return settings.PORTAL_URL + reverse(nombre, kwargs=kwargs)


def contexto_aviso(actuacion: Actuacion) -> dict:
    solicitud = actuacion.solicitud
    contexto = {
        "actuacion": actuacion,
        "solicitud": solicitud,
        "documento": actuacion.documento,
        "url_solicitud": _url("tramites:solicitud", pk=solicitud.pk),
    }
    if actuacion.aviso in ("subsanacion", "ampliacion_subsanacion"):
        from tramites.services.subsanacion import subsanacion_pendiente

        contexto["subsanacion"] = subsanacion_pendiente(solicitud)
        contexto["url_subsanar"] = _url("tramites:subsanar", pk=solicitud.pk)
    if actuacion.aviso in ("aprobada", "rechazada"):
        contexto["url_calificar"] = _url("tramites:calificar", pk=solicitud.pk)
    if actuacion.documento:
        contexto["url_documento"] = _url(
            "tramites:documento_expedido",
            pk=solicitud.pk,
            documento_pk=actuacion.documento.pk,
        )
        contexto["url_verificacion"] = documentos.url_verificacion(actuacion.documento)
    return contexto


def notificar_actuacion(*, actuacion_id: int) -> bool:
    """Envía al ciudadano el aviso de la actuación, una sola vez. Devuelve si
    lo envió.

    Si la actuación lleva un documento expedido, primero se asegura su PDF
    (idempotente) y va adjunto. Con la fila bloqueada: si `notificada_en` ya
    tiene fecha no hace nada. Si el SMTP falla no se marca y el barrido lo
    retoma (si el SMTP aceptara y luego fallara el commit, el aviso podría
    repetirse: se prefiere a no enviarlo nunca).
    """
    documento_id = (
        Actuacion.objects.filter(pk=actuacion_id)
        .values_list("documento_id", flat=True)
        .first()
    )
    if documento_id:
        documentos.generar_pdf(documento_id=documento_id)
    with transaction.atomic():
        actuacion = (
            Actuacion.objects.select_for_update(of=("self",))
            .select_related("solicitud__tramite", "solicitud__solicitante", "documento")
            .get(pk=actuacion_id)
        )
        if not actuacion.aviso or actuacion.notificada_en:
            return False
        adjuntos = []
        if actuacion.documento:
            adjuntos.append(
                (
                    actuacion.documento.nombre_archivo,
                    documentos.leer_pdf(actuacion.documento),
                    "application/pdf",
                )
            )
        enviar_correo(
            f"tramites/emails/aviso_{actuacion.aviso}",
            contexto_aviso(actuacion),
            [actuacion.solicitud.solicitante.email],
            adjuntos=adjuntos,
        )
        Actuacion.objects.filter(pk=actuacion.pk).update(notificada_en=timezone.now())
    return True


def completar_avisos_pendientes(
    *, antiguedad: timedelta = timedelta(seconds=60)
) -> int:
    """Barrido: envía los avisos que no salieron (broker caído, SMTP caído).

    Solo toma los de hace más de `antiguedad`, para no competir con la tarea
    recién encolada. Inofensivo si corre varias veces o en paralelo.
    """
    limite = timezone.now() - antiguedad
    pendientes = list(
        Actuacion.objects.filter(notificada_en__isnull=True, creada_en__lte=limite)
        .exclude(aviso="")
        .order_by("creada_en")
        .values_list("pk", flat=True)[:200]
    )
    for actuacion_id in pendientes:
        try:
            notificar_actuacion(actuacion_id=actuacion_id)
        except Exception:
            logger.exception(
                "No se pudo enviar el aviso de la actuación %s", actuacion_id
            )
    return len(pendientes)


# --- Resumen diario de los revisores --------------------------------------------


def revisores(de_tramites=None):
    """Funcionarios activos que deciden algún trámite (por su rol o a mano); con
    `de_tramites`, solo los que deciden alguno de esos tipos."""
    codigos = [
        permiso.split(".", 1)[1]
        for permiso, tipos in permisos.TRAMITES_POR_PERMISO.items()
        if de_tramites is None or tipos & set(de_tramites)
    ]
    de_tramites = Q(content_type__app_label="tramites", codename__in=codigos)
    from django.contrib.auth.models import Permission

    ids = Permission.objects.filter(de_tramites).values_list("pk", flat=True)
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(groups__permissions__in=ids) | Q(user_permissions__in=ids))
        .distinct()
        .order_by("pk")
    )


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


def enviar_resumen(*, usuario_id: int, hoy: date) -> bool:
    """El resumen del día de un revisor, una sola vez por día. Devuelve si salió.

    Un revisor sin nada pendiente no recibe correo (y queda marcado: no se
    reintenta).
    """
    usuario = get_user_model().objects.get(pk=usuario_id)
    ResumenRevisor.objects.get_or_create(usuario=usuario, fecha=hoy)
    with transaction.atomic():
        fila = ResumenRevisor.objects.select_for_update().get(
            usuario=usuario, fecha=hoy
        )
        if fila.enviado_en:
            return False
        resumen = resumen_de(usuario, hoy)
        hay_algo = any(resumen[k] for k in ("vencidas", "por_vencer", "sin_asignar"))
        if hay_algo:
            enviar_correo(
                "tramites/emails/resumen_revisor",
                {
                    **resumen,
                    "usuario": usuario,
                    "hoy": hoy,
                    "url_bandeja": settings.PORTAL_URL
                    + reverse("admin:tramites_solicitud_changelist"),
                },
                [usuario.email],
            )
        fila.enviado_en = timezone.now()
        fila.save(update_fields=["enviado_en"])
    return hay_algo


def enviar_resumenes_revisores(*, hoy: date | None = None) -> int:
    """Trabajo de las 7:00: el resumen a cada revisor. Devuelve cuántos salieron."""
    hoy = hoy or timezone.localdate()
    enviados = 0
    for usuario_id in revisores().values_list("pk", flat=True):
        try:
            enviados += enviar_resumen(usuario_id=usuario_id, hoy=hoy)
        except Exception:
            logger.exception("No se pudo enviar el resumen al usuario %s", usuario_id)
    return enviados
