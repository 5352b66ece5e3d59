"""El remitente de la bandeja de salida (un trabajador de Celery real, cola
`transaccional`) matado con SIGKILL a mitad de 400 correos: al reiniciarlo y
correr el barrido, cada mensaje queda ENVIADO y ninguno se pierde.

La garantía de la bandeja es «cada clave sale una vez, salvo la ventana
conocida»: lo que el servidor SMTP ya aceptó cuando el proceso murió, antes de
marcarlo ENVIADO, puede salir otra vez tras vencer el reclamo. Esa ventana son
a lo sumo los mensajes en vuelo de los procesos matados (la concurrencia).
"""

import time
from datetime import timedelta

import pytest

from comunicaciones.services import asesoria
from sanpedro_gel import buzon, estados
from sanpedro_gel.models import Mensaje
from tests.comunicaciones.conftest import Sumidero
from tests.concurrencia import esperar

pytestmark = [pytest.mark.redis, pytest.mark.postgres]

MENSAJES = 400
CONCURRENCIA = 2


def test_el_remitente_matado_a_mitad_no_pierde_ningun_correo(
    trabajador_celery, broker_real, settings
):
    sumidero = Sumidero().iniciar()
    vence = 3
    settings.BUZON_RECLAMO_VENCE_SEGUNDOS = vence
    # El barrido corre aquí mismo: también envía por SMTP al sumidero.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sumidero.puerto
    settings.EMAIL_USE_TLS = False
    entorno = {
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sumidero.puerto),
        "EMAIL_USE_TLS": "false",
        "BUZON_RECLAMO_VENCE_SEGUNDOS": str(vence),
        "REDIS_URL": "",
    }
    pregunta = asesoria.preguntar(
        ciudadano=None, asunto="Horario", texto="¿A qué hora atienden los sábados?"
    )
    try:
        trabajador = trabajador_celery(
            colas="transaccional", concurrencia=CONCURRENCIA, **entorno
        )
        # Como lo hacen las invitaciones de una jornada: muchos de una vez.
        buzon.registrar_varios(
            {
                "clave": f"pruebas.remitente:{n}",
                "tipo": asesoria.ACUSE,
                "plantilla": "comunicaciones/emails/acuse_pregunta",
                "para": f"persona{n:04d}@correo.test",
                "referencia": pregunta,
            }
            for n in range(MENSAJES)
        )
        assert esperar(lambda: sumidero.total() >= 60, 120), "no empezó a enviar"
        trabajador.matar()
        al_matar = sumidero.total()
        assert al_matar < MENSAJES, "terminó antes de matarlo"

        trabajador_celery(colas="transaccional", concurrencia=CONCURRENCIA, **entorno)
        time.sleep(vence + 1)  # los reclamos de los procesos muertos vencen
        terminada = esperar(
            lambda: not Mensaje.objects.exclude(estado=estados.ENVIADO).exists(),
            240,
            cada=1,
            accion=lambda: buzon.enviar_pendientes(antiguedad=timedelta(0)),
        )
        assert terminada, f"quedaron sin enviar ({sumidero.total()} recibidos)"
    finally:
        sumidero.detener()

    recibidos = sumidero.por_destinatario()
    assert len(recibidos) == MENSAJES  # ninguno perdido
    repetidos = {d: n for d, n in recibidos.items() if n > 1}
    # Solo la ventana conocida: lo que estaba en vuelo al matar el proceso.
    assert len(repetidos) <= CONCURRENCIA, repetidos
    assert Mensaje.objects.filter(estado=estados.ENVIADO).count() == MENSAJES
