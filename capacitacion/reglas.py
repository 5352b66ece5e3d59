"""Reglas puras de la capacitación: los temas del plan y la hora de cada aviso.

Sin base de datos: se prueban solas. Los temas son las actividades del plan
(`comunicaciones/estructura.py`). Todo se calcula en hora de Colombia, así
«7 días antes a las 8:00» es a las 8:00 de Bogotá aunque el servidor o la vista
activa usen otra zona.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from comunicaciones.estructura import ACTIVIDADES, DEMANDA, INSTITUCIONAL, TECNOLOGICO
from sanpedro_gel.formato import fecha_larga
from sanpedro_gel.reloj import BOGOTA, en_bogota

# Las actividades 1–9 del plan, con su componente: las fija el plan.
TEMAS = ACTIVIDADES


def nombre_del_tema(numero: int) -> str:
    componente, nombre = TEMAS[numero]
    return f"{numero}. {nombre} ({componente.lower()})"


def temas_por_componente(numeros) -> list[tuple[str, list[str]]]:
    """[(componente, [«1. …», …]), …] en el orden del plan, sin componentes vacíos."""
    grupos: dict[str, list[str]] = {}
    for numero in sorted(set(numeros)):
        if numero in TEMAS:
            componente, nombre = TEMAS[numero]
            grupos.setdefault(componente, []).append(f"{numero}. {nombre}")
    return [
        (c, grupos[c]) for c in (INSTITUCIONAL, TECNOLOGICO, DEMANDA) if c in grupos
    ]


@dataclass(frozen=True)
class Regla:
    """«`dias_antes` días antes del inicio, a las `hora`» (sin hora: a la misma
    hora del inicio)."""

    dias_antes: int
    hora: time | None = None

    def momento(self, inicio: datetime) -> datetime:
        return calcular_envio(inicio=inicio, dias_antes=self.dias_antes, hora=self.hora)


def calcular_envio(*, inicio: datetime, dias_antes: int, hora: time | None) -> datetime:
    """El instante de un aviso relativo al inicio de la jornada.

    Se cuenta en días de calendario de Colombia (no en bloques de 24 horas), y la
    hora es la del reloj de Bogotá.
    """
    local = en_bogota(inicio)
    dia = local.date() - timedelta(days=dias_antes)
    return datetime.combine(
        dia, hora or local.time().replace(tzinfo=None), tzinfo=BOGOTA
    )


def describir_regla(dias_antes: int, hora: time | None) -> str:
    cuando = {0: "El mismo día", 1: "1 día antes"}.get(
        dias_antes, f"{dias_antes} días antes"
    )
    if hora is None:
        return f"{cuando}, a la hora de inicio"
    return f"{cuando} a las {hora.hour}:{hora.minute:02d}"


def _hora(momento: datetime) -> str:
    if (momento.hour, momento.minute) == (12, 0):
        return "12:00 m."
    sufijo = "a. m." if momento.hour < 12 else "p. m."
    return f"{(momento.hour % 12) or 12}:{momento.minute:02d} {sufijo}"


def describir_horario(inicio: datetime, fin: datetime) -> str:
    """«martes 15 de diciembre de 2026, de 8:00 a. m. a 12:00 m.» (hora de
    Colombia)."""
    desde, hasta = en_bogota(inicio), en_bogota(fin)
    dia = fecha_larga(desde.replace(tzinfo=None), dia_semana=True)
    if desde.date() == hasta.date():
        return f"{dia}, de {_hora(desde)} a {_hora(hasta)}"
    hasta_dia = fecha_larga(hasta.replace(tzinfo=None), dia_semana=True)
    return f"desde el {dia}, {_hora(desde)}, hasta el {hasta_dia}, {_hora(hasta)}"
