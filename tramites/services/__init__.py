"""Toda escritura y efecto de los trámites pasa por aquí (un módulo por tema).

Los servicios no importan tareas: lo que va en segundo plano son los correos,
que quedan en la bandeja de salida del núcleo (`services.avisos`).
"""

from sanpedro_gel.excepciones import ConflictoDeEstado, TransicionInvalida
from tramites.excepciones import SolicitudIncompleta
from tramites.services.flujo import cambiar_estado
from tramites.services.radicacion import generar_constancia, radicar_solicitud

__all__ = [
    "ConflictoDeEstado",
    "SolicitudIncompleta",
    "TransicionInvalida",
    "cambiar_estado",
    "generar_constancia",
    "radicar_solicitud",
]
