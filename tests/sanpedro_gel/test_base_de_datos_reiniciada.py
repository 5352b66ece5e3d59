"""PostgreSQL pierde las conexiones con peticiones en vuelo (lo que ve el portal
cuando el servidor de base de datos se reinicia): esas peticiones reciben la
página de error en español, sin traza, y el portal se recupera solo, sin
reiniciar gunicorn.

Se cortan con pg_terminate_backend todas las conexiones a la base de esta
prueba, no se reinicia el servicio: en CI otro proceso de pruebas usa el mismo
servidor con su propia base y un reinicio de verdad lo tumbaría a él también.
Para el portal es lo mismo: sus conexiones persistentes (CONN_MAX_AGE) mueren
sin aviso y la siguiente consulta falla.
"""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.db import connection

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pedir(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as respuesta:
            return respuesta.status, respuesta.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _cortar_conexiones(base: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [base],
        )
        return cursor.fetchone()[0]


def test_el_portal_se_recupera_solo_cuando_la_base_pierde_las_conexiones():
    from tests.factories import TramiteFactory

    TramiteFactory()
    datos = connection.settings_dict
    url_base = (
        f"postgres://{datos['USER']}:{datos['PASSWORD'] or ''}@"
        f"{datos['HOST'] or '127.0.0.1'}:{datos['PORT'] or 5432}/{datos['NAME']}"
    )
    puerto = _puerto_libre()
    entorno = {
        **os.environ,
        "DATABASE_URL": url_base,
        "DATABASE_CONN_MAX_AGE": "600",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "prueba-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "PORTAL_URL": f"http://127.0.0.1:{puerto}",
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "",
    }
    servidor = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "sanpedro_gel.wsgi",
            "--bind",
            f"127.0.0.1:{puerto}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--timeout",
            "60",
        ],
        env=entorno,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{puerto}/tramites/"
    try:
        limite = time.monotonic() + 60
        while True:
            try:
                if _pedir(url)[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < limite, "gunicorn no arrancó"
            time.sleep(0.3)
        # Calienta las conexiones persistentes de cada proceso e hilo.
        for _ in range(16):
            assert _pedir(url)[0] == 200

        respuestas: list[tuple[int, str]] = []
        seguir = threading.Event()
        seguir.set()

        def visitante():
            while seguir.is_set():
                respuestas.append(_pedir(url))

        hilos = [threading.Thread(target=visitante) for _ in range(4)]
        for hilo in hilos:
            hilo.start()
        time.sleep(0.5)
        assert _cortar_conexiones(datos["NAME"]) > 0
        time.sleep(1.5)
        seguir.clear()
        for hilo in hilos:
            hilo.join(30)

        assert respuestas, "ninguna petición en vuelo durante el corte"
        codigos = {codigo for codigo, _ in respuestas}
        assert codigos <= {200, 500}, codigos
        for codigo, cuerpo in respuestas:
            if codigo == 500:
                assert "Algo salió mal de nuestro lado" in cuerpo
                assert "Traceback" not in cuerpo and "OperationalError" not in cuerpo

        # Sin reiniciar nada: las siguientes peticiones ya salen bien.
        despues = [_pedir(url)[0] for _ in range(20)]
        assert despues == [200] * 20, despues
        assert servidor.poll() is None, "gunicorn se cayó"
    finally:
        servidor.terminate()
        servidor.wait(20)
