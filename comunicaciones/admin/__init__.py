"""Admin del plan de comunicaciones, un módulo por área."""

from comunicaciones.admin import (
    audiencias,
    campanas,
    directorio,
    encuestas,
    envios,
    piezas,
    plan,
    tareas,
)

__all__ = [
    "audiencias",
    "campanas",
    "directorio",
    "encuestas",
    "envios",
    "piezas",
    "plan",
    "tareas",
]
