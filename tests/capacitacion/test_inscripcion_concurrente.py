"""Cincuenta ciudadanos se inscriben a la vez en una asesoría de veinte cupos,
sobre PostgreSQL real: el cupo se respeta y la lista de espera no tiene huecos
ni puestos repetidos."""

from functools import partial
from unittest import mock

import pytest

from capacitacion.models import EstadoInscripcion, TipoJornada
from capacitacion.services import inscripciones, jornadas
from sanpedro_gel.models import Mensaje
from tests.concurrencia import a_la_vez
from tests.factories import JornadaFactory, UsuarioFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_cincuenta_inscripciones_a_la_vez_para_veinte_cupos():
    jornada = JornadaFactory(tipo=TipoJornada.ASESORIA, alcance="SELECCION", cupo=20)
    jornadas.convocar_jornada(jornada_id=jornada.pk)
    usuarios = UsuarioFactory.create_batch(50)

    # Los correos quedan en la bandeja; ningún hilo corre tareas «en línea».
    with mock.patch("sanpedro_gel.buzon.encolar"):
        resultados = a_la_vez(
            *(
                partial(
                    inscripciones.inscribir_ciudadano, jornada_id=jornada.pk, usuario=u
                )
                for u in usuarios
            )
        )

    estados = [r.estado for r in resultados]
    assert estados.count(EstadoInscripcion.INSCRITA) == 20
    assert estados.count(EstadoInscripcion.ESPERA) == 30
    en_base = jornada.inscripciones.all()
    assert en_base.filter(estado=EstadoInscripcion.INSCRITA).count() == 20
    puestos = sorted(
        en_base.filter(estado=EstadoInscripcion.ESPERA).values_list(
            "posicion", flat=True
        )
    )
    assert puestos == list(range(1, 31))
    assert len({r.codigo_verificacion for r in resultados}) == 50
    assert Mensaje.objects.filter(tipo="capacitacion.inscripcion").count() == 50
