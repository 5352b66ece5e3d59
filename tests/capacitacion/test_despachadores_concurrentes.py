"""Dos despachadores y dos remitentes a la vez, sobre PostgreSQL real."""

from collections import Counter
from datetime import timedelta
from functools import partial
from unittest import mock

import pytest
from django.core import mail

from capacitacion.services import despacho, jornadas
from sanpedro_gel import buzon
from sanpedro_gel.models import EstadoMensaje, Mensaje
from tests.capacitacion.conftest import bogota
from tests.concurrencia import a_la_vez
from tests.factories import FuncionarioFactory, JornadaFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

AHORA = bogota(2026, 12, 1, 9, 0)


def test_dos_despachadores_a_la_vez_toman_cada_aviso_una_sola_vez():
    funcionarios = FuncionarioFactory.create_batch(10)
    for numero in range(8):
        inicio = bogota(2026, 12, 20, 8 + numero, 0)
        jornada = JornadaFactory(inicio=inicio, fin=inicio + timedelta(hours=1))
        jornadas.convocar_jornada(jornada_id=jornada.pk, ahora=AHORA)
    # Vencidos los 16 avisos (invitaciones y recordatorios); ninguna empezó.
    hora = bogota(2026, 12, 19, 20, 0)

    # Los mensajes se envían después, en este hilo: dos hilos corriendo tareas
    # de Celery «en línea» a la vez dejarían trabado un indicador global.
    with mock.patch("sanpedro_gel.buzon.encolar"):
        despachar = partial(despacho.ejecutar_despacho, ahora=hora)
        primero, segundo = a_la_vez(despachar, despachar)
    for pk in Mensaje.objects.values_list("pk", flat=True):
        buzon.enviar_mensaje(mensaje_id=pk)

    assert set(primero.avisos).isdisjoint(segundo.avisos)
    assert len(primero.avisos) + len(segundo.avisos) == 16
    assert Mensaje.objects.count() == 16 * 10
    por_destinatario = Counter(m.to[0] for m in mail.outbox)
    assert por_destinatario == {f.correo: 16 for f in funcionarios}


def test_dos_remitentes_con_la_misma_invitacion_envian_un_solo_correo():
    FuncionarioFactory()
    inicio = bogota(2026, 12, 15, 8, 0)
    jornada = JornadaFactory(inicio=inicio, fin=inicio + timedelta(hours=2))
    jornadas.convocar_jornada(jornada_id=jornada.pk, ahora=AHORA)
    with mock.patch("sanpedro_gel.buzon.encolar"):
        despacho.ejecutar_despacho(ahora=bogota(2026, 12, 8, 8, 0))
    mensaje = Mensaje.objects.get()

    enviar = partial(buzon.enviar_mensaje, mensaje_id=mensaje.pk)
    resultados = a_la_vez(enviar, enviar)

    assert sorted(resultados) == [False, True]
    assert len(mail.outbox) == 1
    mensaje.refresh_from_db()
    assert mensaje.estado == EstadoMensaje.ENVIADO
