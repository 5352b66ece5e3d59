"""El escritor común de `estado`: un UPDATE condicionado al estado leído.

Cada app tiene un servicio por modelo con estado que llama a `mover_estado`
(y deja su historial, avisos…); ningún otro código asigna `estado`.
"""

from django.utils import timezone

from sanpedro_gel.estados import TablaDeEstados
from sanpedro_gel.excepciones import ConflictoDeEstado

CONFLICTO = (
    "Otra persona o proceso cambió {nombre} mientras tanto. Recargue la página "
    "para ver su estado actual."
)


def mover_estado(
    modelo,
    *,
    pk,
    tabla: TablaDeEstados,
    origen: str,
    destino: str,
    sello: str | None = None,
    conflicto: str | None = None,
    campos: dict | None = None,
    **mas_campos,
) -> None:
    """Pasa la fila `pk` de `origen` a `destino` si sigue en `origen`.

    Valida el paso con `tabla` (`TransicionInvalida`). El UPDATE lleva la
    condición `estado = origen`: si otra persona o proceso movió la fila en el
    medio no cambia nada y lanza `ConflictoDeEstado` (con el texto `conflicto`,
    si se da). `campos` (y los argumentos con nombre de más) se escriben en el
    mismo UPDATE; un campo que se llame como un argumento de esta función
    (p. ej. un campo `origen` del modelo) va en `campos`. `sello` nombra un
    campo de fecha que recibe la hora actual (p. ej. "actualizado_en").
    """
    tabla.validar(origen, destino)
    campos = {**(campos or {}), **mas_campos}
    if sello:
        campos.setdefault(sello, timezone.now())
    cambiadas = modelo._default_manager.filter(pk=pk, estado=origen).update(
        estado=destino, **campos
    )
    if cambiadas != 1:
        raise ConflictoDeEstado(conflicto or CONFLICTO.format(nombre=tabla.nombre))


def tomar_estado(
    modelo, *, filtro: dict, tabla: TablaDeEstados, origen, destino, **campos
) -> int:
    """Como `mover_estado` pero para reclamar: devuelve cuántas filas tomó
    (0 = otro ganó) en vez de lanzar. `filtro` añade condiciones de la propia
    fila (sin uniones: en PostgreSQL una subconsulta no se vuelve a evaluar
    tras esperar el bloqueo de otro proceso)."""
    tabla.validar(origen, destino)
    return modelo._default_manager.filter(estado=origen, **filtro).update(
        estado=destino, **campos
    )
