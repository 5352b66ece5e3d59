"""Un trabajador de Celery real, matado con SIGKILL a mitad de una pieza de 2.000
destinatarios y reiniciado: cada destinatario recibe el correo exactamente una vez.

El sumidero SMTP (aiosmtpd) corre en esta prueba y cuenta lo que recibe por
destinatario; el trabajador envía por SMTP de verdad.
"""

import time

import pytest
from django.utils import timezone

from comunicaciones import estados
from comunicaciones.models import Envio, Pieza, Suscriptor
from comunicaciones.services import despacho
from tests.comunicaciones.conftest import Sumidero
from tests.concurrencia import esperar
from tests.factories import PiezaFactory, TextoConsentimientoFactory

pytestmark = [pytest.mark.redis, pytest.mark.postgres]

DESTINATARIOS = 2000


def test_un_trabajador_matado_a_mitad_reanuda_sin_enviar_nada_dos_veces(
    trabajador_celery, broker_real, settings
):
    sumidero = Sumidero().iniciar()
    vence = 3
    settings.COMUNICACIONES_RECLAMO_VENCE_SEGUNDOS = vence
    entorno = {
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sumidero.puerto),
        "EMAIL_USE_TLS": "false",
        "COMUNICACIONES_CORREOS_POR_SEGUNDO": "0",
        "COMUNICACIONES_RECLAMO_VENCE_SEGUNDOS": str(vence),
        "REDIS_URL": "",
    }
    texto = TextoConsentimientoFactory()
    ahora = timezone.now()
    Suscriptor.objects.bulk_create(
        Suscriptor(
            tipo="CIUDADANO",
            nombre=f"Persona {n}",
            correo=f"persona{n:04d}@correo.test",
            vereda_barrio="Centro",
            vereda_barrio_clave="centro",
            estado="ACTIVO",
            consentimiento=texto,
            consentimiento_en=ahora,
            confirmado_en=ahora,
        )
        for n in range(DESTINATARIOS)
    )
    pieza = PiezaFactory(programada=True)
    try:
        trabajador = trabajador_celery(colas="masivo", concurrencia=2, **entorno)
        assert despacho.ejecutar_despacho().tomadas == [pieza.pk]

        # A mitad de la pieza: SIGKILL al trabajador y a sus procesos hijos.
        assert esperar(lambda: sumidero.total() >= 400, 120), "no empezó a enviar"
        trabajador.matar()
        al_matar = sumidero.total()
        assert al_matar < DESTINATARIOS, "terminó antes de matarlo"
        assert Pieza.objects.get(pk=pieza.pk).estado == estados.EN_CURSO

        # Se reinicia; el despacho de cada minuto (aquí, cada segundo) vuelve a
        # encolar los lotes que murieron con el trabajador o quedaron sin ack.
        trabajador_celery(colas="masivo", concurrencia=2, **entorno)
        terminada = esperar(
            lambda: Pieza.objects.get(pk=pieza.pk).estado != estados.EN_CURSO,
            240,
            cada=1,
            accion=despacho.ejecutar_despacho,
        )
        assert terminada, f"la pieza no terminó ({sumidero.total()} recibidos)"
        # Deja pasar cualquier lote repetido que aún estuviera en la cola.
        time.sleep(2 * vence)
        despacho.ejecutar_despacho()
        time.sleep(1)
    finally:
        sumidero.detener()

    por_destinatario = sumidero.por_destinatario()
    duplicados = {d: n for d, n in por_destinatario.items() if n > 1}
    assert duplicados == {}
    assert len(por_destinatario) == DESTINATARIOS
    assert Envio.objects.filter(pieza=pieza).conteos()["enviados"] == DESTINATARIOS
    assert Pieza.objects.get(pk=pieza.pk).estado == estados.ENVIADA
    assert 400 <= al_matar < DESTINATARIOS
