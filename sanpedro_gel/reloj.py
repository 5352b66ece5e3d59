"""La hora del portal: todo se programa y se muestra en hora de Colombia.

Settings fija TIME_ZONE = "America/Bogota", pero una vista o el admin podrían
activar otra zona; aquí se nombra la de Bogotá explícitamente para que «a las
8:00» sea siempre las 8:00 de Colombia.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

BOGOTA = ZoneInfo("America/Bogota")


def en_bogota(momento: datetime) -> datetime:
    """`momento` (con zona) expresado en hora de Colombia."""
    return timezone.localtime(momento, BOGOTA)


def hora_de_bogota(momento: datetime) -> datetime:
    """Interpreta una fecha y hora sin zona como hora de Colombia.

    Una con zona se deja tal cual: ya nombra un instante.
    """
    if timezone.is_naive(momento):
        return timezone.make_aware(momento, BOGOTA)
    return momento


def hoy(ahora: datetime | None = None) -> date:
    return en_bogota(ahora or timezone.now()).date()


def inicio_del_dia(fecha: date) -> datetime:
    """Las 00:00 de `fecha` en Colombia, como instante con zona."""
    return datetime.combine(fecha, time.min, tzinfo=BOGOTA)


def fin_del_dia(fecha: date) -> datetime:
    """Las 00:00 del día siguiente a `fecha` (límite abierto)."""
    return inicio_del_dia(fecha + timedelta(days=1))


def a_la_hora(fecha: date, hora: time) -> datetime:
    """`fecha` a la `hora` de Colombia, como instante con zona."""
    return datetime.combine(fecha, hora, tzinfo=BOGOTA)
