"""Las tablas de estados de la capacitación. Sin consultas ni efectos: solo reglas.

Jornada:

```
BORRADOR ──convocar──► CONVOCADA ──cerrar (ya terminó)──► REALIZADA
    │                      │
    └───────cancelar───────┴──► CANCELADA
```

Se cierra, y con eso se expiden los certificados, solo cuando pasó la hora de
fin (`cerrable`): antes nadie sabe quién se quedó hasta el final. Se reprograma
solo a una fecha futura (`problema_al_reprogramar`).

Además de moverla, con una jornada se hace esto sin cambiar su estado
(`ACCIONES`): convocarla otra vez amplía la lista de una ya convocada; se
reprograma mientras no esté realizada ni cancelada; la asistencia se registra
en una convocada y en una realizada (una lista firmada que llega tarde).

Asistencia (una persona en la lista de una jornada):

```
CONVOCADA ──confirma──► CONFIRMADA
    │                       │
    └────firma la lista─────┴──► ASISTIO ──se quita──► CONVOCADA | CONFIRMADA
```

Quien llega sin estar convocado entra a la lista y pasa a ASISTIO en el mismo
paso. Al quitar la asistencia vuelve a como estaba: CONFIRMADA si había
confirmado.

Un solo módulo escribe `estado`: `capacitacion/services/transiciones.py`.
"""

from datetime import datetime

from capacitacion.models import EstadoAsistencia, EstadoJornada
from sanpedro_gel.estados import tabla

_J = EstadoJornada
_A = EstadoAsistencia

JORNADA = tabla(
    "la jornada",
    {
        _J.BORRADOR: {_J.CONVOCADA, _J.CANCELADA},
        _J.CONVOCADA: {_J.REALIZADA, _J.CANCELADA},
        _J.REALIZADA: set(),
        _J.CANCELADA: set(),
    },
    dict(_J.choices),
)

ASISTENCIA = tabla(
    "la asistencia",
    {
        _A.CONVOCADA: {_A.CONFIRMADA, _A.ASISTIO},
        _A.CONFIRMADA: {_A.ASISTIO},
        _A.ASISTIO: {_A.CONVOCADA, _A.CONFIRMADA},
    },
    dict(_A.choices),
)


def _pueden_pasar_a(destino: str) -> frozenset[str]:
    return frozenset(e for e in JORNADA.transiciones if JORNADA.permitida(e, destino))


# En qué estados de la jornada se puede hacer cada cosa.
ACCIONES: dict[str, frozenset[str]] = {
    "convocar": _pueden_pasar_a(_J.CONVOCADA) | {_J.CONVOCADA},
    "reprogramar": frozenset(JORNADA.transiciones) - JORNADA.finales,
    "cancelar": _pueden_pasar_a(_J.CANCELADA),
    "cerrar": _pueden_pasar_a(_J.REALIZADA),
    "registrar_asistencia": frozenset({_J.CONVOCADA, _J.REALIZADA}),
}


def admite(estado: str, accion: str) -> bool:
    """Si una jornada en `estado` admite `accion` (una clave de `ACCIONES`)."""
    return estado in ACCIONES[accion]


def cerrable(estado: str, *, fin: datetime, ahora: datetime) -> bool:
    """Si una jornada en `estado` que termina a las `fin` se puede cerrar ya."""
    return admite(estado, "cerrar") and ahora >= fin


def problema_al_reprogramar(
    estado: str, *, inicio: datetime, fin: datetime, ahora: datetime
) -> str | None:
    """Por qué una jornada en `estado` no puede pasar a `inicio`–`fin`; None si
    puede. El formulario lo muestra junto al campo y el servicio lo exige."""
    if not admite(estado, "reprogramar"):
        return f"Una jornada {JORNADA.etiqueta(estado).lower()} no se reprograma."
    if fin <= inicio:
        return "La hora de fin debe ser posterior a la de inicio."
    if inicio <= ahora:
        return "La nueva fecha debe ser futura."
    return None
