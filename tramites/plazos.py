"""Cálculo de términos en días hábiles (Ley 1755 de 2015; CPACA).

Módulo puro: no consulta la base de datos. Los días no hábiles locales (decretos
municipales) los pasa quien llama; los festivos nacionales salen del paquete
`holidays` (país CO), que incluye el 9 de julio de la Ley 2578 de 2026.
"""

from collections.abc import Collection
from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def festivos(anio: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("CO", years=anio))


def es_habil(dia: date, locales: Collection[date] = ()) -> bool:
    return dia.weekday() < 5 and dia not in festivos(dia.year) and dia not in locales


def sumar_dias_habiles(desde: date, dias: int, locales: Collection[date] = ()) -> date:
    """El día hábil número `dias` contado desde el día siguiente a `desde`.

    Así se cuentan los términos: si se radica un viernes con un día de plazo,
    vence el lunes hábil siguiente.
    """
    if dias < 0:
        raise ValueError("El número de días no puede ser negativo.")
    dia = desde
    contados = 0
    while contados < dias:
        dia += timedelta(days=1)
        if es_habil(dia, locales):
            contados += 1
    return dia


def dias_habiles_entre(desde: date, hasta: date, locales: Collection[date] = ()) -> int:
    """Días hábiles en el intervalo (desde, hasta]; negativo si `hasta` es anterior."""
    if hasta < desde:
        return -dias_habiles_entre(hasta, desde, locales)
    return sum(
        1
        for n in range(1, (hasta - desde).days + 1)
        if es_habil(desde + timedelta(days=n), locales)
    )


def ventana_para(desde: date, dias: int) -> tuple[date, date]:
    """Intervalo de fechas que cubre con holgura `dias` hábiles desde `desde`.

    Sirve para pedir a la base de datos solo los días no hábiles locales que
    pueden afectar el cálculo.
    """
    return desde, desde + timedelta(days=dias * 2 + 40)
