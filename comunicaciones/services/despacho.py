"""El despachador del plan: toma las piezas a su hora y reparte los correos.

Cada minuto (Celery beat en producción; `ejecutar_periodicos` en el portal
embebido; `manage.py despachar_piezas` a mano) `ejecutar_despacho`:

1. toma las piezas programadas cuya hora llegó con una actualización condicional
   PROGRAMADA → EN_CURSO: dos despachadores a la vez nunca toman la misma;
2. en la misma transacción publica las de portada, noticias e intranet, o crea
   un `Envio` por destinatario para las de correo (restricción única por
   pieza y dirección), y tras confirmar encola lotes de ~100 en la cola
   `masivo`;
3. vuelve a encolar los envíos pendientes cuyo lote se perdió: un mensaje de
   Celery que nunca llegó, o un trabajador que murió a mitad de lote (su
   mensaje, sin confirmar, solo volvería tras el visibility timeout de Redis),
   y cierra las piezas en curso a las que ya no les queda nada.

Los correos transaccionales (confirmaciones, avisos de pausa…) no pasan por
aquí: los envía la bandeja de salida del núcleo, con su propio barrido.

Nada se programa con `eta` ni `countdown`: la hora vive en la fila.

El envío de cada lote, y su garantía de «exactamente una vez», están en
`comunicaciones/services/lotes.py`.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from comunicaciones import estados
from comunicaciones.models import CANALES_CORREO, Baja, Envio, EstadoEnvio, Pieza
from comunicaciones.services import audiencias
from comunicaciones.services.estado_pieza import cambiar_estado, evaluar_pieza, reclamar
from comunicaciones.services.lotes import vence_reclamo
from comunicaciones.services.tareas import asegurar_tarea
from sanpedro_gel.tareas import encolar

ENVIAR_LOTE = "comunicaciones.tasks.enviar_lote"

logger = logging.getLogger(__name__)

# --- El trabajo de cada minuto ---------------------------------------------------


@dataclass
class ResumenDespacho:
    tomadas: list[int] = field(default_factory=list)
    reencoladas: int = 0


def ejecutar_despacho(*, ahora: datetime | None = None) -> ResumenDespacho:
    """El trabajo periódico completo. Idempotente: correrlo dos veces seguidas no
    toma, envía ni encola nada dos veces."""
    ahora = ahora or timezone.now()
    return ResumenDespacho(
        tomadas=despachar_piezas_vencidas(ahora=ahora),
        reencoladas=recuperar_envios(ahora=ahora),
    )


def despachar_piezas_vencidas(
    *, ahora: datetime | None = None, limite: int = 50
) -> list[int]:
    """Toma las piezas programadas cuya hora llegó; devuelve las que tomó ESTE
    llamado (otro despachador simultáneo devuelve las demás, nunca las mismas)."""
    ahora = ahora or timezone.now()
    candidatas = list(
        Pieza.objects.vencidas(ahora)
        .order_by("programada_para", "pk")
        .values_list("pk", flat=True)[:limite]
    )
    return [pk for pk in candidatas if iniciar_pieza(pieza_id=pk, ahora=ahora)]


def iniciar_pieza(*, pieza_id: int, ahora: datetime | None = None) -> bool:
    """Reclama la pieza (PROGRAMADA → EN_CURSO) y hace lo que su canal pide.

    Devuelve False si otro la tomó antes o si aún no es su hora. Todo ocurre en
    una transacción: si el proceso muere a mitad, la pieza vuelve a estar
    PROGRAMADA y el siguiente minuto la toma otra vez.
    """
    ahora = ahora or timezone.now()
    with transaction.atomic():
        if not reclamar(pieza_id=pieza_id, ahora=ahora):
            return False
        pieza = Pieza.objects.select_related("campana").get(pk=pieza_id)
        if pieza.es_de_publicacion:
            cambiar_estado(
                pieza_id=pieza.pk,
                desde=estados.EN_CURSO,
                hacia=estados.ENVIADA,
                terminada_en=ahora,
            )
        elif pieza.es_de_seguimiento:
            # Queda EN_CURSO hasta que el responsable cierre su tarea con evidencia.
            asegurar_tarea(pieza)
        else:
            creados = crear_envios(pieza=pieza, ahora=ahora)
            if not creados:
                cambiar_estado(
                    pieza_id=pieza.pk,
                    desde=estados.EN_CURSO,
                    hacia=estados.FALLIDA,
                    terminada_en=ahora,
                    motivo_estado="La audiencia no tiene destinatarios.",
                )
            else:
                transaction.on_commit(
                    partial(encolar_lotes, pieza_id=pieza.pk, sellar=False)
                )
    logger.info("Pieza %s tomada por el despachador", pieza_id)
    return True


def crear_envios(*, pieza: Pieza, ahora: datetime) -> int:
    """Un `Envio` por destinatario de la audiencia; devuelve cuántos hay.

    Los dados de baja quedan OMITIDOS (se ven en el conteo, no reciben nada).
    La restricción única (pieza, correo) hace inofensivo llamarlo dos veces.
    """
    if pieza.para_el_personal:
        filas = (
            (correo.lower(), f"{nombres} {apellidos}".strip(), pk, None)
            for pk, correo, nombres, apellidos in audiencias.funcionarios_de(
                pieza
            ).values_list("pk", "correo", "nombres", "apellidos")
        )
    else:
        filas = (
            (correo.lower(), nombre, None, pk)
            for pk, correo, nombre in audiencias.suscriptores_de(pieza).values_list(
                "pk", "correo", "nombre"
            )
        )
    # La lista de bajas es corta frente a la audiencia: se trae entera.
    bajas = set(Baja.objects.values_list("correo", flat=True))
    vistos: set[str] = set()
    nuevos = []
    for correo, nombre, funcionario_id, suscriptor_id in filas:
        if correo in vistos:
            continue
        vistos.add(correo)
        omitido = correo in bajas
        nuevos.append(
            Envio(
                pieza=pieza,
                correo=correo,
                nombre=nombre[:250],
                funcionario_id=funcionario_id,
                suscriptor_id=suscriptor_id,
                estado=EstadoEnvio.OMITIDO if omitido else EstadoEnvio.PENDIENTE,
                motivo="Dado de baja de los correos masivos" if omitido else "",
                # Sellado desde ya: la recuperación no lo cuenta como huérfano
                # mientras su lote espera turno en la cola.
                encolado_en=None if omitido else ahora,
            )
        )
    Envio.objects.bulk_create(nuevos, batch_size=1000, ignore_conflicts=True)
    return Envio.objects.filter(pieza=pieza).count()


def encolar_lotes(
    *,
    pieza_id: int,
    ids: list[int] | None = None,
    ahora: datetime | None = None,
    sellar: bool = True,
) -> int:
    """Publica en `masivo` lotes de los envíos pendientes (o de `ids`).

    Sella `encolado_en` antes de publicar (`sellar=False` cuando ya viene
    sellado de `crear_envios`); si el broker no responde, lo borra para que el
    siguiente despacho lo intente de nuevo. Devuelve los lotes
    publicados. Publicar dos veces el mismo envío es inofensivo: el reclamo
    del lote y la marca por mensaje impiden enviarlo dos veces.
    """
    ahora = ahora or timezone.now()
    if ids is None:
        ids = list(
            Envio.objects.filter(pieza_id=pieza_id, estado=EstadoEnvio.PENDIENTE)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    tamano = max(1, settings.COMUNICACIONES_TAMANO_LOTE)
    publicados = 0
    for inicio in range(0, len(ids), tamano):
        lote = ids[inicio : inicio + tamano]
        if sellar:
            Envio.objects.filter(pk__in=lote).update(encolado_en=ahora)
        if not encolar(ENVIAR_LOTE, pieza_id, lote):
            Envio.objects.filter(pk__in=ids[inicio:]).update(encolado_en=None)
            break
        publicados += 1
    return publicados


def recuperar_envios(*, ahora: datetime | None = None) -> int:
    """Vuelve a encolar los pendientes huérfanos de las piezas en curso.

    Huérfano: reclamado hace más de COMUNICACIONES_RECLAMO_VENCE_SEGUNDOS (su
    trabajador murió), o sin reclamar y encolado hace más que eso o nunca (su
    mensaje se perdió). También cierra las piezas en curso sin pendientes (el
    último lote murió antes de cerrarla). Devuelve cuántos envíos re-encoló.
    """
    ahora = ahora or timezone.now()
    limite = ahora - vence_reclamo()
    huerfano = Q(reclamado_en__lt=limite) | Q(
        Q(reclamado_en__isnull=True)
        & (Q(encolado_en__isnull=True) | Q(encolado_en__lt=limite))
    )
    total = 0
    for pieza_id in Pieza.objects.filter(
        estado=estados.EN_CURSO, canal__in=CANALES_CORREO
    ).values_list("pk", flat=True):
        pendientes = Envio.objects.filter(
            pieza_id=pieza_id, estado=EstadoEnvio.PENDIENTE
        )
        ids = list(
            pendientes.filter(huerfano).order_by("pk").values_list("pk", flat=True)
        )
        if ids:
            logger.warning(
                "Pieza %s: se vuelven a encolar %s envíos huérfanos", pieza_id, len(ids)
            )
            encolar_lotes(pieza_id=pieza_id, ids=ids, ahora=ahora)
            total += len(ids)
        elif not pendientes.exists():
            evaluar_pieza(pieza_id=pieza_id)
    return total
