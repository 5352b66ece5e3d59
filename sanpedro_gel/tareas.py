"""Encolar tareas sin que un broker caído tumbe la petición del ciudadano."""

import logging
from functools import partial

from django.db import transaction

logger = logging.getLogger(__name__)


def encolar(tarea, *args, **kwargs) -> bool:
    """Publica `tarea` ya mismo. Devuelve False (y lo registra) si no se pudo.

    Solo para trabajo que tiene un barrido periódico de respaldo: quien llama
    acepta que, si el broker no responde, el barrido lo hará después.
    """
    try:
        tarea.delay(*args, **kwargs)
    except Exception:
        logger.warning(
            "No se pudo encolar %s%r; lo retomará el barrido periódico.",
            tarea.name,
            args,
            exc_info=True,
        )
        return False
    return True


def encolar_al_confirmar(tarea, *args, **kwargs) -> None:
    """Encola `tarea` cuando la transacción en curso se confirme (nunca antes)."""
    transaction.on_commit(partial(encolar, tarea, *args, **kwargs))
