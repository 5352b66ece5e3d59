"""El despachador de avisos: cada convocado recibe cada aviso exactamente una vez."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from capacitacion.models import Entrega, EstadoEntrega, TipoAviso
from capacitacion.services import despacho, jornadas
from tests.capacitacion.conftest import bogota
from tests.factories import FuncionarioFactory, JornadaFactory

pytestmark = pytest.mark.django_db

AHORA = bogota(2026, 12, 1, 9, 0)
INICIO = bogota(2026, 12, 15, 14, 0)
HORA_INVITACION = bogota(2026, 12, 8, 8, 0)


@pytest.fixture
def convocada():
    FuncionarioFactory.create_batch(3)
    jornada = JornadaFactory(inicio=INICIO, fin=INICIO + timedelta(hours=3))
    jornadas.convocar_jornada(jornada_id=jornada.pk, ahora=AHORA)
    return jornada


def test_la_invitacion_no_sale_antes_de_su_hora(convocada, despachar, mailoutbox):
    resumen = despachar(ahora=HORA_INVITACION - timedelta(minutes=1))

    assert resumen.avisos == []
    assert mailoutbox == []


def test_el_despachador_envia_cada_invitacion_una_sola_vez(
    convocada, despachar, mailoutbox
):
    primero = despachar(ahora=HORA_INVITACION)
    segundo = despachar(ahora=HORA_INVITACION + timedelta(minutes=1))

    assert len(primero.avisos) == 1 and segundo.avisos == []
    destinatarios = sorted(m.to[0] for m in mailoutbox)
    assert destinatarios == sorted(
        convocada.asistencias.values_list("funcionario__correo", flat=True)
    )
    assert set(Entrega.objects.values_list("estado", flat=True)) == {
        EstadoEntrega.ENVIADA
    }
    mensaje = mailoutbox[0]
    assert mensaje.subject == f"Invitación: {convocada.titulo}"
    assert "/capacitacion/confirmar/" in mensaje.body
    assert "martes 15 de diciembre de 2026, de 2:00 p. m. a 5:00 p. m." in mensaje.body


def test_una_tarea_repetida_no_reenvia(convocada, mailoutbox):
    despacho.iniciar_aviso(
        aviso_id=convocada.avisos.get(tipo=TipoAviso.INVITACION).pk,
        ahora=HORA_INVITACION,
    )
    entrega = Entrega.objects.first()

    assert despacho.enviar_entrega(entrega_id=entrega.pk) is True
    assert despacho.enviar_entrega(entrega_id=entrega.pk) is False

    assert len(mailoutbox) == 1


def test_la_restriccion_unica_impide_una_segunda_entrega_del_mismo_aviso(convocada):
    aviso = convocada.avisos.get(tipo=TipoAviso.INVITACION)
    asistencia = convocada.asistencias.first()
    Entrega.objects.create(aviso=aviso, asistencia=asistencia)

    with pytest.raises(IntegrityError), transaction.atomic():
        Entrega.objects.create(aviso=aviso, asistencia=asistencia)


def test_una_entrega_perdida_se_vuelve_a_encolar(convocada, despachar, mailoutbox):
    with pytest.MonkeyPatch.context() as parche:
        parche.setattr(despacho, "_encolar", lambda ids: 0)
        despachar(ahora=HORA_INVITACION)
    assert mailoutbox == []

    despachar(ahora=HORA_INVITACION + timedelta(minutes=5))
    assert mailoutbox == []
    resumen = despachar(ahora=HORA_INVITACION + timedelta(minutes=11))

    assert resumen.reencoladas == 3
    assert len(mailoutbox) == 3


def test_quien_se_suma_despues_de_la_invitacion_recibe_la_suya(
    convocada, despachar, mailoutbox
):
    despachar(ahora=HORA_INVITACION)
    nuevo = FuncionarioFactory(correo="recien.llegada@alcaldia.test")

    jornadas.convocar_jornada(jornada_id=convocada.pk, ahora=HORA_INVITACION)
    despachar(ahora=HORA_INVITACION + timedelta(minutes=11))

    assert [m.to[0] for m in mailoutbox].count(nuevo.correo) == 1
    assert len(mailoutbox) == 4


def test_un_fallo_de_smtp_cuenta_intentos_y_al_tercero_queda_fallida(
    convocada, settings
):
    settings.EMAIL_BACKEND = "tests.capacitacion.test_despacho.CorreoQueFalla"
    despacho.iniciar_aviso(
        aviso_id=convocada.avisos.get(tipo=TipoAviso.INVITACION).pk,
        ahora=HORA_INVITACION,
    )
    entrega = Entrega.objects.first()

    for _ in range(3):
        assert despacho.enviar_entrega(entrega_id=entrega.pk) is False

    entrega.refresh_from_db()
    assert entrega.estado == EstadoEntrega.FALLIDA
    assert entrega.intentos == 3
    assert "servidor caído" in entrega.motivo


class CorreoQueFalla:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, mensajes):
        raise ConnectionError("servidor caído")


def test_la_invitacion_trae_la_jornada_para_la_agenda(convocada, despachar, mailoutbox):
    despachar(ahora=HORA_INVITACION)

    nombre, contenido, tipo = mailoutbox[0].attachments[0]
    assert (nombre, tipo) == ("jornada.ics", "text/calendar")
    texto = contenido.decode() if isinstance(contenido, bytes) else contenido
    assert "DTSTART:20261215T190000Z" in texto  # 2:00 p. m. en Bogotá
    assert f"UID:jornada-{convocada.pk}@" in texto
