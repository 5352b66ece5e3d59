"""Dos despachadores y dos tareas a la vez, sobre PostgreSQL real."""

from collections import Counter
from datetime import timedelta
from functools import partial

import pytest
from django.core import mail

from capacitacion.models import Entrega, EstadoEntrega
from capacitacion.services import despacho, jornadas
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

    # Las tareas se publican después, en este hilo: dos hilos corriendo tareas
    # de Celery «en línea» a la vez dejarían trabado un indicador global.
    encoladas = []
    with pytest.MonkeyPatch.context() as parche:
        parche.setattr(despacho, "_encolar", encoladas.extend)
        despachar = partial(despacho.ejecutar_despacho, ahora=hora)
        primero, segundo = a_la_vez(despachar, despachar)
    for pk in encoladas:
        despacho.enviar_entrega(entrega_id=pk)

    assert set(primero.avisos).isdisjoint(segundo.avisos)
    assert len(primero.avisos) + len(segundo.avisos) == 16
    assert Entrega.objects.count() == 16 * 10
    por_destinatario = Counter(m.to[0] for m in mail.outbox)
    assert por_destinatario == {f.correo: 16 for f in funcionarios}


def test_dos_tareas_con_la_misma_entrega_envian_un_solo_correo():
    FuncionarioFactory()
    inicio = bogota(2026, 12, 15, 8, 0)
    jornada = JornadaFactory(inicio=inicio, fin=inicio + timedelta(hours=2))
    jornadas.convocar_jornada(jornada_id=jornada.pk, ahora=AHORA)
    with pytest.MonkeyPatch.context() as parche:
        parche.setattr(despacho, "_encolar", lambda ids: 0)
        despacho.ejecutar_despacho(ahora=bogota(2026, 12, 8, 8, 0))
    entrega = Entrega.objects.get()

    enviar = partial(despacho.enviar_entrega, entrega_id=entrega.pk)
    resultados = a_la_vez(enviar, enviar)

    assert sorted(resultados) == [False, True]
    assert len(mail.outbox) == 1
    entrega.refresh_from_db()
    assert entrega.estado == EstadoEntrega.ENVIADA
