"""Excepciones de dominio de la capacitación; vistas y admin las convierten en
mensajes para la persona (el texto se muestra tal cual)."""

from comunicaciones.excepciones import ErrorDeComunicaciones


class ErrorDeCapacitacion(ErrorDeComunicaciones):
    """Base. Hereda de la de comunicaciones para que el admin compartido
    (`ejecutar_servicio`) la convierta en mensaje igual que las del plan."""


class TransicionInvalida(ErrorDeCapacitacion):
    """La jornada no puede pasar de su estado actual al pedido."""


class EnlaceInvalido(ErrorDeCapacitacion):
    """El enlace firmado de confirmación no es válido, venció o ya no aplica."""


class MaterialIncompleto(ErrorDeCapacitacion):
    """El material no tiene archivo ni enlace."""
