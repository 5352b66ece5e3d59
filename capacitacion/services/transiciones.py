"""Los únicos escritores de `estado` en la capacitación: el de la jornada y el
de la asistencia.

Cada uno valida el paso con su tabla (`capacitacion/estados.py`) y lo escribe
con un UPDATE condicionado al estado leído: si otra persona o proceso movió la
fila en el medio, no se pisa su cambio. Los servicios de `jornadas` y de
`confirmacion` comprueban sus propias reglas y llaman aquí.
"""

from capacitacion import estados
from capacitacion.models import Asistencia, Jornada
from sanpedro_gel.transiciones import mover_estado, tomar_estado


def mover_jornada(*, jornada_id: int, origen: str, destino: str, **campos) -> None:
    """Pasa la jornada de `origen` a `destino` (y sella `actualizada_en`, que es
    la marca del evento de calendario). `ConflictoDeEstado` si ya no estaba en
    `origen`."""
    mover_estado(
        Jornada,
        pk=jornada_id,
        tabla=estados.JORNADA,
        origen=origen,
        destino=destino,
        sello="actualizada_en",
        **campos,
    )


def mover_asistencias(*, filtro: dict, origen: str, destino: str, **campos) -> int:
    """Pasa de `origen` a `destino` las asistencias de `filtro` que estén en
    `origen`, con `campos` en el mismo UPDATE. Devuelve cuántas movió: las que
    estaban en otro estado se dejan como están."""
    return tomar_estado(
        Asistencia,
        filtro=filtro,
        tabla=estados.ASISTENCIA,
        origen=origen,
        destino=destino,
        **campos,
    )
