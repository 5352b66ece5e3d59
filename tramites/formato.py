"""Fechas y horas como se escriben en español de Colombia.

Las traducciones de Django escriben los meses y los días con mayúscula
(«Lunes 21 de Diciembre»); en español van en minúscula. Pantallas, correos y
PDF de trámites usan estas funciones para escribir igual en todas partes.
"""

from datetime import date, datetime

from django.utils import formats, timezone


def fecha_larga(valor: date | datetime | None, *, dia_semana: bool = False) -> str:
    """21 de diciembre de 2026 (o «lunes 21 de diciembre de 2026»)."""
    if not valor:
        return ""
    if isinstance(valor, datetime):
        valor = timezone.localtime(valor) if timezone.is_aware(valor) else valor
    formato = "l j \\d\\e F \\d\\e Y" if dia_semana else "j \\d\\e F \\d\\e Y"
    return formats.date_format(valor, formato).lower()


def fecha_hora(valor: datetime | None, *, segundos: bool = False) -> str:
    """21 de diciembre de 2026, 3:04 p. m."""
    if not valor:
        return ""
    local = timezone.localtime(valor) if timezone.is_aware(valor) else valor
    hora = formats.date_format(local, "g:i:s" if segundos else "g:i")
    sufijo = "a. m." if local.hour < 12 else "p. m."
    return f"{fecha_larga(local)}, {hora} {sufijo}"
