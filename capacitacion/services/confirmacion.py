"""Confirmar la asistencia desde el enlace firmado de la invitación, sin cuenta.

El enlace lleva el número de la asistencia firmado con la SECRET_KEY
(`django.core.signing`) y la hora en que se firmó: no se puede adivinar el de
otra persona ni alterarlo, y vence.
"""

from datetime import datetime, timedelta

from django.core import signing
from django.db import transaction
from django.utils import timezone

from capacitacion.models import Asistencia, EstadoAsistencia, EstadoJornada, Jornada
from capacitacion.services.transiciones import mover_asistencias
from sanpedro_gel.enlaces import url_del_portal
from sanpedro_gel.excepciones import EnlaceInvalido

_SAL = "capacitacion.confirmar-asistencia"
# La invitación sale una semana antes; con reprogramaciones el enlace puede
# tener que servir un par de meses, no más.
VIGENCIA = timedelta(days=60)


def token_confirmacion(asistencia: Asistencia) -> str:
    return signing.TimestampSigner(salt=_SAL).sign_object(
        {"a": asistencia.pk, "j": asistencia.jornada_id}
    )


def enlace_confirmacion(asistencia: Asistencia) -> str:
    return url_del_portal("capacitacion:confirmar", token_confirmacion(asistencia))


def asistencia_del_token(token: str, *, ahora: datetime | None = None) -> Asistencia:
    """La asistencia del enlace; EnlaceInvalido (con el mensaje para la persona)
    si el enlace está alterado, venció o la jornada ya no admite confirmación."""
    ahora = ahora or timezone.now()
    try:
        datos = signing.TimestampSigner(salt=_SAL).unsign_object(
            token, max_age=VIGENCIA
        )
    except signing.SignatureExpired:
        raise EnlaceInvalido(
            "El enlace de confirmación venció. Si la jornada sigue programada, "
            "pida al Líder GEL que le reenvíe la invitación."
        ) from None
    except (signing.BadSignature, ValueError):
        raise EnlaceInvalido(
            "El enlace de confirmación no es válido. Copie el enlace completo del "
            "correo de invitación."
        ) from None
    asistencia = (
        Asistencia.objects.select_related("jornada", "funcionario")
        .filter(pk=datos.get("a"), jornada_id=datos.get("j"))
        .first()
    )
    if asistencia is None:
        raise EnlaceInvalido("Esta invitación ya no existe.")
    jornada = asistencia.jornada
    if jornada.estado == EstadoJornada.CANCELADA:
        raise EnlaceInvalido(f"La jornada «{jornada.titulo}» fue cancelada.")
    if jornada.estado == EstadoJornada.REALIZADA or jornada.fin <= ahora:
        raise EnlaceInvalido(
            f"La jornada «{jornada.titulo}» ya se realizó: no hay nada que confirmar."
        )
    return asistencia


def confirmar_asistencia(*, token: str, ahora: datetime | None = None) -> Asistencia:
    """Registra que la persona confirmó. Idempotente: confirmar otra vez
    conserva la hora de la primera confirmación, y quien ya firmó la lista no
    tiene nada que confirmar. Si la jornada tiene cupo y ya se llenó, levanta
    EnlaceInvalido explicándolo."""
    ahora = ahora or timezone.now()
    asistencia = asistencia_del_token(token, ahora=ahora)
    with transaction.atomic():
        # El cupo se cuenta con la jornada bloqueada: dos confirmaciones
        # simultáneas no pasan ambas por el último lugar.
        jornada = Jornada.objects.select_for_update().get(pk=asistencia.jornada_id)
        asistencia = Asistencia.objects.select_for_update().get(pk=asistencia.pk)
        if asistencia.estado != EstadoAsistencia.CONVOCADA:
            return asistencia
        if jornada.cupo is not None:
            confirmados = jornada.asistencias.filter(confirmado_en__isnull=False)
            if confirmados.count() >= jornada.cupo:
                raise EnlaceInvalido(
                    "El cupo de esta jornada ya está completo. Le avisaremos si se "
                    "abre otra sesión."
                )
        mover_asistencias(
            filtro={"pk": asistencia.pk},
            origen=EstadoAsistencia.CONVOCADA,
            destino=EstadoAsistencia.CONFIRMADA,
            confirmado_en=ahora,
        )
    asistencia.refresh_from_db()
    return asistencia
