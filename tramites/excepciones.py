"""Excepciones de dominio de los trámites; vistas y admin muestran su texto tal
cual. Las de estado son las del núcleo (`TransicionInvalida`,
`ConflictoDeEstado`), que también lanza `mover_estado`."""

from sanpedro_gel.excepciones import ErrorDelPortal


class ErrorDeTramites(ErrorDelPortal):
    """Base de las excepciones propias de los trámites."""


class SolicitudIncompleta(ErrorDeTramites):
    """No pasa la validación completa; `errores` dice qué falta en cada paso."""

    def __init__(self, errores: dict[str, list[str]]):
        super().__init__("La solicitud tiene datos incompletos o inválidos.")
        self.errores = errores


class ArchivoRechazado(ErrorDeTramites):
    """El archivo no se admite; `mensaje` se muestra al ciudadano tal cual."""

    def __init__(self, mensaje: str):
        super().__init__(mensaje)
        self.mensaje = mensaje


class FilaInvalida(ErrorDeTramites):
    """Una fila de un CSV de importación no se puede cargar (el texto dice por qué)."""


class ReclamoRechazado(ErrorDeTramites):
    """No se puede reclamar o autorizar un registro; `mensaje` va al ciudadano."""

    def __init__(self, mensaje: str):
        super().__init__(mensaje)
        self.mensaje = mensaje
