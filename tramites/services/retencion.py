"""Cuánto se guarda lo que llega por los trámites (Ley 1581 de 2012, Decreto
1377 de 2013: los datos no se conservan más allá de su finalidad; Ley 594 de
2000: los expedientes, según la tabla de retención documental).

- Un **borrador** nunca radicado no es documento de archivo: tras
  `BORRADORES_DIAS_SIN_CAMBIOS` días sin cambios se descarta con sus adjuntos.
  `BORRADORES_DIAS_AVISO` días antes se avisa al ciudadano, una vez.
- Una solicitud radicada es un **expediente**: se guarda los años que la tabla
  de retención de su trámite fija en el archivo de gestión y en el central,
  contados desde que se decidió. Al cumplirlos queda en la lista de
  `DisposicionExpediente` para que un funcionario apruebe su disposición final
  (eliminación o transferencia). Nada se elimina aquí.
"""

import logging
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from sanpedro_gel import buzon
from sanpedro_gel.excepciones import ConflictoDeEstado
from sanpedro_gel.models import Mensaje
from sanpedro_gel.reloj import BOGOTA
from tramites.models import (
    DisposicionExpediente,
    Estado,
    EstadoDisposicion,
    Solicitud,
    Tramite,
)
from tramites.services.borradores import descartar_borrador

logger = logging.getLogger(__name__)

AVISO_BORRADOR = "tramites.aviso_borrador"


def clave_aviso_borrador(solicitud: Solicitud) -> str:
    # Con la fecha del último cambio: si el ciudadano vuelve y lo deja otra vez
    # olvidado, el nuevo plazo lleva su propio aviso.
    return (
        f"{AVISO_BORRADOR}:{solicitud.pk}:"
        f"{solicitud.actualizado_en.strftime('%Y%m%d%H%M%S%f')}"
    )


def depurar_borradores(*, ahora: datetime | None = None) -> dict[str, int]:
    """Trabajo diario: avisa a los dueños de los borradores a punto de vencer y
    descarta los vencidos (con `descartar_borrador`, que borra sus adjuntos).

    Un borrador solo se descarta si su aviso salió hace al menos
    `BORRADORES_DIAS_AVISO` días: uno que ya estaba vencido cuando empezó el
    trabajo recibe primero el aviso. Repetirlo no avisa dos veces ni borra nada
    radicado. Devuelve cuántos avisó y cuántos descartó.
    """
    ahora = ahora or timezone.now()
    dias = settings.BORRADORES_DIAS_SIN_CAMBIOS
    aviso = timedelta(days=settings.BORRADORES_DIAS_AVISO)
    limite_aviso = ahora - timedelta(days=dias) + aviso
    candidatos = list(
        Solicitud.objects.filter(
            estado=Estado.BORRADOR, actualizado_en__lte=limite_aviso
        ).select_related("tramite", "solicitante")
    )
    claves = {clave_aviso_borrador(s): s for s in candidatos}
    avisados_en = dict(
        Mensaje.objects.filter(clave__in=claves).values_list("clave", "creado_en")
    )
    avisados = descartados = 0
    for clave, solicitud in claves.items():
        avisado_en = avisados_en.get(clave)
        if avisado_en is None:
            _avisar(solicitud, clave=clave, ahora=ahora, aviso=aviso)
            avisados += 1
            continue
        vencido = solicitud.actualizado_en + timedelta(days=dias) <= ahora
        if (
            vencido
            and avisado_en + aviso <= ahora
            and descartar_borrador(solicitud=solicitud)
        ):
            descartados += 1
    logger.info(
        "Borradores olvidados: %s avisados, %s descartados", avisados, descartados
    )
    return {"avisados": avisados, "descartados": descartados}


def _avisar(solicitud: Solicitud, *, clave: str, ahora: datetime, aviso) -> None:
    vence = max(
        solicitud.actualizado_en + timedelta(days=settings.BORRADORES_DIAS_SIN_CAMBIOS),
        ahora + aviso,
    )
    buzon.registrar(
        clave=clave,
        tipo=AVISO_BORRADOR,
        plantilla="tramites/emails/aviso_borrador",
        para=solicitud.solicitante.email,
        referencia=solicitud,
        datos={
            "se_borra_el": vence.isoformat(),
            "dias_aviso": aviso.days,
            "dias_sin_cambios": settings.BORRADORES_DIAS_SIN_CAMBIOS,
        },
    )


# --- Expedientes: tabla de retención documental -----------------------------------

# Un expediente se cierra con la decisión; abierto, su retención no corre.
CERRADAS = (Estado.APROBADO, Estado.RECHAZADO, Estado.DESISTIDO)


def _sumar_anios(dia: date, anios: int) -> date:
    try:
        return dia.replace(year=dia.year + anios)
    except ValueError:  # 29 de febrero
        return dia.replace(year=dia.year + anios, day=28)


def revisar_retencion_expedientes(*, hoy: date | None = None) -> int:
    """Trabajo diario: pone en la lista de disposición final cada expediente
    cerrado que cumplió los años de archivo de gestión y central de la tabla de
    retención de su trámite, con la disposición que la tabla dice hoy.

    No borra ni transfiere nada: eso lo aprueba un funcionario
    (`aprobar_disposicion`). Una fila por expediente (restricción única):
    repetirlo no duplica. Devuelve cuántos expedientes nuevos listó.
    """
    hoy = hoy or timezone.localdate()
    nuevas = []
    for tramite in Tramite.objects.all():
        # Decididos antes del día siguiente a este corte ya cumplieron.
        corte = _sumar_anios(hoy, -tramite.anios_retencion) + timedelta(days=1)
        expedientes = (
            Solicitud.objects.filter(
                tramite=tramite, estado__in=CERRADAS, disposicion__isnull=True
            )
            .annotate(cerrada_en=Coalesce("decidida_en", F("actualizado_en")))
            .filter(cerrada_en__lt=datetime.combine(corte, datetime.min.time(), BOGOTA))
        )
        for solicitud in expedientes:
            cerrada = timezone.localtime(solicitud.cerrada_en).date()
            nuevas.append(
                DisposicionExpediente(
                    solicitud=solicitud,
                    disposicion_final=tramite.disposicion_final,
                    retencion_hasta=_sumar_anios(cerrada, tramite.anios_retencion),
                )
            )
    creadas = DisposicionExpediente.objects.bulk_create(nuevas, ignore_conflicts=True)
    logger.info("Expedientes que cumplieron su retención: %s", len(creadas))
    return len(creadas)


def aprobar_disposicion(
    *, disposicion_id: int, actor, observacion: str = ""
) -> DisposicionExpediente:
    """Deja aprobada (quién, cuándo y con qué observación) la disposición final
    de un expediente listado. Precondición: `actor` tiene el permiso
    `tramites.aprobar_disposicion` (lo revisa el admin).

    No elimina ni mueve el expediente: la aprobación es la constancia que el
    archivo necesita para hacerlo. Lanza `ConflictoDeEstado` si ya estaba
    aprobada (un segundo clic, u otro funcionario a la vez).
    """
    cambiadas = DisposicionExpediente.objects.filter(
        pk=disposicion_id, estado=EstadoDisposicion.PENDIENTE
    ).update(
        estado=EstadoDisposicion.APROBADA,
        aprobada_por=actor,
        aprobada_en=timezone.now(),
        observacion=observacion,
    )
    if cambiadas != 1:
        raise ConflictoDeEstado("Esta disposición final ya estaba aprobada.")
    return DisposicionExpediente.objects.get(pk=disposicion_id)
