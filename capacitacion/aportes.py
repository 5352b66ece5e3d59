"""La capacitación en el tablero del plan (`comunicaciones.indicadores`): sus
jornadas con la asistencia y la cobertura de cada actividad."""

from capacitacion.services.cobertura import cobertura_del_plan, jornadas_del_plan
from comunicaciones import indicadores

indicadores.registrar("jornadas", jornadas_del_plan)
indicadores.registrar("cobertura", cobertura_del_plan)
