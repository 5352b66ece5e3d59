"""Las tablas de estados de la jornada y de la asistencia: puras, sin base de datos."""

import pytest

from capacitacion import estados
from capacitacion.models import EstadoAsistencia, EstadoJornada
from sanpedro_gel.excepciones import TransicionInvalida

J = EstadoJornada
A = EstadoAsistencia


def test_la_jornada_se_convoca_se_cierra_o_se_cancela():
    assert estados.JORNADA.destinos(J.BORRADOR) == {J.CONVOCADA, J.CANCELADA}
    assert estados.JORNADA.destinos(J.CONVOCADA) == {J.REALIZADA, J.CANCELADA}
    assert estados.JORNADA.finales == {J.REALIZADA, J.CANCELADA}
    with pytest.raises(TransicionInvalida, match="Borrador"):
        estados.JORNADA.validar(J.BORRADOR, J.REALIZADA)


@pytest.mark.parametrize(
    ("accion", "admitidos"),
    [
        ("convocar", {J.BORRADOR, J.CONVOCADA}),
        ("reprogramar", {J.BORRADOR, J.CONVOCADA}),
        ("cancelar", {J.BORRADOR, J.CONVOCADA}),
        ("cerrar", {J.CONVOCADA}),
        ("registrar_asistencia", {J.CONVOCADA, J.REALIZADA}),
    ],
)
def test_en_que_estados_se_hace_cada_cosa_con_la_jornada(accion, admitidos):
    assert {e for e in J if estados.admite(e, accion)} == admitidos


def test_la_asistencia_confirma_firma_y_se_puede_quitar():
    assert estados.ASISTENCIA.permitida(A.CONVOCADA, A.CONFIRMADA)
    assert estados.ASISTENCIA.permitida(A.CONVOCADA, A.ASISTIO)
    assert estados.ASISTENCIA.permitida(A.CONFIRMADA, A.ASISTIO)
    assert estados.ASISTENCIA.destinos(A.ASISTIO) == {A.CONVOCADA, A.CONFIRMADA}
    assert not estados.ASISTENCIA.permitida(A.CONFIRMADA, A.CONVOCADA)
    assert estados.ASISTENCIA.finales == frozenset()
