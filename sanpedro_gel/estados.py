"""Tablas de estados: la forma común de todas, y la del mensaje de la bandeja
de salida. Sin consultas ni efectos: solo reglas.

Cada app con modelos que tienen estado declara en su `estados.py` una
`TablaDeEstados` por modelo; un solo servicio por modelo escribe `estado`, con
`sanpedro_gel.transiciones.mover_estado` (UPDATE condicionado al estado leído).

Mensaje de la bandeja de salida (`sanpedro_gel.models.Mensaje`):

```
PENDIENTE ⇄ ENVIANDO → ENVIADO
    │          │
    │          └────► FALLIDO ──► PENDIENTE (reintentar a mano)
    └───────────────► ANULADO
```

- PENDIENTE → ENVIANDO: el remitente lo reclama (solo uno gana).
- ENVIANDO → PENDIENTE: un intento falló y quedan intentos, o el remitente murió
  con el mensaje reclamado (el barrido lo devuelve tras `RECLAMO_VENCE`).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sanpedro_gel.excepciones import TransicionInvalida


@dataclass(frozen=True)
class TablaDeEstados:
    """Los pasos permitidos entre los estados de un modelo."""

    # Cómo se nombra la cosa en los mensajes: «la solicitud», «la jornada».
    nombre: str
    transiciones: Mapping[str, frozenset[str]]
    etiquetas: Mapping[str, str] = field(default_factory=dict)

    def permitida(self, origen: str, destino: str) -> bool:
        return destino in self.transiciones.get(origen, frozenset())

    def destinos(self, origen: str) -> frozenset[str]:
        return self.transiciones.get(origen, frozenset())

    @property
    def finales(self) -> frozenset[str]:
        return frozenset(e for e, destinos in self.transiciones.items() if not destinos)

    def etiqueta(self, estado: str) -> str:
        return self.etiquetas.get(estado, str(estado))

    def validar(self, origen: str, destino: str) -> None:
        """Lanza `TransicionInvalida` si el paso no está en la tabla."""
        if not self.permitida(origen, destino):
            raise TransicionInvalida(
                f"{self.nombre[:1].upper()}{self.nombre[1:]} en estado "
                f"«{self.etiqueta(origen)}» no puede pasar a "
                f"«{self.etiqueta(destino)}»."
            )


def tabla(
    nombre: str,
    transiciones: Mapping[str, Iterable[str]],
    etiquetas: Mapping[str, str] | None = None,
) -> TablaDeEstados:
    """Arma una tabla; cada estado mencionado como destino debe ser también
    origen (aunque no tenga salidas), para que la tabla esté completa."""
    congeladas = {origen: frozenset(d) for origen, d in transiciones.items()}
    sueltos = set().union(*congeladas.values()) - congeladas.keys()
    if sueltos:
        raise ValueError(f"Estados sin fila en la tabla de {nombre}: {sueltos}")
    return TablaDeEstados(nombre, congeladas, dict(etiquetas or {}))


PENDIENTE = "PENDIENTE"
ENVIANDO = "ENVIANDO"
ENVIADO = "ENVIADO"
FALLIDO = "FALLIDO"
ANULADO = "ANULADO"

MENSAJE = tabla(
    "el mensaje",
    {
        PENDIENTE: {ENVIANDO, ANULADO},
        ENVIANDO: {ENVIADO, PENDIENTE, FALLIDO, ANULADO},
        ENVIADO: set(),
        FALLIDO: {PENDIENTE, ANULADO},
        ANULADO: set(),
    },
    {
        PENDIENTE: "Pendiente",
        ENVIANDO: "Enviando",
        ENVIADO: "Enviado",
        FALLIDO: "Fallido",
        ANULADO: "Anulado",
    },
)
