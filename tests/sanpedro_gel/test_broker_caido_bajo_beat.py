"""El broker (un redis-server propio de la prueba) matado mientras Celery beat y
el barrido de la bandeja corren de verdad, con mensajes pendientes.

Un trabajador real (colas `default` y `transaccional`) y un `celery beat` real,
en procesos aparte, contra ese Redis y la base de la prueba; beat barre la
bandeja cada BUZON_BARRIDO_SEGUNDOS. Con el broker caído nada muere, /salud/
responde en menos de medio segundo con el broker en «error» y registrar correos
no falla (el encolado se rinde y lo deja al barrido). Al volver Redis en el
mismo puerto, el barrido retoma: cada mensaje queda ENVIADO y sale una vez, y la
última ejecución correcta del barrido avanza otra vez.

Sin persistencia (`--save ""`, sin AOF), Redis vuelve vacío: las tareas que
estaban en la cola se pierden y es el barrido el que envía lo que quedó.

El trabajador está vigilado como en producción (`Restart=on-failure` en
deploy/systemd): Celery casi siempre se reconecta solo, pero con la máquina
cargada su consumidor llegó a cerrarse al perder la conexión (código 1). Si
pasa, se levanta otro igual, la prueba lo avisa con la salida del que murió, y
lo que se exige no cambia: ningún correo perdido ni repetido, beat vivo.
"""

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
import warnings

import pytest
from django.conf import settings as ajustes
from django.utils import timezone

from comunicaciones.services import asesoria
from sanpedro_gel import buzon, estados, views
from sanpedro_gel.models import EjecucionPeriodica, Mensaje
from tests.comunicaciones.conftest import Sumidero, puerto_libre
from tests.concurrencia import esperar

pytestmark = [pytest.mark.redis, pytest.mark.postgres]

ANTES_DE_LA_CAIDA = 200
DURANTE_LA_CAIDA = 40
BARRIDO_SEGUNDOS = 2
CAIDA_SEGUNDOS = 8


class SumideroLento(Sumidero):
    """Tarda un poco en aceptar cada correo: la caída llega con la bandeja a medias."""

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.02)
        return await super().handle_DATA(server, session, envelope)


class ServidorRedis:
    """Un redis-server sin persistencia en un puerto propio: matarlo no toca el
    Redis compartido."""

    def __init__(self, carpeta):
        self.puerto = puerto_libre()
        self.carpeta = carpeta
        self.proceso = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.puerto}/0"

    def iniciar(self):
        import redis

        self.proceso = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.puerto),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.carpeta),
            ],
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        cliente = redis.Redis.from_url(self.url, socket_connect_timeout=0.5)

        def responde():
            try:
                return cliente.ping()
            except redis.RedisError:
                return False

        assert esperar(responde, 10, cada=0.1), "redis-server no arrancó"
        return self

    def matar(self):
        if self.proceso and self.proceso.poll() is None:
            os.killpg(self.proceso.pid, signal.SIGKILL)
            self.proceso.wait(timeout=10)


class ProgramadorBeat:
    """Un solo `celery beat` en un proceso aparte; su salida queda en un archivo."""

    def __init__(self, entorno, carpeta):
        self.entorno = entorno
        self.carpeta = carpeta
        self.registro = carpeta / "beat.log"
        self.proceso = None

    def iniciar(self):
        with open(self.registro, "wb") as salida:
            self.proceso = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "sanpedro_gel",
                    "beat",
                    "-s",
                    str(self.carpeta / "beat-programa"),
                    "-l",
                    "INFO",
                ],
                env=self.entorno,
                cwd=ajustes.BASE_DIR,
                stdout=salida,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def salida(self) -> str:
        return self.registro.read_text(errors="replace")[-3000:]

    def detener(self):
        if self.proceso and self.proceso.poll() is None:
            os.killpg(self.proceso.pid, signal.SIGTERM)
            try:
                self.proceso.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proceso.pid, signal.SIGKILL)
                self.proceso.wait(timeout=10)


@pytest.fixture
def broker_propio(tmp_path, settings, monkeypatch):
    """Un redis-server propio; la aplicación de la prueba publica en él.

    Celery da prioridad a la variable de entorno CELERY_BROKER_URL sobre
    `broker_url`: se cambia también, o se publicaría en el Redis compartido.
    """
    from kombu import pools

    from sanpedro_gel.celery import app

    servidor = ServidorRedis(tmp_path).iniciar()
    monkeypatch.setenv("CELERY_BROKER_URL", servidor.url)
    monkeypatch.delenv("CELERY_RESULT_BACKEND", raising=False)
    anterior = (app.conf.task_always_eager, app.conf.broker_url)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    app.conf.broker_url = servidor.url
    app._pool = None
    app.amqp._producer_pool = None
    views._broker.update(hasta=0.0, estado="")
    yield servidor
    servidor.matar()
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    pools.reset()
    app.conf.task_always_eager, app.conf.broker_url = anterior
    views._broker.update(hasta=0.0, estado="")


@pytest.fixture
def trabajador_propio(transactional_db, broker_propio):
    """Como `trabajador_celery`, pero contra el redis-server de la prueba: el
    Redis compartido (y sus bases de pruebas) no se toca."""
    from tests.conftest import trabajadores

    yield from trabajadores(broker_propio.url, "")


class TrabajadorVigilado:
    """Un trabajador que, si muere, se vuelve a levantar igual a los 2 s."""

    def __init__(self, crear, **argumentos):
        self._crear = crear
        self._argumentos = argumentos
        self.actual = crear(**argumentos)
        self.muertes: list[str] = []
        self._parar = threading.Event()
        self._hilo = threading.Thread(target=self._vigilar, daemon=True)
        self._hilo.start()

    def _vigilar(self):
        while not self._parar.wait(0.5):
            if self.actual.proceso.poll() is not None:
                self.muertes.append(self.actual.salida())
                time.sleep(2)
                self.actual = self._crear(**self._argumentos)

    def detener(self):
        self._parar.set()
        self._hilo.join(timeout=10)


def _ultima_ok():
    return (
        EjecucionPeriodica.objects.filter(nombre="bandeja-de-salida")
        .values_list("ultima_ok_en", flat=True)
        .first()
    )


def _mensajes(desde, cuantos, pregunta):
    return (
        {
            "clave": f"pruebas.beat:{n}",
            "tipo": asesoria.ACUSE,
            "plantilla": "comunicaciones/emails/acuse_pregunta",
            "para": f"persona{n:04d}@correo.test",
            "referencia": pregunta,
        }
        for n in range(desde, desde + cuantos)
    )


def test_el_broker_caido_mientras_beat_barre_no_pierde_ni_repite_correos(
    broker_propio, trabajador_propio, client, settings, tmp_path
):
    sumidero = SumideroLento().iniciar()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sumidero.puerto
    settings.EMAIL_USE_TLS = False
    entorno = {
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sumidero.puerto),
        "EMAIL_USE_TLS": "false",
        "BUZON_BARRIDO_SEGUNDOS": str(BARRIDO_SEGUNDOS),
        "REDIS_URL": "",
    }
    pregunta = asesoria.preguntar(
        ciudadano=None, asunto="Horario", texto="¿A qué hora atienden los sábados?"
    )
    beat = trabajador = None
    try:
        trabajador = TrabajadorVigilado(
            trabajador_propio, colas="default,transaccional", concurrencia=2, **entorno
        )
        beat = ProgramadorBeat({**trabajador.actual.entorno}, tmp_path).iniciar()

        # Beat y el barrido corren: al menos un barrido terminó bien bajo beat.
        assert esperar(lambda: _ultima_ok() is not None, 60), beat.salida()
        buzon.registrar_varios(_mensajes(0, ANTES_DE_LA_CAIDA, pregunta))
        assert esperar(lambda: sumidero.total() >= 40, 60), "no empezó a enviar"

        # Cae el broker con la bandeja a medias.
        broker_propio.matar()
        caida = time.monotonic()
        pendientes = Mensaje.objects.exclude(estado=estados.ENVIADO).count()
        assert pendientes > 0, "terminó antes de la caída"

        # /salud/ contesta rápido y dice que el broker no está; no es un 503.
        views._broker.update(hasta=0.0, estado="")
        inicio = time.monotonic()
        respuesta = client.get("/salud/")
        assert time.monotonic() - inicio < 0.5
        assert respuesta.status_code == 200, respuesta.content
        assert respuesta.json()["broker"] == "error"
        assert respuesta.json()["base_de_datos"] == "ok"

        # El portal sigue registrando correos: el encolado se rinde pronto.
        inicio = time.monotonic()
        registrados = buzon.registrar_varios(
            _mensajes(ANTES_DE_LA_CAIDA, DURANTE_LA_CAIDA, pregunta)
        )
        assert registrados == DURANTE_LA_CAIDA
        assert time.monotonic() - inicio < 5

        time.sleep(max(0.0, CAIDA_SEGUNDOS - (time.monotonic() - caida)))
        assert beat.proceso.poll() is None, f"beat murió:\n{beat.salida()}"

        # Vuelve Redis, vacío, en el mismo puerto.
        broker_propio.iniciar()
        vuelta = timezone.now()
        terminada = esperar(
            lambda: not Mensaje.objects.exclude(estado=estados.ENVIADO).exists(),
            50,
            cada=0.5,
        )
        assert terminada, (
            f"quedaron sin enviar ({sumidero.total()} recibidos): "
            f"{list(Mensaje.objects.exclude(estado=estados.ENVIADO).values_list('estado', 'intentos', 'reclamado_en', 'error'))}"
            f"\n{beat.salida()}"
        )
        assert esperar(lambda: (_ultima_ok() or vuelta) > vuelta, 20), (
            "el barrido no volvió a correr bien bajo beat"
        )
        # Un barrido más con todo enviado: nada sale dos veces.
        time.sleep(BARRIDO_SEGUNDOS + 1)
        assert beat.proceso.poll() is None
    finally:
        if trabajador:
            trabajador.detener()
        if beat:
            beat.detener()
        sumidero.detener()
    if trabajador.muertes:
        warnings.warn(
            f"el trabajador de Celery murió {len(trabajador.muertes)} vez o veces "
            f"con el broker caído y se levantó de nuevo:\n{trabajador.muertes[0]}",
            stacklevel=1,
        )

    total = ANTES_DE_LA_CAIDA + DURANTE_LA_CAIDA
    recibidos = sumidero.por_destinatario()
    assert len(recibidos) == total  # ninguno perdido
    # Ni un repetido: nadie murió con un envío en vuelo, cada reclamo lo gana uno.
    assert {d: n for d, n in recibidos.items() if n > 1} == {}
    assert Mensaje.objects.filter(estado=estados.ENVIADO).count() == total
