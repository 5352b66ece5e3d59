"""Cuánto se guarda lo que llega por los trámites (Ley 1581 de 2012, Decreto
1377 de 2013: los datos no se conservan más allá de su finalidad; Ley 594 de
2000: los expedientes, según la tabla de retención documental).

- Un **borrador** nunca radicado no es documento de archivo: tras
  `BORRADORES_DIAS_SIN_CAMBIOS` días sin cambios se descarta con sus adjuntos.
  `BORRADORES_DIAS_AVISO` días antes se avisa al ciudadano, una vez.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from sanpedro_gel import buzon
from sanpedro_gel.models import Mensaje
from tramites.models import Estado, Solicitud
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
