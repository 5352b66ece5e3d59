"""Convocar, reprogramar y cancelar: a quién se invita y cuándo salen los avisos."""

from datetime import time, timedelta

import pytest

from capacitacion.models import Asistencia, Aviso, EstadoJornada, TipoAviso
from capacitacion.services import jornadas
from comunicaciones.models import Vinculacion
from sanpedro_gel.excepciones import TransicionInvalida
from tests.capacitacion.conftest import bogota
from tests.factories import DependenciaFactory, FuncionarioFactory, JornadaFactory

pytestmark = pytest.mark.django_db

AHORA = bogota(2026, 12, 1, 9, 0)
INICIO = bogota(2026, 12, 15, 14, 0)


def _jornada(**datos):
    return JornadaFactory(inicio=INICIO, fin=INICIO + timedelta(hours=3), **datos)


def test_convocar_invita_a_todo_el_personal_activo_y_programa_los_avisos():
    activos = FuncionarioFactory.create_batch(3)
    FuncionarioFactory(activo=False)
    jornada = _jornada()

    nuevos = jornadas.convocar_jornada(jornada_id=jornada.pk, ahora=AHORA)

    assert nuevos == 3
    assert set(jornada.asistencias.values_list("funcionario_id", flat=True)) == {
        f.pk for f in activos
    }
    jornada.refresh_from_db()
    assert jornada.estado == EstadoJornada.CONVOCADA
    avisos = {a.tipo: a for a in jornada.avisos.all()}
    assert avisos[TipoAviso.INVITACION].enviar_en == bogota(2026, 12, 8, 8, 0)
    assert avisos[TipoAviso.INVITACION].hora == time(8, 0)
    assert avisos[TipoAviso.RECORDATORIO].enviar_en == bogota(2026, 12, 14, 14, 0)


def test_convocar_dos_veces_no_duplica_nada():
    FuncionarioFactory.create_batch(2)
    jornada = _jornada()
    jornadas.convocar_jornada(jornada_id=jornada.pk, ahora=AHORA)

    assert jornadas.convocar_jornada(jornada_id=jornada.pk, ahora=AHORA) == 0

    assert Asistencia.objects.filter(jornada=jornada).count() == 2
    assert jornada.avisos.count() == 2


def test_la_seleccion_une_la_lista_nominal_con_los_filtros():
    hacienda = DependenciaFactory(nombre="Secretaría de Hacienda")
    planeacion = DependenciaFactory(nombre="Secretaría de Planeación")
    de_carrera = FuncionarioFactory(dependencia=hacienda)
    FuncionarioFactory(dependencia=hacienda, vinculacion=Vinculacion.CONTRATISTA)
    FuncionarioFactory(dependencia=planeacion)
    nombrado = FuncionarioFactory(dependencia=planeacion)
    jornada = _jornada(
        alcance="SELECCION", vinculaciones=[Vinculacion.CARRERA_ADMINISTRATIVA]
    )
    jornada.dependencias.set([hacienda])
    jornada.funcionarios.set([nombrado])

    jornadas.convocar_jornada(jornada_id=jornada.pk, ahora=AHORA)

    assert set(jornada.asistencias.values_list("funcionario_id", flat=True)) == {
        de_carrera.pk,
        nombrado.pk,
    }


def test_la_socializacion_convoca_a_la_dependencia_que_se_visita():
    salud = DependenciaFactory(nombre="Dirección Local de Salud")
    de_salud = FuncionarioFactory(dependencia=salud)
    FuncionarioFactory()
    jornada = _jornada(tipo="SOCIALIZACION", alcance="SELECCION", dependencia=salud)

    jornadas.convocar_jornada(jornada_id=jornada.pk, ahora=AHORA)

    assert list(jornada.asistencias.values_list("funcionario_id", flat=True)) == [
        de_salud.pk
    ]


def test_convocada_tarde_el_recordatorio_vencido_se_omite_y_la_invitacion_sale_ya():
    FuncionarioFactory()
    jornada = _jornada()

    jornadas.convocar_jornada(jornada_id=jornada.pk, ahora=INICIO - timedelta(hours=5))

    invitacion = jornada.avisos.get(tipo=TipoAviso.INVITACION)
    recordatorio = jornada.avisos.get(tipo=TipoAviso.RECORDATORIO)
    assert invitacion.procesado_en is None
    assert recordatorio.procesado_en is not None and recordatorio.omitido


def test_no_se_convoca_una_jornada_que_ya_empezo():
    jornada = _jornada()
    with pytest.raises(TransicionInvalida):
        jornadas.convocar_jornada(jornada_id=jornada.pk, ahora=INICIO)


def test_reprogramar_recalcula_los_avisos_pendientes():
    FuncionarioFactory()
    jornada = _jornada()
    jornadas.convocar_jornada(jornada_id=jornada.pk, ahora=AHORA)
    nuevo = bogota(2026, 12, 22, 8, 0)

    jornadas.reprogramar_jornada(
        jornada_id=jornada.pk, inicio=nuevo, fin=nuevo + timedelta(hours=4), ahora=AHORA
    )

    avisos = {a.tipo: a for a in jornada.avisos.all()}
    assert avisos[TipoAviso.INVITACION].enviar_en == bogota(2026, 12, 15, 8, 0)
    assert avisos[TipoAviso.RECORDATORIO].enviar_en == bogota(2026, 12, 21, 8, 0)
    assert not Aviso.objects.filter(jornada=jornada, tipo=TipoAviso.CAMBIO).exists()


def test_reprogramar_tras_la_invitacion_avisa_el_cambio_y_vuelve_a_recordar(
    despachar, mailoutbox
):
    FuncionarioFactory()
    jornada = _jornada()
    jornadas.convocar_jornada(jornada_id=jornada.pk, ahora=AHORA)
    despachar(ahora=bogota(2026, 12, 8, 8, 1))
    despachar(ahora=bogota(2026, 12, 14, 14, 1))
    assert len(mailoutbox) == 2
    nuevo = bogota(2026, 12, 22, 8, 0)

    jornadas.reprogramar_jornada(
        jornada_id=jornada.pk,
        inicio=nuevo,
        fin=nuevo + timedelta(hours=4),
        ahora=bogota(2026, 12, 14, 15, 0),
    )
    despachar(ahora=bogota(2026, 12, 14, 15, 1))
    despachar(ahora=bogota(2026, 12, 21, 8, 1))

    asuntos = [m.subject for m in mailoutbox]
    assert asuntos[2].startswith("Cambio de fecha")
    assert asuntos[3].startswith("Recordatorio")
    assert "22 de diciembre" in mailoutbox[2].body
    assert jornada.avisos.filter(tipo=TipoAviso.INVITACION).count() == 1


def test_reprogramar_con_la_misma_fecha_no_hace_nada():
    FuncionarioFactory()
    jornada = _jornada()
    jornadas.convocar_jornada(jornada_id=jornada.pk, ahora=AHORA)

    jornadas.reprogramar_jornada(
        jornada_id=jornada.pk, inicio=jornada.inicio, fin=jornada.fin, ahora=AHORA
    )

    assert jornada.avisos.count() == 2


def test_cancelar_avisa_solo_si_la_invitacion_ya_salio(despachar, mailoutbox):
    FuncionarioFactory()
    jornada = _jornada()
    jornadas.convocar_jornada(jornada_id=jornada.pk, ahora=AHORA)
    despachar(ahora=bogota(2026, 12, 8, 8, 1))

    jornadas.cancelar_jornada(jornada_id=jornada.pk, ahora=bogota(2026, 12, 9, 9, 0))
    despachar(ahora=bogota(2026, 12, 9, 9, 1))
    despachar(ahora=bogota(2026, 12, 14, 14, 1))

    assert [m.subject.split(":")[0] for m in mailoutbox] == ["Invitación", "Cancelada"]
    with pytest.raises(TransicionInvalida):
        jornadas.cancelar_jornada(jornada_id=jornada.pk)
