"""Los trabajos periódicos: cuáles son, cuándo corrió bien cada uno y cuáles
están atrasados.

`CELERY_BEAT_SCHEDULE` es la única lista. Cada vez que una de sus tareas
termina —en un trabajador bajo Celery beat o en `ejecutar_periodicos` del portal
embebido— las señales de Celery anotan en `EjecucionPeriodica` el éxito o la
falla. Un trabajo está atrasado cuando pasó más del doble de su intervalo sin
una ejecución correcta: entonces `/salud/` responde 503 y el admin lo avisa.
Así un programador que murió no pasa inadvertido.

Las tareas que devuelven un resultado (los trabajos de depuración: cuántos
borradores o suscripciones borraron) dejan además una fila `CorridaPeriodica`
por ejecución, la constancia de cada depuración (Ley 1581 de 2012).
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from celery.schedules import crontab
from celery.signals import task_failure, task_success
from django.conf import settings
from django.db.models import F
from django.utils import timezone

from sanpedro_gel.models import CorridaPeriodica, EjecucionPeriodica
from sanpedro_gel.reloj import BOGOTA

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class EstadoTrabajo:
    nombre: str
    tarea: str
    intervalo: timedelta
    ultima_ok_en: datetime | None
    ultima_falla_en: datetime | None
    ultimo_error: str
    fallas_seguidas: int
    atrasado: bool


def intervalo(programa) -> timedelta:
    """Cada cuánto corre una entrada del programa de beat."""
    if isinstance(programa, timedelta):
        return programa
    if isinstance(programa, crontab):
        return _intervalo_crontab(programa)
    return programa.run_every


def _intervalo_crontab(programa: crontab) -> timedelta:
    # El mayor hueco entre dos disparos seguidos en una semana de minutos: el
    # plazo justo para decir que un trabajo diario (o semanal) no corrió.
    inicio = datetime(2026, 1, 5, tzinfo=BOGOTA)  # un lunes
    disparos = []
    for minuto in range(8 * 24 * 60):
        momento = inicio + timedelta(minutes=minuto)
        if (
            momento.minute in programa.minute
            and momento.hour in programa.hour
            and momento.isoweekday() % 7 in programa.day_of_week
            and momento.day in programa.day_of_month
            and momento.month in programa.month_of_year
        ):
            disparos.append(momento)
    if len(disparos) < 2:
        return timedelta(days=31)
    return max(b - a for a, b in zip(disparos, disparos[1:], strict=False))


@cache
def _programa() -> dict[str, tuple[str, timedelta]]:
    return {
        nombre: (entrada["task"], intervalo(entrada["schedule"]))
        for nombre, entrada in settings.CELERY_BEAT_SCHEDULE.items()
    }


def _entradas_de(tarea: str) -> list[str]:
    return [nombre for nombre, (t, _) in _programa().items() if t == tarea]


def asegurar_filas() -> None:
    """Una fila por trabajo del programa (idempotente): desde su creación se
    cuenta el atraso de un trabajo que nunca corrió."""
    existentes = set(EjecucionPeriodica.objects.values_list("nombre", flat=True))
    EjecucionPeriodica.objects.bulk_create(
        [
            EjecucionPeriodica(nombre=nombre, tarea=tarea)
            for nombre, (tarea, _) in _programa().items()
            if nombre not in existentes
        ],
        ignore_conflicts=True,
    )


def anotar_exito(*, tarea: str, ahora: datetime | None = None) -> None:
    nombres = _entradas_de(tarea)
    if not nombres:
        return
    asegurar_filas()
    EjecucionPeriodica.objects.filter(nombre__in=nombres).update(
        ultima_ok_en=ahora or timezone.now(), fallas_seguidas=0
    )


def anotar_corrida(*, tarea: str, resultado, ahora: datetime | None = None) -> None:
    """Una fila por ejecución de una tarea del programa que devolvió algo."""
    if resultado is None:
        return
    nombres = _entradas_de(tarea)
    CorridaPeriodica.objects.bulk_create(
        [
            CorridaPeriodica(
                nombre=nombre,
                tarea=tarea,
                terminada_en=ahora or timezone.now(),
                resultado=resultado
                if isinstance(resultado, dict)
                else {"total": resultado},
            )
            for nombre in nombres
        ]
    )


def anotar_falla(*, tarea: str, error: str, ahora: datetime | None = None) -> None:
    nombres = _entradas_de(tarea)
    if not nombres:
        return
    asegurar_filas()
    EjecucionPeriodica.objects.filter(nombre__in=nombres).update(
        ultima_falla_en=ahora or timezone.now(),
        ultimo_error=error[:1000],
        fallas_seguidas=F("fallas_seguidas") + 1,
    )


def atrasada(fila: EjecucionPeriodica, *, ahora: datetime | None = None) -> bool:
    """Si el trabajo de `fila` lleva más del doble de su intervalo sin correr bien
    (contando desde que se vigila, si nunca corrió)."""
    programa = _programa().get(fila.nombre)
    if programa is None:
        return False
    desde = fila.ultima_ok_en or fila.vigilado_desde
    return (ahora or timezone.now()) - desde > 2 * programa[1]


def estados(*, ahora: datetime | None = None) -> list[EstadoTrabajo]:
    """El estado de cada trabajo del programa, en el orden del programa."""
    ahora = ahora or timezone.now()
    asegurar_filas()
    filas = {f.nombre: f for f in EjecucionPeriodica.objects.all()}
    resultado = []
    for nombre, (tarea, cada) in _programa().items():
        fila = filas[nombre]
        resultado.append(
            EstadoTrabajo(
                nombre=nombre,
                tarea=tarea,
                intervalo=cada,
                ultima_ok_en=fila.ultima_ok_en,
                ultima_falla_en=fila.ultima_falla_en,
                ultimo_error=fila.ultimo_error,
                fallas_seguidas=fila.fallas_seguidas,
                atrasado=atrasada(fila, ahora=ahora),
            )
        )
    return resultado


def con_problemas(*, ahora: datetime | None = None) -> list[EstadoTrabajo]:
    """Los atrasados y los que fallaron en su última ejecución."""
    return [e for e in estados(ahora=ahora) if e.atrasado or e.fallas_seguidas]


@task_success.connect
def _al_terminar_bien(sender=None, result=None, **_):
    try:
        anotar_exito(tarea=sender.name)
        anotar_corrida(tarea=sender.name, resultado=result)
    except Exception:
        logger.exception("No se pudo anotar la ejecución de %s", sender.name)


@task_failure.connect
def _al_fallar(sender=None, exception=None, **_):
    try:
        anotar_falla(
            tarea=sender.name, error=f"{type(exception).__name__}: {exception}"
        )
    except Exception:
        logger.exception("No se pudo anotar la falla de %s", sender.name)
