"""Los trabajos periódicos del portal embebido, sin Redis ni Celery beat.

Lee el mismo `CELERY_BEAT_SCHEDULE` que usa beat en producción y ejecuta cada
tarea en este proceso cuando le toca. `make run` lo arranca junto al servidor.
Nada lo detiene salvo Ctrl-C o SIGTERM: la falla de un trabajo se registra (en
el log y en `EjecucionPeriodica`, que ven `/salud/` y el admin) y el trabajo se
reintenta al minuto; una falla del propio programador se registra y el ciclo
sigue.
"""

import contextlib
import logging
import signal
import time
from datetime import timedelta

from celery.beat import Scheduler
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from sanpedro_gel import periodicos
from sanpedro_gel.celery import app

logger = logging.getLogger(__name__)

REINTENTO = timedelta(minutes=1)
# El ciclo despierta al menos cada tanto para atender Ctrl-C y trabajos nuevos.
ESPERA_MAXIMA = 5.0


class ProgramadorEnProceso(Scheduler):
    """Programador de Celery que ejecuta las tareas aquí en vez de publicarlas."""

    def __init__(self, *args, **kwargs):
        # Trabajos que fallaron: nombre → cuándo reintentarlos.
        self.reintentos = {}
        super().__init__(*args, **kwargs)

    def is_due(self, entry):
        reintento = self.reintentos.get(entry.name)
        if reintento is None:
            return super().is_due(entry)
        faltan = (reintento - self.app.now()).total_seconds()
        if faltan <= 0:
            return True, REINTENTO.total_seconds()
        return False, faltan

    def apply_async(self, entry, producer=None, advance=True, **kwargs):
        entry = self.reserve(entry) if advance else entry
        tarea = self.app.tasks[entry.task]
        try:
            # Sin propagar: así la falla pasa por las señales de Celery (que la
            # anotan para /salud/ y el admin), igual que en un trabajador.
            resultado = tarea.apply(args=entry.args, kwargs=entry.kwargs, throw=False)
        except Exception:
            logger.exception("No se pudo ejecutar el trabajo periódico %s", entry.name)
            resultado = None
        finally:
            close_old_connections()
        if resultado is None or resultado.failed():
            if resultado is not None:
                logger.error(
                    "Falló el trabajo periódico %s:\n%s",
                    entry.name,
                    resultado.traceback,
                )
            # Un trabajo diario que falla no espera al día siguiente.
            self.reintentos[entry.name] = self.app.now() + REINTENTO
            return None
        self.reintentos.pop(entry.name, None)
        return resultado


def ciclo(programador, *, seguir, dormir=time.sleep) -> None:
    """Mientras `seguir()`: un `tick()` del programador y a dormir lo que toque.
    Ninguna excepción lo termina."""
    while seguir():
        try:
            espera = programador.tick()
        except Exception:
            logger.exception("El programador de trabajos periódicos falló")
            close_old_connections()
            espera = 1.0
        dormir(espera_segura(espera))


def espera_segura(espera: float | None) -> float:
    """Cuánto dormir tras un `tick()`: Celery puede devolver una espera negativa
    cuando un trabajo en línea tardó más que su intervalo, o None."""
    if espera is None:
        return 1.0
    return min(max(espera, 0.0), ESPERA_MAXIMA)


class Command(BaseCommand):
    help = "Ejecuta los trabajos periódicos (los de Celery beat) en este proceso."

    def add_arguments(self, parser):
        parser.add_argument(
            "--una-vez",
            action="store_true",
            help="Ejecuta cada trabajo una sola vez, en orden, y termina.",
        )

    def handle(self, *args, **options):
        app.loader.import_default_modules()
        programador = ProgramadorEnProceso(app=app)
        nombres = sorted(programador.schedule)
        periodicos.asegurar_filas()
        if options["una_vez"]:
            for nombre in nombres:
                self.stdout.write(f"Ejecutando {nombre}")
                programador.apply_async(programador.schedule[nombre], advance=False)
            return

        self.stdout.write(f"Trabajos periódicos en marcha: {', '.join(nombres)}")
        detenido = False

        def detener(*_):
            nonlocal detenido
            detenido = True

        signal.signal(signal.SIGTERM, detener)
        with contextlib.suppress(KeyboardInterrupt):
            ciclo(programador, seguir=lambda: not detenido)
        self.stdout.write("Trabajos periódicos detenidos.")
