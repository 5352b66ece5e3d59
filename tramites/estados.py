"""Las tablas de estados de los trámites. Sin consultas ni efectos: solo reglas.

Solicitud (`Solicitud.estado`; la escribe solo `services.flujo.cambiar_estado`):

```
BORRADOR → RADICADO → EN_REVISION → APROBADO | RECHAZADO
                          │  ▲
                          ▼  │ (el ciudadano subsana dentro del plazo)
                  REQUIERE_SUBSANACION → DESISTIDO (plazo vencido sin respuesta)
```

Registro de Industria y Comercio (`Contribuyente.estado`; lo escribe solo
`services.registro.cambiar_estado_registro`):

```
ACTIVO ⇄ CANCELADO
```

- ACTIVO → CANCELADO: la novedad de cese de actividades, o la importación del
  registro anterior que trae la matrícula cancelada.
- CANCELADO → ACTIVO: solo la importación del registro anterior, cuando corrige
  una cancelación que el municipio registró por error.
"""

from sanpedro_gel.estados import tabla
from tramites.models.registro import EstadoRegistro
from tramites.models.solicitudes import Estado

SOLICITUD = tabla(
    "una solicitud",
    {
        Estado.BORRADOR: {Estado.RADICADO},
        Estado.RADICADO: {Estado.EN_REVISION},
        Estado.EN_REVISION: {
            Estado.APROBADO,
            Estado.RECHAZADO,
            Estado.REQUIERE_SUBSANACION,
        },
        Estado.REQUIERE_SUBSANACION: {Estado.EN_REVISION, Estado.DESISTIDO},
        Estado.APROBADO: set(),
        Estado.RECHAZADO: set(),
        Estado.DESISTIDO: set(),
    },
    dict(Estado.choices),
)

REGISTRO = tabla(
    "el registro de Industria y Comercio",
    {
        EstadoRegistro.ACTIVO: {EstadoRegistro.CANCELADO},
        EstadoRegistro.CANCELADO: {EstadoRegistro.ACTIVO},
    },
    dict(EstadoRegistro.choices),
)

# Atajos de la tabla de la solicitud, la que más se consulta.
TRANSICIONES = SOLICITUD.transiciones
FINALES = SOLICITUD.finales
permitida = SOLICITUD.permitida
