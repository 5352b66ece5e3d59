"""PostgreSQL pierde las conexiones con peticiones en vuelo (lo que ve el portal
cuando el servidor de base de datos se reinicia): esas peticiones reciben la
página de error en español, sin traza, y el portal se recupera solo, sin
reiniciar gunicorn.

Se cortan con pg_terminate_backend todas las conexiones a la base de esta
prueba, no se reinicia el servicio: en CI otro proceso de pruebas usa el mismo
servidor con su propia base y un reinicio de verdad lo tumbaría a él también.
Para el portal es lo mismo: sus conexiones persistentes (CONN_MAX_AGE) mueren
sin aviso y la consulta en curso falla.

Cortar al azar no basta para probarlo: la lista de trámites del visitante sin
sesión sale de la caché sin tocar la base, una conexión muerta entre dos
peticiones la repara la comprobación de salud de Django sin que nadie lo note,
y una consulta dura tan poco que el corte casi nunca cae en medio de una. Por
eso los visitantes traen cookie de sesión y la prueba bloquea la tabla de los
trámites antes de cortar: las peticiones quedan esperando en PostgreSQL, en
medio de su consulta, y el corte les llega con certeza.
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
from django.db import connection, transaction

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pedir(url: str) -> tuple[int, str]:
    # Con una cookie de sesión la lista de trámites se calcula en cada petición
    # (sanpedro_gel.paginas): sin ella saldría de la caché sin tocar la base.
    peticion = urllib.request.Request(url, headers={"Cookie": "sessionid=visitante"})
    try:
        with urllib.request.urlopen(peticion, timeout=20) as respuesta:
            return respuesta.status, respuesta.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _contar_conexiones(base: str, *, que: str, donde: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count({que}) FROM pg_stat_activity WHERE datname = %s AND {donde}",
            [base],
        )
        return cursor.fetchone()[0]


def _esperando_el_bloqueo(base: str) -> int:
    return _contar_conexiones(base, que="*", donde="wait_event_type = 'Lock'")


def _cortar_conexiones(base: str) -> int:
    """Termina las conexiones a `base` menos la de la prueba; cuántas eran."""
    return _contar_conexiones(
        base, que="pg_terminate_backend(pid)", donde="pid <> pg_backend_pid()"
    )


def _es_la_pagina_de_error(cuerpo: str) -> bool:
    return (
        "Algo salió mal de nuestro lado" in cuerpo
        and "Traceback" not in cuerpo
        and "OperationalError" not in cuerpo
        and "terminating connection" not in cuerpo
    )


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
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("LOCK TABLE tramites_tramite IN ACCESS EXCLUSIVE MODE")
            for hilo in hilos:
                hilo.start()
            limite = time.monotonic() + 20
            while not _esperando_el_bloqueo(datos["NAME"]):
                assert time.monotonic() < limite, "ninguna petición llegó a la base"
                time.sleep(0.05)
            en_vuelo = _esperando_el_bloqueo(datos["NAME"])
            assert _cortar_conexiones(datos["NAME"]) >= en_vuelo
        # Soltado el bloqueo, los visitantes siguen pidiendo mientras el portal
        # se reconecta.
        time.sleep(1.5)
        seguir.clear()
        for hilo in hilos:
            hilo.join(30)

        # Cada petición cortada en medio de su consulta recibió la página de
        # error del portal (y no la de gunicorn ni una traza).
        codigos = [codigo for codigo, _ in respuestas]
        fallidas = [codigo for codigo in codigos if codigo in (500, 503)]
        assert len(fallidas) >= en_vuelo >= 1, codigos
        assert set(codigos) <= {200, 500, 503}, codigos
        for codigo, cuerpo in respuestas:
            if codigo != 200:
                assert _es_la_pagina_de_error(cuerpo), cuerpo[:2000]

        # Sin reiniciar nada: las siguientes peticiones ya salen bien.
        despues = [_pedir(url)[0] for _ in range(20)]
        assert despues == [200] * 20, despues
        assert servidor.poll() is None, "gunicorn se cayó"
    finally:
        servidor.terminate()
        servidor.wait(20)
