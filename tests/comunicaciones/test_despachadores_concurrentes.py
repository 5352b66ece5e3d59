"""Dos despachadores a la vez, sobre PostgreSQL real: cada pieza se toma una vez."""

from collections import Counter
from functools import partial

import pytest
from django.core import mail

from comunicaciones import estados
from comunicaciones.models import Envio, Pieza
from comunicaciones.services import despacho, lotes
from tests.concurrencia import a_la_vez
from tests.factories import PiezaFactory, SuscriptorFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_dos_despachadores_a_la_vez_toman_cada_pieza_una_sola_vez():
    suscriptores = SuscriptorFactory.create_batch(15)
    correos = [PiezaFactory(programada=True) for _ in range(20)]
    banners = [PiezaFactory(programada=True, banner=True) for _ in range(5)]
    todas = {p.pk for p in correos + banners}

    # Los lotes se publican después, en este hilo: dos hilos corriendo tareas de
    # Celery «en línea» a la vez dejarían trabado un indicador global de Celery.
    publicaciones = []
    with pytest.MonkeyPatch.context() as parche:
        parche.setattr(
            despacho, "encolar_lotes", lambda **datos: publicaciones.append(datos)
        )
        primero, segundo = a_la_vez(
            despacho.despachar_piezas_vencidas, despacho.despachar_piezas_vencidas
        )
    for datos in publicaciones:
        despacho.encolar_lotes(**datos)

    assert set(primero).isdisjoint(segundo)
    assert set(primero) | set(segundo) == todas
    assert Envio.objects.count() == 20 * 15
    assert set(Pieza.objects.values_list("estado", flat=True)) == {estados.ENVIADA}
    # Cada suscriptor recibió cada pieza de correo exactamente una vez.
    por_destinatario = Counter(m.to[0] for m in mail.outbox)
    assert por_destinatario == {s.correo: 20 for s in suscriptores}


def test_dos_lotes_con_los_mismos_envios_no_duplican_nada():
    SuscriptorFactory.create_batch(40)
    pieza = PiezaFactory(programada=True)
    # Crea los envíos sin publicar lotes: los dos «trabajadores» los piden a la vez.
    with pytest.MonkeyPatch.context() as parche:
        parche.setattr(despacho, "encolar_lotes", lambda **kwargs: 0)
        despacho.iniciar_pieza(pieza_id=pieza.pk)
    ids = list(Envio.objects.values_list("pk", flat=True))

    enviar = partial(lotes.enviar_lote, pieza_id=pieza.pk, envio_ids=ids)
    a_la_vez(enviar, enviar)

    assert len(mail.outbox) == 40
    assert len({m.to[0] for m in mail.outbox}) == 40
    pieza.refresh_from_db()
    assert pieza.estado == estados.ENVIADA
