"""Tabla de transiciones de una pieza del plan. Sin consultas: solo la tabla.

```
BORRADOR ⇄ PROGRAMADA → EN_CURSO → ENVIADA ─┐
   │           │           │  ▲       │      │ (reintentar fallidos)
   │           │           ▼  │       ▼      │
   │           │         PAUSADA   FALLIDA ──┘
   └───────────┴───────────┴────► CANCELADA
```

- PROGRAMADA → EN_CURSO la hace solo el despachador, con una actualización
  condicional: dos despachadores nunca toman la misma pieza.
- EN_CURSO → PAUSADA la hace una persona o el umbral de fallos del envío.
- ENVIADA / FALLIDA → EN_CURSO: «reintentar fallidos» de una pieza de correo.
"""

BORRADOR = "BORRADOR"
PROGRAMADA = "PROGRAMADA"
EN_CURSO = "EN_CURSO"
ENVIADA = "ENVIADA"
PAUSADA = "PAUSADA"
FALLIDA = "FALLIDA"
CANCELADA = "CANCELADA"

TRANSICIONES: dict[str, frozenset[str]] = {
    BORRADOR: frozenset({PROGRAMADA, CANCELADA}),
    # PROGRAMADA → ENVIADA: una tarea de difusión cerrada antes de su hora.
    PROGRAMADA: frozenset({BORRADOR, EN_CURSO, ENVIADA, CANCELADA}),
    EN_CURSO: frozenset({ENVIADA, FALLIDA, PAUSADA, CANCELADA}),
    PAUSADA: frozenset({EN_CURSO, CANCELADA}),
    ENVIADA: frozenset({EN_CURSO}),
    FALLIDA: frozenset({EN_CURSO, CANCELADA}),
    CANCELADA: frozenset(),
}

# Estados en los que una pieza de publicación (banner, noticia, intranet) se ve
# dentro de su ventana: desde su hora exacta, aunque el despachador de ese
# minuto aún no la haya marcado como publicada.
VISIBLES = frozenset({PROGRAMADA, EN_CURSO, ENVIADA})


def permitida(origen: str, destino: str) -> bool:
    return destino in TRANSICIONES.get(origen, frozenset())


def destinos(origen: str) -> frozenset[str]:
    return TRANSICIONES.get(origen, frozenset())
