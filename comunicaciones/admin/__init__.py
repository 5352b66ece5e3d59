"""Admin del plan de comunicaciones, un módulo por área."""

from comunicaciones.admin import (
    audiencias,
    campanas,
    directorio,
    encuestas,
    envios,
    piezas,
    tareas,
)

__all__ = [
    "audiencias",
    "campanas",
    "directorio",
    "encuestas",
    "envios",
    "piezas",
    "tareas",
]
