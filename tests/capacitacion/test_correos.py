"""Cada correo de la capacitación pasa por la bandeja de salida exactamente una
vez: llamar dos veces al servicio que lo origina deja un mensaje por persona,
la tarea y el barrido juntos envían un solo correo, con el broker caído el
barrido lo envía después, y nunca se envía ni se dibuja un PDF con filas
bloqueadas (el vigilante está activo en todo este módulo)."""

from dataclasses import dataclass
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from kombu.exceptions import OperationalError

from capacitacion.models import Seguimiento
from capacitacion.services import despacho, jornadas
from sanpedro_gel import buzon
from sanpedro_gel.models import EstadoMensaje, Mensaje
from tests.bloqueos import vigilar
from tests.capacitacion.conftest import bogota
from tests.factories import FuncionarioFactory, JornadaFactory

pytestmark = pytest.mark.django_db

AHORA = bogota(2026, 12, 1, 9, 0)
INICIO = bogota(2026, 12, 15, 14, 0)
FIN = INICIO + timedelta(hours=3)
INVITACION = bogota(2026, 12, 8, 8, 0)
RECORDATORIO = bogota(2026, 12, 14, 14, 0)
CAMBIO = INVITACION + timedelta(hours=1)
CONVOCADOS = 2


@pytest.fixture(autouse=True)
def vigilante(request, monkeypatch, db):
    """El vigilante de bloqueos, aunque la corrida no lo pida para toda la suite."""
    activo = request.getfixturevalue("_sin_efectos_bajo_bloqueo")
    if activo is not None:
        yield activo
        return
    with vigilar(monkeypatch) as nuevo:
        yield nuevo


def _todos(jornada) -> list[int]:
    return list(jornada.asistencias.values_list("funcionario_id", flat=True))


def _despachar(ahora):
    return lambda jornada: despacho.ejecutar_despacho(ahora=ahora)


def _nada(jornada):
    return None


def _invitada(jornada):
    despacho.ejecutar_despacho(ahora=INVITACION)


def _reprogramada(jornada):
    _invitada(jornada)
    jornadas.reprogramar_jornada(
        jornada_id=jornada.pk,
        inicio=INICIO + timedelta(days=7),
        fin=FIN + timedelta(days=7),
        ahora=CAMBIO,
    )


def _cancelada(jornada):
    _invitada(jornada)
    jornadas.cancelar_jornada(jornada_id=jornada.pk, ahora=CAMBIO)


def _realizada_con_seguimiento(jornada):
    jornadas.registrar_asistencia(
        jornada_id=jornada.pk, funcionario_ids=_todos(jornada), ahora=INICIO
    )
    jornadas.cerrar_jornada(jornada_id=jornada.pk, ahora=FIN)
    Seguimiento.objects.create(
        jornada=jornada,
        asunto="Cómo vamos con el plan GEL",
        mensaje="Ya se radicaron **diez** inscripciones.",
        enviar_en=FIN + timedelta(days=1),
    )


def _cerrada_sin_asistentes(jornada):
    jornadas.cerrar_jornada(jornada_id=jornada.pk, ahora=FIN)


def _lista_firmada_tarde(jornada):
    jornadas.registrar_asistencia(
        jornada_id=jornada.pk,
        funcionario_ids=_todos(jornada),
        ahora=FIN + timedelta(hours=1),
    )


@dataclass(frozen=True)
class Correo:
    """Una clase de correo: cómo se llega a ella y qué servicio la origina."""

    tipo: str
    asunto: str
    antes: object  # lo que ya pasó (sus correos no cuentan)
    originar: object  # el servicio que la deja en la bandeja

    def __str__(self):
        return self.tipo


CORREOS = [
    Correo("capacitacion.invitacion", "Invitación:", _nada, _despachar(INVITACION)),
    Correo(
        "capacitacion.recordatorio",
        "Recordatorio:",
        _invitada,
        _despachar(RECORDATORIO),
    ),
    Correo(
        "capacitacion.cambio",
        "Cambio de fecha:",
        _reprogramada,
        _despachar(CAMBIO + timedelta(minutes=1)),
    ),
    Correo(
        "capacitacion.cancelacion",
        "Cancelada:",
        _cancelada,
        _despachar(CAMBIO + timedelta(minutes=1)),
    ),
    Correo(
        "capacitacion.seguimiento",
        "Cómo vamos con el plan GEL",
        _realizada_con_seguimiento,
        _despachar(FIN + timedelta(days=1)),
    ),
    Correo(
        "capacitacion.certificado",
        "Su certificado de asistencia:",
        _cerrada_sin_asistentes,
        _lista_firmada_tarde,
    ),
]


@pytest.fixture
def jornada(en_linea, mailoutbox):
    FuncionarioFactory.create_batch(CONVOCADOS)
    jornada = JornadaFactory(inicio=INICIO, fin=FIN)
    with en_linea():
        jornadas.convocar_jornada(jornada_id=jornada.pk, ahora=AHORA)
    return jornada


def _llegar(correo, jornada, en_linea, mailoutbox):
    with en_linea():
        correo.antes(jornada)
    mailoutbox.clear()


def _barrer(minutos: int = 2) -> int:
    return buzon.enviar_pendientes(ahora=timezone.now() + timedelta(minutes=minutos))


@pytest.mark.parametrize("correo", CORREOS, ids=str)
def test_cada_correo_sale_una_vez_por_la_bandeja(correo, jornada, en_linea, mailoutbox):
    _llegar(correo, jornada, en_linea, mailoutbox)

    with en_linea():
        correo.originar(jornada)
        correo.originar(jornada)
    assert _barrer() == 0

    mensajes = Mensaje.objects.filter(tipo=correo.tipo)
    assert mensajes.count() == CONVOCADOS
    assert set(mensajes.values_list("estado", flat=True)) == {EstadoMensaje.ENVIADO}
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        mensajes.values_list("para", flat=True)
    )
    assert all(m.subject.startswith(correo.asunto) for m in mailoutbox)


@pytest.mark.parametrize("correo", CORREOS, ids=str)
def test_con_el_broker_caido_el_barrido_envia_cada_correo_despues(
    correo, jornada, en_linea, mailoutbox
):
    _llegar(correo, jornada, en_linea, mailoutbox)

    with (
        mock.patch(
            "sanpedro_gel.tasks.enviar_mensaje.delay",
            side_effect=OperationalError("Redis no responde"),
        ),
        en_linea(),
    ):
        correo.originar(jornada)
    assert mailoutbox == []
    assert _barrer(minutos=0) == 0  # recién registrados: aún son de su tarea

    assert _barrer() == CONVOCADOS
    assert _barrer(minutos=3) == 0
    assert len(mailoutbox) == CONVOCADOS
    assert all(m.subject.startswith(correo.asunto) for m in mailoutbox)


def _evento(correo) -> str:
    ((nombre, contenido, tipo),) = correo.attachments
    assert (nombre, tipo) == ("jornada.ics", "text/calendar")
    return contenido.decode() if isinstance(contenido, bytes) else contenido


def test_el_evento_de_la_agenda_conserva_su_uid_y_sube_la_secuencia(
    jornada, en_linea, mailoutbox
):
    with en_linea():
        _reprogramada(jornada)
        despacho.ejecutar_despacho(ahora=CAMBIO + timedelta(minutes=1))
        jornadas.cancelar_jornada(
            jornada_id=jornada.pk, ahora=CAMBIO + timedelta(hours=1)
        )
        despacho.ejecutar_despacho(ahora=CAMBIO + timedelta(hours=1, minutes=1))

    para = mailoutbox[0].to
    invitacion, cambio, cancelacion = (_evento(m) for m in mailoutbox if m.to == para)
    uid = f"UID:jornada-{jornada.pk}@"
    assert all(uid in evento for evento in (invitacion, cambio, cancelacion))
    assert "SEQUENCE:0" in invitacion and "METHOD:PUBLISH" in invitacion
    assert "SEQUENCE:1" in cambio and "DTSTART:20261222T190000Z" in cambio
    assert "SEQUENCE:1" in cancelacion and "METHOD:CANCEL" in cancelacion


def test_el_certificado_sale_con_su_pdf_y_queda_guardado_para_la_descarga(
    jornada, en_linea, mailoutbox
):
    _llegar(CORREOS[-1], jornada, en_linea, mailoutbox)

    with en_linea():
        _lista_firmada_tarde(jornada)

    for correo in mailoutbox:
        ((nombre, contenido, tipo),) = correo.attachments
        assert tipo == "application/pdf" and contenido.startswith(b"%PDF-")
    assert not jornada.asistencias.filter(certificado__archivo="").exists()
