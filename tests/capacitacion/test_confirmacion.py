"""Confirmar la asistencia con el enlace firmado de la invitación, sin cuenta."""

import time
from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from capacitacion.services import confirmacion, jornadas
from tests.factories import FuncionarioFactory, JornadaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def asistencia():
    FuncionarioFactory(nombres="Gloria Inés")
    jornada = JornadaFactory(titulo="Jornada de los trámites en línea")
    jornadas.convocar_jornada(jornada_id=jornada.pk)
    return jornada.asistencias.get()


def _url(token):
    return reverse("capacitacion:confirmar", args=[token])


def test_el_enlace_valido_muestra_la_jornada_y_el_post_confirma(client, asistencia):
    token = confirmacion.token_confirmacion(asistencia)

    pagina = client.get(_url(token))
    assert pagina.status_code == 200
    assert "Jornada de los trámites en línea" in pagina.content.decode()
    asistencia.refresh_from_db()
    assert asistencia.confirmado_en is None  # un GET no confirma

    respuesta = client.post(_url(token))

    assert respuesta.status_code == 200
    assert "Asistencia confirmada" in respuesta.content.decode()
    asistencia.refresh_from_db()
    assert asistencia.confirmado_en is not None
    assert asistencia.estado == "CONFIRMADA"


def test_confirmar_dos_veces_conserva_la_primera_hora(asistencia):
    token = confirmacion.token_confirmacion(asistencia)
    primera = confirmacion.confirmar_asistencia(token=token).confirmado_en

    segunda = confirmacion.confirmar_asistencia(
        token=token, ahora=timezone.now() + timedelta(hours=1)
    ).confirmado_en

    assert segunda == primera


def test_un_enlace_alterado_da_un_mensaje_claro(client, asistencia):
    token = confirmacion.token_confirmacion(asistencia)
    otro = FuncionarioFactory()
    # Cambiar el número de la asistencia dentro del token rompe la firma.
    alterado = token.replace(token[0], "x" if token[0] != "x" else "y", 1)

    for malo in (alterado, "basura", token + "a"):
        respuesta = client.get(_url(malo))
        assert respuesta.status_code == 400
        assert "no es válido" in respuesta.content.decode()
    assert otro.asistencias.count() == 0


def test_un_enlace_vencido_lo_dice(client, asistencia, monkeypatch):
    hace_tres_meses = time.time() - 90 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: hace_tres_meses)
    token = confirmacion.token_confirmacion(asistencia)
    monkeypatch.undo()

    respuesta = client.post(_url(token))

    assert respuesta.status_code == 400
    assert "venció" in respuesta.content.decode()
    asistencia.refresh_from_db()
    assert asistencia.confirmado_en is None


def test_el_enlace_de_una_jornada_cancelada_lo_explica(client, asistencia):
    token = confirmacion.token_confirmacion(asistencia)
    jornadas.cancelar_jornada(jornada_id=asistencia.jornada_id)

    respuesta = client.get(_url(token))

    assert respuesta.status_code == 400
    assert "fue cancelada" in respuesta.content.decode()


def test_con_el_cupo_lleno_no_se_confirma(client, asistencia):
    jornada = asistencia.jornada
    FuncionarioFactory()
    jornadas.convocar_jornada(jornada_id=jornada.pk)
    jornada.cupo = 1
    jornada.save()
    primera, segunda = jornada.asistencias.order_by("pk")
    confirmacion.confirmar_asistencia(token=confirmacion.token_confirmacion(primera))

    respuesta = client.post(_url(confirmacion.token_confirmacion(segunda)))

    assert respuesta.status_code == 400
    assert "cupo" in respuesta.content.decode()
