"""Excepciones de dominio del plan de comunicaciones. Vistas y admin muestran su
texto tal cual; los pasos de estado no permitidos y los conflictos usan las del
núcleo (`sanpedro_gel.excepciones`)."""

from sanpedro_gel.excepciones import ErrorDelPortal


class ErrorDeComunicaciones(ErrorDelPortal):
    """Base de las excepciones propias del plan."""


class PiezaIncompleta(ErrorDeComunicaciones):
    """A la pieza le falta algo para programarse; `errores` dice qué."""

    def __init__(self, errores: list[str]):
        super().__init__(" ".join(errores))
        self.errores = errores


class TareaNoCerrable(ErrorDeComunicaciones):
    """La tarea de difusión no se puede cerrar (ya cerrada, sin evidencia…)."""


class MensajeInvalido(ErrorDeComunicaciones):
    """Un mensaje de la conversación en vivo vacío o demasiado largo."""
