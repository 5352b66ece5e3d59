"""Encolar tareas de Celery por su nombre, sin que un broker caído tumbe la
petición del ciudadano.

La regla de la casa: las tareas (`<app>/tasks.py`) importan los servicios; los
servicios nunca importan tareas. Un servicio que necesita trabajo en segundo
plano lo pide por el nombre registrado de la tarea («app.tasks.nombre») con
estas funciones, así no hay ciclos de importación. Sin broker
(`CELERY_TASK_ALWAYS_EAGER`) la tarea corre en línea, en el mismo proceso.
"""

import logging
from functools import cache, partial

from django.db import transaction

from sanpedro_gel.celery import app

logger = logging.getLogger(__name__)


@cache
def _tareas_cargadas() -> None:
    # El proceso web no arranca como trabajador: el autodescubrimiento de
    # Celery (los tasks.py de cada app) se hace aquí, una vez.
    app.loader.import_default_modules()


def tarea(nombre: str):
    """La tarea registrada con ese nombre; KeyError si no existe."""
    _tareas_cargadas()
    return app.tasks[nombre]


def encolar(nombre: str, *args, **kwargs) -> bool:
    """Publica la tarea `nombre` ya mismo. Devuelve False (y lo registra) si no
    se pudo.

    Solo para trabajo que tiene un barrido periódico de respaldo: quien llama
    acepta que, si el broker no responde, el barrido lo hará después.
    """
    registrada = tarea(nombre)
    try:
        registrada.delay(*args, **kwargs)
    except Exception:
        logger.warning(
            "No se pudo encolar %s%r; lo retomará el barrido periódico.",
            nombre,
            args,
            exc_info=True,
        )
        return False
    return True


def encolar_al_confirmar(nombre: str, *args, **kwargs) -> None:
    """Encola la tarea `nombre` cuando la transacción en curso se confirme
    (nunca antes). Una tarea inexistente falla aquí, no después del commit."""
    tarea(nombre)
    transaction.on_commit(partial(encolar, nombre, *args, **kwargs))
