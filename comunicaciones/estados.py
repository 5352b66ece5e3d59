"""Tablas de estados del plan: pieza, campaña, tarea de difusión, suscriptor y
envío. Sin consultas ni efectos: solo reglas.

Cada tabla tiene un solo escritor, que cambia `estado` con un UPDATE
condicionado al estado leído (`sanpedro_gel.transiciones`):

| modelo          | escritor                                        |
| --------------- | ----------------------------------------------- |
| `Pieza`         | `services/estado_pieza.py`                      |
| `Campana`       | `services/piezas.cambiar_estado_campana`        |
| `TareaDifusion` | `services/tareas.py`                            |
| `Suscriptor`    | `services/audiencias.py`                        |
| `Envio`         | `services/lotes.py`                             |
| `ActividadPlan` | `services/actividades.cambiar_estado_actividad` |

Pieza:

```
BORRADOR ⇄ PROGRAMADA → EN_CURSO → ENVIADA ─┐
   │           │           │  ▲       │      │ (reintentar fallidos)
   │           │           ▼  │       ▼      │
   │           │         PAUSADA   FALLIDA ──┘
   └───────────┴───────────┴────► CANCELADA
```

- PROGRAMADA → EN_CURSO la hace solo el despachador, con una actualización
  condicional: dos despachadores nunca toman la misma pieza.
- PROGRAMADA → ENVIADA: la tarea de difusión se cerró antes de su hora.
- EN_CURSO → PAUSADA la hace una persona o el umbral de fallos del envío.
- ENVIADA / FALLIDA / PAUSADA → EN_CURSO: «reintentar fallidos» o «reanudar».

Campaña: PLANEADA → ACTIVA → FINALIZADA; PLANEADA y ACTIVA → CANCELADA.

Actividad del plan (1–9): PENDIENTE → EN_CURSO → CUMPLIDA (con evidencia);
PENDIENTE → CUMPLIDA; CUMPLIDA → EN_CURSO (se reabre); EN_CURSO → PENDIENTE.

Tarea de difusión: PENDIENTE → CUMPLIDA (con evidencia) | CANCELADA (su pieza
se canceló).

Suscriptor:

```
PENDIENTE ──► ACTIVO ──► DADO_DE_BAJA
    │           ▲            │  │
    └───────────┼────────────┘  │ (nueva suscripción)
                └───────────────┘ (enlace de confirmación vigente)
```

Envío (un correo masivo a un destinatario):

```
PENDIENTE ──► ENVIADO ──► PENDIENTE | FALLIDO (el servidor rechazó tras el DATA)
    │
    ├───────► FALLIDO ──► PENDIENTE (reintentar fallidos)
    └───────► OMITIDO (dado de baja, o su pieza se canceló)
```
"""

from sanpedro_gel.estados import tabla

# --- Pieza -------------------------------------------------------------------------

BORRADOR = "BORRADOR"
PROGRAMADA = "PROGRAMADA"
EN_CURSO = "EN_CURSO"
ENVIADA = "ENVIADA"
PAUSADA = "PAUSADA"
FALLIDA = "FALLIDA"
CANCELADA = "CANCELADA"

PIEZA = tabla(
    "la pieza",
    {
        BORRADOR: {PROGRAMADA, CANCELADA},
        PROGRAMADA: {BORRADOR, EN_CURSO, ENVIADA, CANCELADA},
        EN_CURSO: {ENVIADA, FALLIDA, PAUSADA, CANCELADA},
        PAUSADA: {EN_CURSO, CANCELADA},
        ENVIADA: {EN_CURSO},
        FALLIDA: {EN_CURSO, CANCELADA},
        CANCELADA: set(),
    },
    {
        BORRADOR: "borrador",
        PROGRAMADA: "programada",
        EN_CURSO: "en curso",
        ENVIADA: "enviada / publicada",
        PAUSADA: "pausada",
        FALLIDA: "fallida",
        CANCELADA: "cancelada",
    },
)

# Estados en los que una pieza de publicación (banner, noticia, intranet) se ve
# dentro de su ventana: desde su hora exacta, aunque el despachador de ese
# minuto aún no la haya marcado como publicada.
VISIBLES = frozenset({PROGRAMADA, EN_CURSO, ENVIADA})

# --- Campaña -----------------------------------------------------------------------

PLANEADA = "PLANEADA"
ACTIVA = "ACTIVA"
FINALIZADA = "FINALIZADA"

CAMPANA = tabla(
    "la campaña",
    {
        PLANEADA: {ACTIVA, CANCELADA},
        ACTIVA: {FINALIZADA, CANCELADA},
        FINALIZADA: set(),
        CANCELADA: set(),
    },
    {
        PLANEADA: "planeada",
        ACTIVA: "activa",
        FINALIZADA: "finalizada",
        CANCELADA: "cancelada",
    },
)

# --- Tarea de difusión ---------------------------------------------------------------

PENDIENTE = "PENDIENTE"
CUMPLIDA = "CUMPLIDA"

TAREA = tabla(
    "la tarea de difusión",
    {PENDIENTE: {CUMPLIDA, CANCELADA}, CUMPLIDA: set(), CANCELADA: set()},
    {PENDIENTE: "pendiente", CUMPLIDA: "cumplida", CANCELADA: "cancelada"},
)

# --- Actividad del plan ---------------------------------------------------------------

ACTIVIDAD = tabla(
    "la actividad del plan",
    {
        PENDIENTE: {EN_CURSO, CUMPLIDA},
        EN_CURSO: {CUMPLIDA, PENDIENTE},
        CUMPLIDA: {EN_CURSO},
    },
    {PENDIENTE: "pendiente", EN_CURSO: "en curso", CUMPLIDA: "cumplida"},
)

# --- Suscriptor ----------------------------------------------------------------------

ACTIVO = "ACTIVO"
DADO_DE_BAJA = "DADO_DE_BAJA"

SUSCRIPTOR = tabla(
    "la suscripción",
    {
        PENDIENTE: {ACTIVO, DADO_DE_BAJA},
        ACTIVO: {DADO_DE_BAJA},
        DADO_DE_BAJA: {PENDIENTE, ACTIVO},
    },
    {PENDIENTE: "sin confirmar", ACTIVO: "activa", DADO_DE_BAJA: "dada de baja"},
)

# --- Envío ---------------------------------------------------------------------------

ENVIADO = "ENVIADO"
FALLIDO = "FALLIDO"
OMITIDO = "OMITIDO"

ENVIO = tabla(
    "el envío",
    {
        PENDIENTE: {ENVIADO, FALLIDO, OMITIDO},
        ENVIADO: {PENDIENTE, FALLIDO},
        FALLIDO: {PENDIENTE},
        OMITIDO: set(),
    },
    {
        PENDIENTE: "pendiente",
        ENVIADO: "enviado",
        FALLIDO: "fallido",
        OMITIDO: "omitido",
    },
)
