"""Cada correo transaccional del plan pasa por la bandeja de salida: su servicio
deja un mensaje con su clave, la tarea y el barrido entre los dos lo envían una
sola vez, y con el broker caído lo envía el barrido después.

El vigilante de bloqueos está activo en todo el módulo: ninguno de estos
correos se arma ni se envía con filas tomadas por `select_for_update`.
"""

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from email import message_from_bytes, policy
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone
from kombu.exceptions import OperationalError

from comunicaciones.services import audiencias, despacho, directorio, piezas, tareas
from sanpedro_gel import buzon
from sanpedro_gel.excepciones import ConflictoDeEstado
from sanpedro_gel.models import EstadoMensaje, Mensaje
from tests.bloqueos import vigilar
from tests.factories import (
    CampanaFactory,
    PiezaFactory,
    SuscriptorFactory,
    TextoConsentimientoFactory,
    UsuarioFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _sin_correos_bajo_bloqueo(db, monkeypatch):
    with vigilar(monkeypatch) as vigilante:
        yield vigilante


@dataclass
class Caso:
    """Un correo del plan: el servicio que lo origina y a quién llega."""

    registrar: Callable[[], object]
    para: str
    asunto: str


def _confirmacion(request) -> Caso:
    texto = TextoConsentimientoFactory()
    return Caso(
        lambda: audiencias.suscribir(
            tipo="CIUDADANO",
            nombre="Rosa Arango",
            correo="rosa@correo.test",
            vereda_barrio="Centro",
            consentimiento=texto,
        ),
        para="rosa@correo.test",
        asunto="Confirme su suscripción",
    )


def _bienvenida(request) -> Caso:
    fila = {
        "nombres": "Gloria Inés",
        "apellidos": "Montoya",
        "correo": "g.montoya@alcaldia.test",
        "cargo": "Tesorera",
        "dependencia": "Secretaría de Hacienda",
        "vinculacion": "carrera administrativa",
        "rol": "",
    }
    return Caso(
        lambda: directorio.importar_funcionarios([(2, dict(fila))]),
        para="g.montoya@alcaldia.test",
        asunto="Su cuenta en el Portal GEL",
    )


def _recordatorio(request) -> Caso:
    # En media hora: hoy toca el del mismo día (o, pasada la medianoche de
    # Colombia, el del día anterior); siempre exactamente uno.
    responsable = UsuarioFactory(email="prensa@alcaldia.test")
    pieza = PiezaFactory(
        emisora=True,
        titulo="Cuña de la mañana",
        responsable=responsable,
        programada_para=timezone.now() + timedelta(minutes=30),
    )
    piezas.programar_pieza(pieza_id=pieza.pk, usuario=responsable)
    return Caso(
        tareas.recordar_tareas, para="prensa@alcaldia.test", asunto="Cuña de la mañana"
    )


def _aviso_de_pausa(request) -> Caso:
    campana = CampanaFactory(responsable__email="lider@alcaldia.test")
    pieza = PiezaFactory(campana=campana, programada=True, titulo="Boletín")
    SuscriptorFactory()
    despacho.iniciar_pieza(pieza_id=pieza.pk)

    def pausar():
        # Una pieza ya pausada no se vuelve a pausar (ni a avisar).
        with contextlib.suppress(ConflictoDeEstado):
            piezas.pausar_pieza(pieza_id=pieza.pk, motivo="Revisar el asunto.")

    return Caso(pausar, para="lider@alcaldia.test", asunto="Pieza pausada: Boletín")


def _prueba(request) -> Caso:
    lider = request.getfixturevalue("lider_gel")
    pieza = PiezaFactory(titulo="Ya puede inscribir su negocio")
    return Caso(
        lambda: piezas.solicitar_prueba(pieza_id=pieza.pk, usuario=lider),
        para=lider.email,
        asunto="[PRUEBA] Ya puede inscribir su negocio",
    )


CASOS = {
    "confirmacion": _confirmacion,
    "bienvenida": _bienvenida,
    "recordatorio": _recordatorio,
    "aviso_de_pausa": _aviso_de_pausa,
    "prueba": _prueba,
}
# La prueba se pide cada vez: pedirla dos veces son dos pruebas.
IDEMPOTENTES = [nombre for nombre in CASOS if nombre != "prueba"]


@pytest.fixture(params=list(CASOS))
def caso(request) -> Caso:
    return CASOS[request.param](request)


@pytest.fixture(params=IDEMPOTENTES)
def caso_idempotente(request) -> Caso:
    return CASOS[request.param](request)


def _despues():
    return timezone.now() + timedelta(minutes=2)


def test_la_tarea_y_el_barrido_dan_un_solo_correo_smtp(
    caso, sumidero_smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        caso.registrar()

    (mensaje,) = Mensaje.objects.all()
    assert mensaje.estado == EstadoMensaje.ENVIADO
    assert buzon.enviar_pendientes(ahora=_despues()) == 0
    assert buzon.enviar_mensaje(mensaje_id=mensaje.pk) is False
    assert sumidero_smtp.por_destinatario() == {caso.para: 1}
    ((_, _, contenido),) = sumidero_smtp.recibidos
    asunto = message_from_bytes(contenido, policy=policy.default)["Subject"]
    assert caso.asunto in asunto


def test_llamar_el_servicio_dos_veces_deja_un_solo_mensaje(
    caso_idempotente, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        caso_idempotente.registrar()
        caso_idempotente.registrar()

    assert Mensaje.objects.count() == 1
    assert [m.to for m in mail.outbox] == [[caso_idempotente.para]]


def test_con_el_broker_caido_el_barrido_lo_envia_despues(
    caso, django_capture_on_commit_callbacks
):
    with (
        mock.patch(
            "sanpedro_gel.tasks.enviar_mensaje.delay",
            side_effect=OperationalError("Redis no responde"),
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        caso.registrar()
    assert mail.outbox == []
    assert Mensaje.objects.get().estado == EstadoMensaje.PENDIENTE

    assert buzon.enviar_pendientes(ahora=_despues()) == 1
    assert buzon.enviar_pendientes(ahora=_despues()) == 0
    (correo,) = mail.outbox
    assert correo.to == [caso.para] and caso.asunto in correo.subject


# --- Lo propio de cada correo ----------------------------------------------------


def test_pedir_la_prueba_dos_veces_son_dos_pruebas_de_un_correo_cada_una(
    lider_gel, django_capture_on_commit_callbacks
):
    pieza = PiezaFactory()
    with django_capture_on_commit_callbacks(execute=True):
        piezas.solicitar_prueba(pieza_id=pieza.pk, usuario=lider_gel)
        piezas.solicitar_prueba(pieza_id=pieza.pk, usuario=lider_gel)
    assert buzon.enviar_pendientes(ahora=_despues()) == 0
    assert len(mail.outbox) == 2
    assert Mensaje.objects.filter(estado=EstadoMensaje.ENVIADO).count() == 2


def test_una_confirmacion_vieja_que_no_salio_se_anula_al_renovar_la_suscripcion():
    texto = TextoConsentimientoFactory()
    ahora = timezone.now()
    for minutos in (0, 11):
        # Sin la tarea tras el commit: ninguna salió aún.
        audiencias.suscribir(
            tipo="CIUDADANO",
            nombre="Rosa",
            correo="rosa@correo.test",
            vereda_barrio="Centro",
            consentimiento=texto,
            ahora=ahora + timedelta(minutes=minutos),
        )
    assert Mensaje.objects.count() == 2

    buzon.enviar_pendientes(ahora=ahora + timedelta(minutes=13))

    assert sorted(Mensaje.objects.values_list("estado", flat=True)) == [
        EstadoMensaje.ANULADO,
        EstadoMensaje.ENVIADO,
    ]
    (correo,) = mail.outbox
    token = correo.body.split("/suscribase/confirmar/")[1].split("/")[0]
    assert audiencias.suscriptor_del_token(token).correo == "rosa@correo.test"


def test_el_aviso_de_una_pieza_reanudada_antes_de_salir_se_anula():
    campana = CampanaFactory(responsable__email="lider@alcaldia.test")
    pieza = PiezaFactory(campana=campana, programada=True)
    SuscriptorFactory()
    despacho.iniciar_pieza(pieza_id=pieza.pk)
    piezas.pausar_pieza(pieza_id=pieza.pk, motivo="Revisar el asunto.")
    piezas.reanudar_pieza(pieza_id=pieza.pk)

    buzon.enviar_pendientes(ahora=_despues())

    assert mail.outbox == []
    assert buzon.mensajes_de(pieza).get().estado == EstadoMensaje.ANULADO


def test_cada_pausa_avisa_una_vez_a_cada_responsable(lider_gel):
    campana = CampanaFactory(responsable__email="responsable@alcaldia.test")
    pieza = PiezaFactory(campana=campana)
    SuscriptorFactory()
    piezas.programar_pieza(pieza_id=pieza.pk, usuario=lider_gel)
    despacho.iniciar_pieza(pieza_id=pieza.pk)
    for _ in range(2):
        piezas.pausar_pieza(pieza_id=pieza.pk, motivo="Revisar el asunto.")
        buzon.enviar_pendientes(ahora=_despues())
        piezas.reanudar_pieza(pieza_id=pieza.pk)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        2 * ["responsable@alcaldia.test", lider_gel.email]
    )
