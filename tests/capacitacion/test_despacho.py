"""El despachador de avisos: cada convocado recibe cada aviso exactamente una vez."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from kombu.exceptions import OperationalError

from capacitacion.models import TipoAviso
from capacitacion.services import despacho, jornadas
from sanpedro_gel import buzon
from sanpedro_gel.models import EstadoMensaje, Mensaje
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
    assert Mensaje.objects.count() == 3
    assert set(Mensaje.objects.values_list("estado", flat=True)) == {
        EstadoMensaje.ENVIADO
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
    mensaje = Mensaje.objects.first()

    assert buzon.enviar_mensaje(mensaje_id=mensaje.pk) is True
    assert buzon.enviar_mensaje(mensaje_id=mensaje.pk) is False

    assert len(mailoutbox) == 1


def test_registrar_otra_vez_el_mismo_aviso_no_crea_un_segundo_mensaje(convocada):
    aviso = convocada.avisos.get(tipo=TipoAviso.INVITACION)
    despacho.iniciar_aviso(aviso_id=aviso.pk, ahora=HORA_INVITACION)
    claves = set(Mensaje.objects.values_list("clave", flat=True))

    despacho.alcanzar_invitaciones(
        jornada=convocada,
        funcionario_ids=list(
            convocada.asistencias.values_list("funcionario_id", flat=True)
        ),
    )

    assert set(Mensaje.objects.values_list("clave", flat=True)) == claves
    assert len(claves) == 3


def test_con_el_broker_caido_la_bandeja_envia_las_invitaciones_despues(
    convocada, despachar, mailoutbox
):
    with mock.patch(
        "sanpedro_gel.tasks.enviar_mensaje.delay",
        side_effect=OperationalError("Redis no responde"),
    ):
        despachar(ahora=HORA_INVITACION)
    assert mailoutbox == []

    despachar(ahora=HORA_INVITACION + timedelta(minutes=5))
    assert mailoutbox == []
    enviados = buzon.enviar_pendientes(ahora=timezone.now() + timedelta(minutes=2))

    assert enviados == 3
    assert len(mailoutbox) == 3


def test_quien_se_suma_despues_de_la_invitacion_recibe_la_suya(
    convocada, despachar, en_linea, mailoutbox
):
    despachar(ahora=HORA_INVITACION)
    nuevo = FuncionarioFactory(correo="recien.llegada@alcaldia.test")

    with en_linea():
        jornadas.convocar_jornada(jornada_id=convocada.pk, ahora=HORA_INVITACION)
    despachar(ahora=HORA_INVITACION + timedelta(minutes=11))

    assert [m.to[0] for m in mailoutbox].count(nuevo.correo) == 1
    assert len(mailoutbox) == 4


def test_un_fallo_de_smtp_cuenta_intentos_y_al_agotarlos_queda_fallido(
    convocada, settings
):
    settings.EMAIL_BACKEND = "tests.capacitacion.test_despacho.CorreoQueFalla"
    settings.BUZON_MAX_INTENTOS = 3
    despacho.iniciar_aviso(
        aviso_id=convocada.avisos.get(tipo=TipoAviso.INVITACION).pk,
        ahora=HORA_INVITACION,
    )
    mensaje = Mensaje.objects.first()

    for hora in range(3):
        ahora = timezone.now() + timedelta(hours=hora)
        assert buzon.enviar_mensaje(mensaje_id=mensaje.pk, ahora=ahora) is False

    mensaje.refresh_from_db()
    assert mensaje.estado == EstadoMensaje.FALLIDO
    assert mensaje.intentos == 3
    assert "servidor caído" in mensaje.error


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
