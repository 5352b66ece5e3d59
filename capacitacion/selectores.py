"""Lecturas de la capacitación para las páginas públicas y la intranet."""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from capacitacion.models import (
    Asistencia,
    Certificado,
    EstadoJornada,
    Jornada,
    Material,
)
from comunicaciones.models import Funcionario
from sanpedro_gel import buzon
from sanpedro_gel.models import EstadoMensaje, Mensaje


def ve_lo_interno(usuario) -> bool:
    """Los servidores públicos activos del directorio y el personal del admin
    ven los materiales internos (los mismos que entran a la intranet)."""
    if not (usuario.is_authenticated and usuario.is_active):
        return False
    return (
        usuario.is_staff
        or Funcionario.objects.activos().filter(usuario=usuario).exists()
    )


def materiales_visibles(*, interno: bool) -> QuerySet[Material]:
    materiales = Material.objects.filter(publicado_en__isnull=False)
    return materiales if interno else materiales.filter(publico=True)


def jornadas_publicas(
    *, interno: bool = False, ahora: datetime | None = None
) -> tuple[list[Jornada], list[Jornada]]:
    """(próximas, realizadas) publicadas, las realizadas con sus materiales
    publicados (los internos solo para el personal). Tres consultas."""
    ahora = ahora or timezone.now()
    base = Jornada.objects.publicadas().select_related("dependencia")
    proximas = list(base.proximas(ahora).order_by("inicio"))
    realizadas = list(
        base.filter(estado=EstadoJornada.REALIZADA)
        .prefetch_related(
            Prefetch("materiales", queryset=materiales_visibles(interno=interno))
        )
        .order_by("-inicio")[:20]
    )
    return proximas, realizadas


def jornada_publica(pk: int, *, interno: bool = False) -> Jornada | None:
    return (
        Jornada.objects.publicadas()
        .select_related("dependencia", "responsable")
        .prefetch_related(
            Prefetch("materiales", queryset=materiales_visibles(interno=interno))
        )
        .filter(pk=pk)
        .first()
    )


def certificados_de(usuario) -> QuerySet[Certificado]:
    """Los certificados del funcionario vinculado a la cuenta."""
    return (
        Certificado.objects.filter(asistencia__funcionario__usuario=usuario)
        .select_related("asistencia__jornada")
        .order_by("-expedido_en")
    )


def puede_ver_certificado(usuario, certificado: Certificado) -> bool:
    """Su titular y quien gestiona la capacitación (Líder GEL)."""
    if not usuario.is_authenticated:
        return False
    return certificado.asistencia.funcionario.usuario_id == usuario.pk or (
        usuario.has_perm("capacitacion.view_certificado")
    )


def correos_de(asistencia: Asistencia) -> list[Mensaje]:
    """Los mensajes de la bandeja de salida para esta asistencia (avisos,
    seguimientos y su certificado), del más antiguo al más reciente."""
    mensajes = buzon.mensajes_de(asistencia)
    certificado = Certificado.objects.filter(asistencia=asistencia).first()
    if certificado is not None:
        mensajes = mensajes | buzon.mensajes_de(certificado)
    return list(mensajes.order_by("creado_en", "pk"))


def con_envio(certificados: QuerySet[Certificado]) -> QuerySet[Certificado]:
    """Anota `enviado_en`: cuándo salió el correo del certificado, según la
    bandeja de salida (None si aún no sale)."""
    enviado = Mensaje.objects.filter(
        referencia_tipo=ContentType.objects.get_for_model(Certificado),
        referencia_id=OuterRef("pk"),
        estado=EstadoMensaje.ENVIADO,
    ).values("enviado_en")[:1]
    return certificados.annotate(enviado_en=Subquery(enviado))
