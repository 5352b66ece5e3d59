"""Los trabajos periódicos del portal embebido, sin Redis ni Celery beat.

Lee el mismo `CELERY_BEAT_SCHEDULE` que usa beat en producción y ejecuta cada
tarea en este proceso cuando le toca. `make run` lo arranca junto al servidor.
"""

import logging
import signal
import time

from celery.beat import Scheduler
from django.core.management.base import BaseCommand

from sanpedro_gel.celery import app

logger = logging.getLogger(__name__)


class ProgramadorEnProceso(Scheduler):
    """Programador de Celery que ejecuta las tareas aquí en vez de publicarlas."""

    def apply_async(self, entry, producer=None, advance=True, **kwargs):
        entry = self.reserve(entry) if advance else entry
        tarea = self.app.tasks[entry.task]
        try:
            return tarea.apply(args=entry.args, kwargs=entry.kwargs, throw=True)
        except Exception:
            logger.exception("Falló el trabajo periódico %s", entry.name)
            return None


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
        try:
            while not detenido:
                espera = programador.tick()
                time.sleep(min(espera, 5) if espera else 1)
        except KeyboardInterrupt:
            pass
        self.stdout.write("Trabajos periódicos detenidos.")
