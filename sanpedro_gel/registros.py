"""Registros de funciones que una app de arriba inscribe en una de abajo.

Las dependencias apuntan a un solo lado (capacitación → comunicaciones →
trámites → núcleo): la app de abajo no importa a la de arriba, así que declara
un `Registro` y la de arriba inscribe en él sus funciones al importar su
módulo desde `AppConfig.ready()`. La de abajo las recorre en el orden en que
se inscribieron:

    buscadores = Registro()

    @buscadores.registrar
    def buscar_resolucion(codigo): ...

    for buscador in buscadores: ...

(Nada que ver con el registro de Industria y Comercio de `tramites`.)
"""

from collections.abc import Callable, Iterable, Iterator


class Registro:
    """Funciones inscritas, en orden y sin repetir."""

    def __init__(self, funciones: Iterable[Callable] = ()) -> None:
        self._funciones: list[Callable] = []
        for funcion in funciones:
            self.registrar(funcion)

    def registrar(self, funcion: Callable) -> Callable:
        """Inscribe `funcion` y la devuelve (sirve de decorador). Inscribirla
        otra vez (un módulo importado dos veces) no la repite."""
        if funcion not in self._funciones:
            self._funciones.append(funcion)
        return funcion

    def __iter__(self) -> Iterator[Callable]:
        # Una copia: inscribir mientras se recorre no cambia este recorrido.
        return iter(tuple(self._funciones))

    def __len__(self) -> int:
        return len(self._funciones)
