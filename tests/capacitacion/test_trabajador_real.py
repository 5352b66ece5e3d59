"""Con Redis y un trabajador de Celery real que solo atiende la cola
`transaccional` (la del remitente de la bandeja de salida): las invitaciones
llegan por SMTP, una vez a cada convocado, aunque el despacho corra varias
veces."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from capacitacion.services import despacho, jornadas
from sanpedro_gel.models import EstadoMensaje, Mensaje
from tests.comunicaciones.conftest import Sumidero
from tests.concurrencia import esperar
from tests.factories import FuncionarioFactory, JornadaFactory

pytestmark = [pytest.mark.redis, pytest.mark.postgres]

CONVOCADOS = 30


def test_las_invitaciones_salen_por_la_cola_transaccional_una_vez(
    trabajador_celery, broker_real
):
    sumidero = Sumidero().iniciar()
    funcionarios = FuncionarioFactory.create_batch(CONVOCADOS)
    inicio = timezone.now() + timedelta(days=3)
    jornada = JornadaFactory(inicio=inicio, fin=inicio + timedelta(hours=2))
    jornadas.convocar_jornada(jornada_id=jornada.pk)
    try:
        trabajador_celery(
            colas="transaccional",
            concurrencia=2,
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(sumidero.puerto),
            EMAIL_USE_TLS="false",
        )
        assert len(despacho.ejecutar_despacho().avisos) == 1
        despacho.ejecutar_despacho()
        enviadas = esperar(
            lambda: (
                Mensaje.objects.filter(estado=EstadoMensaje.ENVIADO).count()
                == CONVOCADOS
            ),
            90,
        )
        assert enviadas, f"solo llegaron {sumidero.total()}"
        time.sleep(1)
    finally:
        sumidero.detener()

    assert sumidero.por_destinatario() == {f.correo: 1 for f in funcionarios}
