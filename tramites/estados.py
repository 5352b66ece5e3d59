"""La tabla de transiciones de una solicitud. Sin consultas ni efectos: solo reglas.

BORRADOR → RADICADO → EN_REVISION → APROBADO | RECHAZADO
                          │  ▲
                          ▼  │ (el ciudadano subsana dentro del plazo)
                  REQUIERE_SUBSANACION → DESISTIDO (plazo vencido sin respuesta)
"""

from tramites.models.solicitudes import Estado

TRANSICIONES: dict[str, frozenset[str]] = {
    Estado.BORRADOR: frozenset({Estado.RADICADO}),
    Estado.RADICADO: frozenset({Estado.EN_REVISION}),
    Estado.EN_REVISION: frozenset(
        {Estado.APROBADO, Estado.RECHAZADO, Estado.REQUIERE_SUBSANACION}
    ),
    Estado.REQUIERE_SUBSANACION: frozenset({Estado.EN_REVISION, Estado.DESISTIDO}),
    Estado.APROBADO: frozenset(),
    Estado.RECHAZADO: frozenset(),
    Estado.DESISTIDO: frozenset(),
}

FINALES = frozenset(estado for estado, destinos in TRANSICIONES.items() if not destinos)


def permitida(origen: str, destino: str) -> bool:
    return destino in TRANSICIONES.get(origen, frozenset())
