"""Lecturas reutilizables de trámites (los servicios escriben; esto solo lee)."""

from dataclasses import dataclass, fields
from datetime import date, datetime

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from sanpedro_gel.verificacion import normalizar_codigo
from tramites.models import (
    Actuacion,
    AvisoPrivacidad,
    Contribuyente,
    Estado,
    Solicitud,
    Subsanacion,
    Tramite,
)


def tramites_activos():
    return Tramite.objects.filter(activo=True).order_by("orden", "nombre")


def aviso_vigente(tramite: Tramite) -> AvisoPrivacidad | None:
    """El aviso de privacidad que rige hoy para `tramite`.

    Uno propio del trámite prevalece sobre el general (sin trámite) de la misma
    fecha; entre varios, el más reciente que ya empezó a regir.
    """
    return (
        AvisoPrivacidad.objects.filter(
            Q(tramite=tramite) | Q(tramite__isnull=True),
            vigente_desde__lte=timezone.now(),
        )
        .order_by("-vigente_desde", F("tramite_id").asc(nulls_last=True))
        .first()
    )


@dataclass(frozen=True, slots=True)
class FilaDeMisTramites:
    """Una solicitud como se lista en «Mis trámites», sin cargar el modelo:
    lo que piden la tabla y `termino_de_respuesta`."""

    pk: int
    estado: str
    radicado: str | None
    radicado_en: datetime | None
    vence_el: date | None
    termino_suspendido_el: date | None
    dias_habiles_restantes: int | None
    paso_actual: str
    creado_en: datetime
    actualizado_en: datetime
    tramite_nombre: str
    tramite_tipo: str

    @property
    def etiqueta_estado(self) -> str:
        return Estado(self.estado).label


def solicitudes_de(usuario) -> list[FilaDeMisTramites]:
    """Las solicitudes de `usuario` para «Mis trámites», en una sola consulta."""
    campos = [f.name for f in fields(FilaDeMisTramites)]
    return [
        FilaDeMisTramites(*fila)
        for fila in Solicitud.objects.de(usuario)
        .order_by("-actualizado_en")
        .values_list(*campos[:-2], "tramite__nombre", "tramite__tipo")
    ]


def historial_publico(solicitud: Solicitud) -> list[Actuacion]:
    return list(solicitud.historial.filter(publica=True).order_by("creada_en", "pk"))


def solicitud_con_historial(queryset):
    return queryset.select_related("tramite").prefetch_related(
        Prefetch(
            "historial",
            queryset=Actuacion.objects.filter(publica=True).order_by("creada_en", "pk"),
            to_attr="historial_publico",
        )
    )


def subsanacion_pendiente(solicitud: Solicitud) -> Subsanacion | None:
    """El requerimiento sin responder de la solicitud, si lo hay."""
    return (
        solicitud.subsanaciones.filter(respondida_en__isnull=True)
        .prefetch_related("items__requisito")
        .first()
    )


def es_borrador(solicitud: Solicitud) -> bool:
    return solicitud.estado == Estado.BORRADOR


def normalizar_radicado(radicado: str) -> str:
    """« ica-2026-000015 » → «ICA-2026-000015»."""
    return str(radicado or "").strip().upper()


def consultar_estado(*, radicado: str, dato: str) -> Solicitud | None:
    """La solicitud radicada con `radicado` cuyo documento o código es `dato`.

    Una sola consulta para un radicado inexistente y para una combinación
    equivocada: la respuesta (y su tiempo) no dice si el radicado existe.
    El documento se acepta con o sin puntos y, para un NIT, con o sin DV.
    """
    radicado = normalizar_radicado(radicado)
    limpio = dato.strip().upper().replace(".", "").replace(" ", "")
    base = limpio.split("-", 1)[0]
    if not radicado or not base:
        return None
    coincide = (
        Q(documento=limpio)
        | Q(documento=base)
        | Q(documento__startswith=f"{base}-")
        | Q(codigo_verificacion=normalizar_codigo(dato))
    )
    return (
        Solicitud.objects.radicadas()
        .select_related("tramite")
        .filter(coincide, radicado=radicado)
        .first()
    )


def registros_de(cuenta) -> QuerySet[Contribuyente]:
    """Los registros activos o cancelados que `cuenta` tramita: los suyos y
    aquellos de los que es apoderada."""
    if not cuenta.is_authenticated:
        return Contribuyente.objects.none()
    return Contribuyente.objects.filter(
        Q(titular_cuenta=cuenta)
        | Q(apoderados__cuenta=cuenta, apoderados__revocado_en__isnull=True)
    ).distinct()


def puede_tramitar(cuenta, contribuyente_id) -> bool:
    return registros_de(cuenta).filter(pk=contribuyente_id).exists()
