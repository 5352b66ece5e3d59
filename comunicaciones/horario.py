"""La hora del plan: todo se programa y se muestra en hora de Colombia.

El portal fija TIME_ZONE = "America/Bogota", pero una vista podría activar otra
zona; aquí se nombra la de Bogotá explícitamente para que una pieza programada
«a las 8:00» salga a las 8:00 de Colombia sin importar la zona activa.
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
