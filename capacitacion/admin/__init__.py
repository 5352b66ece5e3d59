"""Admin de la capacitación: jornadas, y asistencias con sus certificados."""

from capacitacion.admin import asistencias, jornadas

__all__ = ["asistencias", "jornadas"]
