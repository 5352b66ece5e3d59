"""La tabla de transiciones, sin base de datos."""

import pytest

from tramites import estados
from tramites.models import Estado

PERMITIDAS = {
    (Estado.BORRADOR, Estado.RADICADO),
    (Estado.RADICADO, Estado.EN_REVISION),
    (Estado.EN_REVISION, Estado.APROBADO),
    (Estado.EN_REVISION, Estado.RECHAZADO),
    (Estado.EN_REVISION, Estado.REQUIERE_SUBSANACION),
    (Estado.REQUIERE_SUBSANACION, Estado.EN_REVISION),
    (Estado.REQUIERE_SUBSANACION, Estado.DESISTIDO),
}


@pytest.mark.parametrize("origen", list(Estado))
@pytest.mark.parametrize("destino", list(Estado))
def test_solo_las_transiciones_de_la_tabla(origen, destino):
    assert estados.permitida(origen, destino) == ((origen, destino) in PERMITIDAS)


def test_los_estados_finales_no_tienen_salida():
    assert {Estado.APROBADO, Estado.RECHAZADO, Estado.DESISTIDO} == estados.FINALES


def test_todo_estado_tiene_fila_en_la_tabla():
    assert set(estados.TRANSICIONES) == set(Estado)
