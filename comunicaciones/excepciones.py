"""Excepciones de dominio del plan de comunicaciones; vistas y admin las
convierten en mensajes para la persona."""


class ErrorDeComunicaciones(Exception):
    """Base: el mensaje está escrito para mostrarse tal cual."""


class TransicionInvalida(ErrorDeComunicaciones):
    """La pieza no puede pasar de su estado actual al pedido."""


class ConflictoDeEstado(ErrorDeComunicaciones):
    """Otra persona o proceso cambió la pieza mientras tanto."""


class PiezaIncompleta(ErrorDeComunicaciones):
    """A la pieza le falta algo para programarse; `errores` dice qué."""

    def __init__(self, errores: list[str]):
        super().__init__(" ".join(errores))
        self.errores = errores


class EnlaceInvalido(ErrorDeComunicaciones):
    """Un enlace firmado (confirmación, baja) no es válido o venció."""


class TareaNoCerrable(ErrorDeComunicaciones):
    """La tarea de difusión no se puede cerrar (ya cerrada, sin evidencia…)."""
