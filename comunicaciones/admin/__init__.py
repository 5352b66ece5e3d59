"""Admin del plan de comunicaciones, un módulo por área."""

from comunicaciones.admin import audiencias, campanas, directorio, piezas, tareas

__all__ = ["audiencias", "campanas", "directorio", "piezas", "tareas"]
