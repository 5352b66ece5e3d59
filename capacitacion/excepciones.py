"""Excepciones de la capacitación; vistas y admin muestran su texto tal cual.

Un paso que el estado de la jornada no admite es `TransicionInvalida` y un
enlace de confirmación que no sirve es `EnlaceInvalido`, las del núcleo.
"""

from sanpedro_gel.excepciones import ErrorDelPortal


class ErrorDeCapacitacion(ErrorDelPortal):
    """Base de las reglas propias de la capacitación."""


class MaterialIncompleto(ErrorDeCapacitacion):
    """El material no tiene archivo ni enlace."""


class InscripcionNoDisponible(ErrorDeCapacitacion):
    """La jornada no recibe inscripciones de ciudadanos (no es asesoría, no
    está convocada o ya empezó)."""


class CodigoDeLlegadaInvalido(ErrorDeCapacitacion):
    """El código tecleado en la entrada no es de una inscripción con cupo en
    esa jornada."""
