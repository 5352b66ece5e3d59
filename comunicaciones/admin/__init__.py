"""Admin del plan de comunicaciones, un módulo por área."""

from comunicaciones.admin import (
    asesoria,
    audiencias,
    campanas,
    conversaciones,
    directorio,
    encuestas,
    envios,
    piezas,
    plan,
    tareas,
)

__all__ = [
    "asesoria",
    "audiencias",
    "campanas",
    "conversaciones",
    "directorio",
    "encuestas",
    "envios",
    "piezas",
    "plan",
    "tareas",
]
