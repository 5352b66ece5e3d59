"""Lo que las apps de arriba aportan al tablero del plan.

`comunicaciones` no importa a `capacitacion`: esta se inscribe aquí desde su
`AppConfig.ready()` con una función que el tablero llama. Un aporte que nadie
inscribió se muestra como «sin datos». (Las cifras de las preguntas de la
asesoría las calcula `comunicaciones` misma: `services/cifras_asesoria.py`.)

| clave               | quién        | la función devuelve                          |
| ------------------- | ------------ | -------------------------------------------- |
| `jornadas`          | capacitación | `list[JornadaDelPlan]` (`desde`, `hasta`)    |
| `cobertura`         | capacitación | `dict[int, CoberturaDelPlan]` por actividad  |
| `sesiones_asesoria` | capacitación | `SesionesDeAsesoria` (`desde`, `hasta`)      |

Cada función debe leer con un número fijo de consultas: el tablero promete no
crecer con las campañas ni las jornadas.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

CLAVES = frozenset({"jornadas", "cobertura", "sesiones_asesoria"})

_aportes: dict[str, Callable] = {}


@dataclass(frozen=True)
class JornadaDelPlan:
    """Una sesión de formación tal como la muestra el tablero."""

    titulo: str
    tipo: str
    inicio: datetime
    estado: str
    convocados: int
    asistieron: int
    actividades: frozenset[int] = field(default_factory=frozenset)
    url: str = ""


@dataclass(frozen=True)
class CoberturaDelPlan:
    """Cuánto del personal (de su población) ya se formó en una actividad."""

    personal: int
    asistieron: int

    @property
    def porcentaje(self) -> float | None:
        return 100 * self.asistieron / self.personal if self.personal else None


@dataclass(frozen=True)
class SesionesDeAsesoria:
    """Las sesiones de asesoría ciudadana del periodo: cuántas, cuántos
    ciudadanos inscritos con cupo y cuántos asistieron."""

    jornadas: int
    inscritos: int
    asistieron: int


def registrar(clave: str, funcion: Callable) -> None:
    """Inscribe el aporte `clave`. Inscribirlo dos veces deja el último."""
    if clave not in CLAVES:
        raise ValueError(f"Aporte desconocido para el tablero del plan: {clave}")
    _aportes[clave] = funcion


def leer(clave: str, **kwargs):
    """Lo que aporta `clave`, o None si nadie lo inscribió («sin datos»)."""
    funcion = _aportes.get(clave)
    return None if funcion is None else funcion(**kwargs)
