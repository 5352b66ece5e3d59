"""Los pasos de cada trámite: la definición de su formulario por pasos.

Cada trámite registra aquí su `Definicion`: los pasos del formulario, la
validación completa que se repite al radicar, quién es el solicitante y el
resumen legible de lo radicado (página de revisión, constancia, admin).
"""

from tramites.pasos.base import Definicion, Paso, definicion_de, registrar

__all__ = ["Definicion", "Paso", "definicion_de", "registrar"]
