"""Los formularios por pasos de cada trámite.

Cada trámite registra aquí su `Definicion`: los pasos del formulario, la
validación completa que se repite al radicar, quién es el solicitante y el
resumen legible de lo radicado (página de revisión, constancia, admin).
"""

from tramites.formularios.base import Definicion, Paso, definicion_de, registrar

__all__ = ["Definicion", "Paso", "definicion_de", "registrar"]
