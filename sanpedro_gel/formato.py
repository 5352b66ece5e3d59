"""Fechas, números y duraciones como se escriben en español de Colombia.

Las traducciones de Django escriben meses y días con mayúscula («21 de
Diciembre»); en español van en minúscula. El separador decimal es la coma
(«0,7 horas»). Pantallas, correos y PDF usan estas funciones, así se escribe
igual en todas partes.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import formats, timezone

from sanpedro_gel.reloj import BOGOTA


def _local(valor: datetime) -> datetime:
    return timezone.localtime(valor, BOGOTA) if timezone.is_aware(valor) else valor


def fecha_larga(valor: date | datetime | None, *, dia_semana: bool = False) -> str:
    """21 de diciembre de 2026 (o «lunes 21 de diciembre de 2026»)."""
    if not valor:
        return ""
    if isinstance(valor, datetime):
        valor = _local(valor)
    formato = "l j \\d\\e F \\d\\e Y" if dia_semana else "j \\d\\e F \\d\\e Y"
    return formats.date_format(valor, formato).lower()


def fecha_corta(valor: date | datetime | None) -> str:
    """21 dic. 2026: para tablas y listas."""
    if not valor:
        return ""
    if isinstance(valor, datetime):
        valor = _local(valor)
    return formats.date_format(valor, "j M Y").lower()


def hora(valor: datetime) -> str:
    """3:04 p. m."""
    local = _local(valor)
    sufijo = "a. m." if local.hour < 12 else "p. m."
    return f"{formats.date_format(local, 'g:i')} {sufijo}"


def hora_del_dia(valor: time | None) -> str:
    """Una hora sin fecha (un horario de atención): «8:00 a. m.», «12:00 m.»,
    «2:30 p. m.», como se escribe en Colombia."""
    if valor is None:
        return ""
    if valor.hour == 12 and valor.minute == 0:
        return "12:00 m."
    sufijo = "a. m." if valor.hour < 12 else "p. m."
    return f"{(valor.hour - 1) % 12 + 1}:{valor.minute:02d} {sufijo}"


def fecha_hora(valor: datetime | None, *, segundos: bool = False) -> str:
    """21 de diciembre de 2026, 3:04 p. m."""
    if not valor:
        return ""
    local = _local(valor)
    if segundos:
        sufijo = "a. m." if local.hour < 12 else "p. m."
        return f"{fecha_larga(local)}, {formats.date_format(local, 'g:i:s')} {sufijo}"
    return f"{fecha_larga(local)}, {hora(local)}"


def numero(valor: int | float | Decimal | None, decimales: int | None = None) -> str:
    """1.234,5: punto de miles y coma decimal. Sin `decimales`, los que tenga
    el número, sin ceros sobrantes («0,7», «2», «12,25»)."""
    if valor is None or valor == "":
        return ""
    if decimales is None:
        texto = f"{Decimal(str(valor)).normalize():f}"
        entero, _, fraccion = texto.partition(".")
    else:
        texto = f"{Decimal(str(valor)):.{decimales}f}"
        entero, _, fraccion = texto.partition(".")
    signo = "-" if entero.startswith("-") else ""
    entero = entero.lstrip("-")
    con_miles = f"{int(entero):,}".replace(",", ".")
    return f"{signo}{con_miles},{fraccion}" if fraccion else f"{signo}{con_miles}"


def porcentaje(parte: float, total: float, decimales: int = 0) -> str:
    """«62 %» (con espacio, como lo escribe la RAE); «—» si no hay total."""
    if not total:
        return "—"
    return f"{numero(round(100 * parte / total, decimales), decimales)} %"


def plural(cantidad: int | float | Decimal, singular: str, varios: str) -> str:
    """«1 mes», «2 meses», «0,5 horas»: la cantidad con su palabra concordada."""
    palabra = singular if cantidad == 1 else varios
    return f"{numero(cantidad)} {palabra}"


def horas(valor: int | float | Decimal | timedelta | None) -> str:
    """Una duración en horas: «1 hora», «0,7 horas», «1,5 horas»."""
    if valor is None or valor == "":
        return ""
    if isinstance(valor, timedelta):
        valor = round(Decimal(valor.total_seconds()) / 3600, 2)
    return plural(valor, "hora", "horas")


def minutos(duracion: timedelta) -> int:
    """Una duración en minutos enteros (al menos 1), para textos al ciudadano."""
    return max(1, round(duracion.total_seconds() / 60))
