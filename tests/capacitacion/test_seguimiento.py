"""El seguimiento virtual: sale a su hora, solo a quienes asistieron, una vez."""

from datetime import timedelta

import pytest
from django.utils import timezone

from capacitacion.models import Seguimiento
from capacitacion.services import confirmacion, jornadas
from tests.factories import FuncionarioFactory, JornadaFactory

pytestmark = pytest.mark.django_db


def test_el_seguimiento_va_solo_a_los_asistentes_y_una_vez(despachar, mailoutbox):
    asistio = FuncionarioFactory()
    FuncionarioFactory()
    inicio = timezone.now() - timedelta(days=2)
    jornada = JornadaFactory(inicio=inicio, fin=inicio + timedelta(hours=2))
    jornadas.convocar_jornada(jornada_id=jornada.pk, ahora=inicio - timedelta(days=1))
    jornadas.registrar_asistencia(
        jornada_id=jornada.pk, funcionario_ids=[asistio.pk], ahora=inicio
    )
    seguimiento = Seguimiento.objects.create(
        jornada=jornada,
        asunto="Avances del plan GEL",
        mensaje="Ya se radicaron **diez** inscripciones en línea.",
        enviar_en=timezone.now() - timedelta(minutes=1),
    )

    despachar()  # la jornada aún no está cerrada: no sale
    assert [m.subject for m in mailoutbox if "Avances" in m.subject] == []

    jornadas.cerrar_jornada(jornada_id=jornada.pk)
    mailoutbox.clear()
    despachar()
    despachar()

    assert [m.to for m in mailoutbox] == [[asistio.correo]]
    assert mailoutbox[0].subject == "Avances del plan GEL"
    assert "<strong>diez</strong>" in mailoutbox[0].alternatives[0][0]
    seguimiento.refresh_from_db()
    assert seguimiento.procesado_en is not None


def test_registrar_la_asistencia_dos_veces_conserva_la_primera_hora():
    funcionario = FuncionarioFactory()
    inicio = timezone.now() - timedelta(hours=1)
    jornada = JornadaFactory(inicio=inicio, fin=inicio + timedelta(hours=2))
    jornadas.convocar_jornada(jornada_id=jornada.pk, ahora=inicio - timedelta(days=1))

    primera = jornadas.registrar_asistencia(
        jornada_id=jornada.pk, funcionario_ids=[funcionario.pk], ahora=inicio
    )
    segunda = jornadas.registrar_asistencia(
        jornada_id=jornada.pk, funcionario_ids=[funcionario.pk]
    )

    assert (primera, segunda) == (1, 0)
    assert jornada.asistencias.get().asistio_en == inicio


def test_quitar_la_asistencia_la_devuelve_a_como_estaba():
    confirmo, no_confirmo = FuncionarioFactory.create_batch(2)
    inicio = timezone.now() - timedelta(hours=1)
    jornada = JornadaFactory(inicio=inicio, fin=inicio + timedelta(hours=2))
    jornadas.convocar_jornada(jornada_id=jornada.pk, ahora=inicio - timedelta(days=1))
    confirmacion.confirmar_asistencia(
        token=confirmacion.token_confirmacion(
            jornada.asistencias.get(funcionario=confirmo)
        ),
        ahora=inicio - timedelta(hours=2),
    )
    ambos = [confirmo.pk, no_confirmo.pk]
    jornadas.registrar_asistencia(jornada_id=jornada.pk, funcionario_ids=ambos)
    assert set(jornada.asistencias.values_list("estado", flat=True)) == {"ASISTIO"}

    quitadas = jornadas.registrar_asistencia(
        jornada_id=jornada.pk, funcionario_ids=ambos, asistio=False
    )

    assert quitadas == 2
    estados = dict(jornada.asistencias.values_list("funcionario_id", "estado"))
    assert estados == {confirmo.pk: "CONFIRMADA", no_confirmo.pk: "CONVOCADA"}
    assert not jornada.asistencias.filter(asistio_en__isnull=False).exists()
