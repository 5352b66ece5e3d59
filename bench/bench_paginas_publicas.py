"""Páginas públicas servidas por gunicorn frente a una vista mínima de Django.

Meta: cada página pública rinde al menos 0,5 veces las peticiones por segundo
de una vista de Django que hace una consulta por llave primaria y devuelve
texto (`bench/referencia/`), servidas las dos por gunicorn (5 trabajadores
síncronos) en la misma corrida.

El script crea una base PostgreSQL propia (`bench_paginas_<pid>`), la migra y
carga la demostración (`cargar_demo --forzar`), junta los estáticos, arranca el
portal con `deploy/gunicorn.conf.py` y un entorno como el de producción
(DJANGO_DEBUG=false, PORTAL_URL https, Redis como caché, conexiones
persistentes) y la referencia con los mismos trabajadores. Luego, página por
página, alterna referencia y página (A B A B…) con 32 conexiones
concurrentes (hilos con http.client repartidos en varios procesos) y da la
razón de cada pareja, su mediana y el p99 de la página. Al final borra la base.

Variables: DATABASE_URL (servidor PostgreSQL; por defecto
postgres://postgres@127.0.0.1:5432/postgres), REDIS_URL (por defecto
redis://127.0.0.1:6379/1), BENCH_SEGUNDOS (3 por tramo), BENCH_RONDAS (2
parejas), BENCH_CONEXIONES (32), BENCH_TRABAJADORES (5). Sin PostgreSQL o
Redis se omite. `--conservar` deja la base; `--base NOMBRE` la reutiliza
(solo migra, sin volver a cargar la demostración); `--paginas "mis,portada"`
mide solo las páginas cuyo título contiene alguno de esos textos.
"""

import http.client
import json
import multiprocessing
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ / "bench"))

from _entorno import percentil  # noqa: E402

SEGUNDOS = float(os.environ.get("BENCH_SEGUNDOS", "3"))
RONDAS = int(os.environ.get("BENCH_RONDAS", "2"))
CONEXIONES = int(os.environ.get("BENCH_CONEXIONES", "32"))
TRABAJADORES = os.environ.get("BENCH_TRABAJADORES", "5")
PROCESOS_CARGA = 4
CALENTAMIENTO = 0.5


# --- Generador de carga -----------------------------------------------------------


def _hilos(puerto, ruta, cabeceras, segundos, hilos):
    """Corre `hilos` clientes keep-alive durante `segundos` (tras el
    calentamiento) y devuelve (peticiones, latencias en s, errores)."""
    inicio = time.monotonic()
    desde = inicio + CALENTAMIENTO
    hasta = desde + segundos
    latencias, errores = [], []
    candado = threading.Lock()

    def cliente():
        conexion = http.client.HTTPConnection("127.0.0.1", puerto, timeout=30)
        propias = []
        while True:
            t0 = time.monotonic()
            if t0 >= hasta:
                break
            try:
                conexion.request("GET", ruta, headers=cabeceras)
                respuesta = conexion.getresponse()
                respuesta.read()
                estado = respuesta.status
                if respuesta.will_close:
                    conexion.close()
            except (OSError, http.client.HTTPException) as error:
                conexion.close()
                estado = repr(error)
            t1 = time.monotonic()
            if estado != 200:
                with candado:
                    errores.append(estado)
            elif t0 >= desde:
                propias.append(t1 - t0)
        conexion.close()
        with candado:
            latencias.extend(propias)

    trabajos = [threading.Thread(target=cliente) for _ in range(hilos)]
    for hilo in trabajos:
        hilo.start()
    for hilo in trabajos:
        hilo.join()
    return latencias, errores[:5], len(errores)


def medir(pool, puerto, ruta, cabeceras):
    """Peticiones por segundo y latencias de `ruta` con CONEXIONES clientes."""
    por_proceso = [CONEXIONES // PROCESOS_CARGA] * PROCESOS_CARGA
    for i in range(CONEXIONES % PROCESOS_CARGA):
        por_proceso[i] += 1
    futuros = [
        pool.submit(_hilos, puerto, ruta, cabeceras, SEGUNDOS, n)
        for n in por_proceso
        if n
    ]
    latencias, muestras, errores = [], [], 0
    for futuro in futuros:
        propias, ejemplo, cuantos = futuro.result()
        latencias.extend(propias)
        muestras.extend(ejemplo)
        errores += cuantos
    if errores:
        raise RuntimeError(f"{ruta}: {errores} respuestas no 200, p. ej. {muestras}")
    # Las peticiones que empiezan dentro de la ventana, sobre su duración.
    return len(latencias) / SEGUNDOS, latencias


# --- Servidores -------------------------------------------------------------------


def puerto_libre():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def esperar(puerto, ruta, cabeceras, proceso, limite=180):
    fin = time.monotonic() + limite
    while time.monotonic() < fin:
        if proceso.poll() is not None:
            raise RuntimeError(f"gunicorn terminó con {proceso.returncode}")
        try:
            conexion = http.client.HTTPConnection("127.0.0.1", puerto, timeout=5)
            conexion.request("GET", ruta, headers=cabeceras)
            conexion.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn no respondió en el puerto {puerto}")


def gunicorn(argumentos, entorno, cwd):
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", *argumentos],
        env=entorno,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def detener(proceso):
    if proceso is None or proceso.poll() is not None:
        return
    os.killpg(proceso.pid, signal.SIGTERM)
    try:
        proceso.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(proceso.pid, signal.SIGKILL)
        proceso.wait()


# --- Base de datos ------------------------------------------------------------------


def url_con_base(url, nombre):
    partes = urlsplit(url)
    return urlunsplit(partes._replace(path=f"/{nombre}"))


def administrar_base(url_servidor, orden):
    import psycopg2

    conexion = psycopg2.connect(url_servidor)
    conexion.autocommit = True
    with conexion.cursor() as cursor:
        cursor.execute(orden)
    conexion.close()


def manage(entorno, *argumentos, capturar=False):
    resultado = subprocess.run(
        [sys.executable, "manage.py", *argumentos],
        env=entorno,
        cwd=RAIZ,
        check=False,
        capture_output=True,
        text=True,
    )
    if resultado.returncode:
        sys.stderr.write(resultado.stderr[-3000:])
        raise RuntimeError(f"manage.py {argumentos[0]} falló")
    return resultado.stdout if capturar else None


PREPARAR = """
import json
from django.contrib.auth import get_user_model
from django.test import Client
from comunicaciones.models import Pieza
from tramites.models import Tramite
cliente = Client()
cliente.force_login(get_user_model().objects.get(email="ciudadana@portal-demo.test"))
print(json.dumps({
    "ficha": Tramite.objects.filter(activo=True).order_by("orden", "pk")
        .first().get_absolute_url(),
    "noticia": Pieza.objects.noticias_publicadas().order_by("-programada_para")
        .first().get_absolute_url(),
    "sesion": cliente.cookies["sessionid"].value,
}))
"""


# --- Programa -------------------------------------------------------------------------


def servicios(redis_url):
    """La URL de mantenimiento del servidor PostgreSQL de DATABASE_URL, o None
    (con el motivo impreso) si no hay PostgreSQL o Redis en `redis_url`."""
    url_servidor = os.environ.get(
        "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
    )
    if not url_servidor.startswith(("postgres://", "postgresql://")):
        print("Omitida: DATABASE_URL debe ser PostgreSQL.")
        return None
    url_servidor = url_con_base(url_servidor, "postgres")
    try:
        import redis

        redis.Redis.from_url(redis_url, socket_connect_timeout=2).ping()
        administrar_base(url_servidor, "SELECT 1")
    except Exception as error:
        print(f"Omitida: sin PostgreSQL o Redis ({error}).")
        return None
    return url_servidor


def main():
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1")
    url_servidor = servicios(redis_url)
    if url_servidor is None:
        return 0
    import redis

    # --conservar deja la base al final; --base NOMBRE reutiliza una conservada.
    conservar = "--conservar" in sys.argv
    reutilizar = sys.argv[sys.argv.index("--base") + 1] if "--base" in sys.argv else ""
    nombre = reutilizar or f"bench_paginas_{os.getpid()}"
    url_base = url_con_base(url_servidor, nombre)
    temporal = Path(tempfile.mkdtemp(prefix="bench-paginas-"))
    entorno = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "GUNICORN_", "PORTAL_", "CELERY_"))
    }
    entorno.update(
        {
            "PORTAL_URL": "https://tramites.ejemplo.gov.co",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_CSRF_TRUSTED_ORIGINS": "https://tramites.ejemplo.gov.co",
            "DATABASE_URL": url_base,
            "DATABASE_CONN_MAX_AGE": "60",
            "REDIS_URL": redis_url,
            # Llaves propias: no choca con otra corrida ni con otro uso del Redis.
            "CACHE_PREFIJO": nombre,
            "LOG_LEVEL": "WARNING",
            "PORTAL_VAR_DIR": str(temporal / "var"),
            "STATIC_ROOT": str(temporal / "static"),
            "MEDIA_ROOT": str(temporal / "media"),
            "PRIVATE_MEDIA_ROOT": str(temporal / "privado"),
            "GUNICORN_WORKERS": TRABAJADORES,
            "GUNICORN_ACCESSLOG": "/dev/null",
            "GUNICORN_LOGLEVEL": "warning",
            "GUNICORN_MAX_REQUESTS": "100000",
        }
    )
    puerto_portal, puerto_referencia = puerto_libre(), puerto_libre()
    portal = referencia = None
    if not reutilizar:
        administrar_base(url_servidor, f'CREATE DATABASE "{nombre}"')
    try:
        print("Preparando la base (migrate + cargar_demo)…", flush=True)
        manage(entorno, "migrate", "--no-input")
        if not reutilizar:
            manage(entorno, "cargar_demo", "--forzar")
        manage(entorno, "collectstatic", "--no-input")
        salida = manage(entorno, "shell", "-c", PREPARAR, capturar=True)
        datos = json.loads(salida.strip().splitlines()[-1])

        portal = gunicorn(
            [
                "-c",
                "deploy/gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{puerto_portal}",
            ],
            entorno,
            RAIZ,
        )
        referencia = gunicorn(
            [
                "-c",
                str(RAIZ / "deploy" / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{puerto_referencia}",
                "--chdir",
                str(RAIZ / "bench"),
                "referencia.wsgi:application",
            ],
            entorno,
            RAIZ / "bench",
        )
        # Como detrás de nginx: https por X-Forwarded-Proto.
        anonimo = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
        ciudadana = {**anonimo, "Cookie": f"sessionid={datos['sesion']}"}
        esperar(puerto_portal, "/transparencia/", anonimo, portal)
        esperar(puerto_referencia, "/", anonimo, referencia)

        paginas = [
            ("portada", "/", anonimo),
            ("ficha de trámite", datos["ficha"], anonimo),
            ("trámites", "/tramites/", anonimo),
            ("consulta de radicado", "/tramites/consulta/", anonimo),
            ("noticias", "/noticias/", anonimo),
            ("una noticia", datos["noticia"], anonimo),
            ("capacitación", "/capacitacion/", anonimo),
            ("asesoría", "/asesoria/", anonimo),
            ("encuestas", "/encuestas/", anonimo),
            ("transparencia", "/transparencia/", anonimo),
            ("mis trámites (ciudadana)", "/tramites/mis-tramites/", ciudadana),
        ]
        if "--paginas" in sys.argv:
            pedidas = sys.argv[sys.argv.index("--paginas") + 1].lower().split(",")
            paginas = [p for p in paginas if any(t in p[0] for t in pedidas)]
        filas = []
        contexto = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(PROCESOS_CARGA, mp_context=contexto) as pool:
            for titulo, ruta, cabeceras in paginas:
                razones, latencias, rps_pagina, rps_ref = [], [], [], []
                for _ in range(RONDAS):
                    ref, _lat = medir(pool, puerto_referencia, "/", anonimo)
                    pag, lat = medir(pool, puerto_portal, ruta, cabeceras)
                    razones.append(pag / ref)
                    rps_pagina.append(pag)
                    rps_ref.append(ref)
                    latencias.extend(lat)
                filas.append(
                    (
                        titulo,
                        ruta,
                        razones,
                        statistics.median(razones),
                        percentil(latencias, 99) * 1000,
                        statistics.median(rps_pagina),
                        statistics.median(rps_ref),
                    )
                )
                print(
                    f"  {titulo}: razón {statistics.median(razones):.2f} "
                    f"({statistics.median(rps_pagina):.0f} frente a "
                    f"{statistics.median(rps_ref):.0f} peticiones/s)",
                    flush=True,
                )
    finally:
        detener(portal)
        detener(referencia)
        shutil.rmtree(temporal, ignore_errors=True)
        if conservar:
            print(f"Base conservada: --base {nombre}")
        else:
            administrar_base(url_servidor, f'DROP DATABASE IF EXISTS "{nombre}"')
        try:
            cliente = redis.Redis.from_url(redis_url)
            for llave in cliente.scan_iter(f"{nombre}:*"):
                cliente.delete(llave)
        except Exception:
            pass

    print(
        f"\n{CONEXIONES} conexiones, {TRABAJADORES} trabajadores síncronos, "
        f"{RONDAS} parejas A B de {SEGUNDOS:g} s; meta: razón ≥ 0,5\n"
    )
    print("| página | razón por pareja | mediana | p99 | ¿cumple? |")
    print("| --- | --- | ---: | ---: | --- |")
    for titulo, ruta, razones, mediana, p99, _pag, _ref in filas:
        por_pareja = " · ".join(f"{r:.2f}" for r in razones)
        cumple = "sí" if mediana >= 0.5 else "**no**"
        print(
            f"| {titulo} (`{ruta}`) | {por_pareja} | {mediana:.2f} | "
            f"{p99:.0f} ms | {cumple} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
