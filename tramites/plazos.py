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
    """Días hábiles en el intervalo (desde, hasta]; negativo si `hasta` es anterior.

    Sin recorrer día por día: la bandeja lo calcula para cada fila, y una
    solicitud vencida hace dos años son cientos de días. Se cuentan los días de
    lunes a viernes por semanas completas y se restan los festivos y días
    locales que caen entre semana dentro del intervalo.
    """
    if hasta < desde:
        return -dias_habiles_entre(hasta, desde, locales)
    semanas, resto = divmod((hasta - desde).days, 7)
    dias = semanas * 5
    dia = desde + timedelta(days=semanas * 7)
    for _ in range(resto):
        dia += timedelta(days=1)
        dias += dia.weekday() < 5
    no_habiles = set(locales).union(
        *(festivos(anio) for anio in range(desde.year, hasta.year + 1))
    )
    return dias - sum(1 for d in no_habiles if desde < d <= hasta and d.weekday() < 5)


def ventana_para(desde: date, dias: int) -> tuple[date, date]:
    """Intervalo de fechas que cubre con holgura `dias` hábiles desde `desde`.

    Sirve para pedir a la base de datos solo los días no hábiles locales que
    pueden afectar el cálculo.
    """
    return desde, desde + timedelta(days=dias * 2 + 40)


def sumar_meses(desde: date, meses: int) -> date:
    """El mismo día `meses` meses después (o el último día de ese mes si no existe).

    Los plazos «de un mes» de la Ley 1755 (art. 17) son de calendario, no hábiles:
    el 31 de enero más un mes es el 28 (o 29) de febrero.
    """
    if meses < 0:
        raise ValueError("El número de meses no puede ser negativo.")
    indice = desde.month - 1 + meses
    anio, mes = desde.year + indice // 12, indice % 12 + 1
    siguiente = date(anio + mes // 12, mes % 12 + 1, 1)
    ultimo_dia = (siguiente - timedelta(days=1)).day
    return date(anio, mes, min(desde.day, ultimo_dia))


def suspender(hoy: date, vence_el: date, locales: Collection[date] = ()) -> int:
    """Días hábiles del término que quedan cuando se suspende `hoy`.

    El día de la suspensión ya corrió (el funcionario trabajó en ella): quedan
    los hábiles de (hoy, vence_el]. Negativo si el término ya estaba vencido.
    """
    return dias_habiles_entre(hoy, vence_el, locales)


def reanudar(
    hoy: date, restantes: int, vence_anterior: date, locales: Collection[date] = ()
) -> date:
    """Nuevo vencimiento cuando el término se reanuda `hoy` con `restantes` días.

    Como al radicar, se cuenta desde el día siguiente. Un término que ya estaba
    vencido al suspenderse sigue vencido en su fecha original.
    """
    if restantes <= 0:
        return vence_anterior
    return sumar_dias_habiles(hoy, restantes, locales)
