"""Toda escritura y efecto de los trámites pasa por aquí."""

from tramites.services.flujo import (
    ConflictoDeEstado,
    TransicionInvalida,
    cambiar_estado,
)
from tramites.services.radicacion import (
    SolicitudIncompleta,
    completar_efectos_pendientes,
    enviar_acuse,
    generar_constancia,
    radicar_solicitud,
)

__all__ = [
    "ConflictoDeEstado",
    "SolicitudIncompleta",
    "TransicionInvalida",
    "cambiar_estado",
    "completar_efectos_pendientes",
    "enviar_acuse",
    "generar_constancia",
    "radicar_solicitud",
]
