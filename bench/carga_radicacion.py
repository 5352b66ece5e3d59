"""Radicación bajo carga: ciudadanos simulados que ingresan y radican una
inscripción ICA de principio a fin contra gunicorn, PostgreSQL y Celery.

Cada ciudadano simulado es un proceso con http.client (sin dependencias) que,
una y otra vez hasta agotar el tiempo, hace lo mismo que una persona en el
navegador: abre «Ingresar» y envía su correo y clave (allauth, con el token
CSRF de la página), abre la ficha e inicia el trámite, abre y envía cada uno de
los cinco pasos, sube dos documentos de verdad (un PDF y un PNG, que el portal
abre con pypdf y Pillow), abre «Revise su solicitud», radica y abre la
confirmación. Cada radicación empieza con una sesión nueva. Una respuesta que
no es la esperada (200 en los GET, 302 al destino correcto en los POST) es un
error, y esa radicación se abandona.

El script crea su base PostgreSQL (`carga_radicacion_<pid>`), la migra, carga
la demostración (`cargar_demo --forzar`), junta los estáticos y crea una
cuenta verificada por ciudadano simulado. Arranca el portal con
`deploy/gunicorn.conf.py` (5 trabajadores síncronos) y el entorno de
producción (DJANGO_DEBUG=false, PORTAL_URL https detrás de X-Forwarded-Proto,
Redis como caché y broker, conexiones persistentes, correo a archivos), y un
trabajador de Celery real en las tres colas: la constancia PDF y el acuse por
correo salen de él, como en producción.

Mide radicaciones completas por minuto, latencia p50/p95 de cada petición y
el tiempo de CPU (utime+stime de /proc) de los trabajadores de gunicorn, del
trabajador de Celery (PDF y correo) y de los procesos de PostgreSQL de la
base, dividido por radicación completa. Al final espera a que la bandeja de
salida se vacíe y comprueba en la base que cada radicación contada tiene un
radicado, que no se repiten, que no quedan borradores ni mensajes pendientes
y que cada acuse salió con su constancia.

Variables: DATABASE_URL (servidor PostgreSQL; por defecto
postgres://postgres@127.0.0.1:5432/postgres), REDIS_URL (por defecto
redis://127.0.0.1:6379/13; el broker usa la misma base de Redis y la vacía al
terminar: debe ser una base propia), CARGA_CIUDADANOS (8), CARGA_SEGUNDOS
(90), CARGA_TRABAJADORES (5), CARGA_CELERY (2 procesos). `--conservar` deja
la base. Uso: `python bench/carga_radicacion.py` o
`python bench/run_all.py carga`.
"""

import contextlib
import http.client
import http.cookies
import io
import json
import multiprocessing
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ / "bench"))

from _entorno import percentil  # noqa: E402
from bench_paginas_publicas import (  # noqa: E402
    administrar_base,
    detener,
    esperar,
    manage,
    puerto_libre,
    servicios,
    url_con_base,
)

CIUDADANOS = int(os.environ.get("CARGA_CIUDADANOS", "8"))
SEGUNDOS = float(os.environ.get("CARGA_SEGUNDOS", "90"))
TRABAJADORES = os.environ.get("CARGA_TRABAJADORES", "5")
CELERY = os.environ.get("CARGA_CELERY", "2")
CLAVE = "Carga-de-prueba-2026"
ORIGEN = "https://tramites.ejemplo.gov.co"
ESPERA_BANDEJA = 300

# (paso, método) en el orden del recorrido, para la tabla de latencias.
RECORRIDO = [
    ("ingresar", "GET"),
    ("ingresar", "POST"),
    ("iniciar", "GET"),
    ("iniciar", "POST"),
    *[
        (clave, metodo)
        for clave in (
            "contribuyente",
            "registro_mercantil",
            "actividades",
            "establecimientos",
            "representacion",
        )
        for metodo in ("GET", "POST")
    ],
    ("documentos", "GET"),
    ("documentos", "POST"),
    ("revision", "GET"),
    ("radicar", "POST"),
    ("confirmacion", "GET"),
]


# --- Archivos de verdad ----------------------------------------------------------


def archivos_de_prueba():
    from PIL import Image
    from pypdf import PdfWriter

    escritor = PdfWriter()
    escritor.add_blank_page(width=612, height=792)
    pdf = io.BytesIO()
    escritor.write(pdf)
    png = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 180, 150)).save(png, "PNG")
    return [
        ("rut.pdf", "application/pdf", pdf.getvalue()),
        ("cedula.png", "image/png", png.getvalue()),
    ]


def multipart(campos, archivos):
    """Cuerpo multipart/form-data: `campos` (pares) y `archivos` (campo, nombre,
    tipo, bytes)."""
    limite = secrets.token_hex(16)
    partes = []
    for nombre, valor in campos:
        partes.append(
            f'--{limite}\r\nContent-Disposition: form-data; name="{nombre}"'
            f"\r\n\r\n{valor}\r\n".encode()
        )
    for campo, nombre, tipo, contenido in archivos:
        partes.append(
            f'--{limite}\r\nContent-Disposition: form-data; name="{campo}"; '
            f'filename="{nombre}"\r\nContent-Type: {tipo}\r\n\r\n'.encode()
            + contenido
            + b"\r\n"
        )
    partes.append(f"--{limite}--\r\n".encode())
    return b"".join(partes), f"multipart/form-data; boundary={limite}"


# --- Un ciudadano simulado --------------------------------------------------------


class Fallo(Exception):
    pass


class Navegador:
    """Una conexión keep-alive con sus cookies, como un navegador de una pestaña."""

    def __init__(self, puerto, ip):
        self.puerto = puerto
        self.ip = ip
        self.conexion = None
        self.cookies = {}
        self.latencias = []

    def _conectar(self):
        if self.conexion is None:
            self.conexion = http.client.HTTPConnection(
                "127.0.0.1", self.puerto, timeout=60
            )
        return self.conexion

    def cerrar(self):
        if self.conexion is not None:
            self.conexion.close()
        self.conexion = None

    def pedir(self, paso, metodo, ruta, cuerpo=None, tipo=None, espera=200):
        cabeceras = {
            "Host": "127.0.0.1",
            "X-Forwarded-Proto": "https",
            # Como lo pasa nginx: cada ciudadano con su IP, que es la que cuentan
            # los límites de intentos de allauth y axes.
            "X-Forwarded-For": self.ip,
            "User-Agent": "carga-radicacion",
        }
        if self.cookies:
            cabeceras["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if metodo == "POST":
            cabeceras["Origin"] = ORIGEN
            cabeceras["Referer"] = ORIGEN + ruta
            cabeceras["Content-Type"] = tipo or "application/x-www-form-urlencoded"
        inicio = time.monotonic()
        try:
            conexion = self._conectar()
            conexion.request(metodo, ruta, body=cuerpo, headers=cabeceras)
            respuesta = conexion.getresponse()
            contenido = respuesta.read()
            if respuesta.will_close:
                self.cerrar()
        except (OSError, http.client.HTTPException) as error:
            self.cerrar()
            raise Fallo(f"{paso} {metodo}: {error!r}") from None
        self.latencias.append((paso, metodo, time.monotonic() - inicio))
        for valor in respuesta.headers.get_all("Set-Cookie") or []:
            galleta = http.cookies.SimpleCookie(valor)
            for nombre, morsel in galleta.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(nombre, None)
                else:
                    self.cookies[nombre] = morsel.value
        if respuesta.status != espera:
            raise Fallo(
                f"{paso} {metodo} {ruta}: {respuesta.status} "
                f"{respuesta.headers.get('Location', '')} "
                f"{contenido.decode(errors='replace')[:300]!r}"
            )
        if espera == 302:
            return urlsplit(respuesta.headers["Location"]).path
        return contenido.decode()

    def enviar(self, paso, ruta, campos, destino, archivos=()):
        if archivos:
            cuerpo, tipo = multipart(campos, archivos)
        else:
            cuerpo, tipo = urlencode(campos).encode(), None
        siguiente = self.pedir(paso, "POST", ruta, cuerpo, tipo, espera=302)
        if not re.search(destino, siguiente):
            raise Fallo(f"{paso} POST {ruta}: fue a {siguiente}, no a {destino}")
        return siguiente


def token(html):
    encontrado = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not encontrado:
        raise Fallo("página sin token CSRF")
    return encontrado.group(1)


def pasos_inscripcion(numero, correo):
    documento = str(70_000_000 + numero)
    return [
        (
            "contribuyente",
            {
                "naturaleza": "PERSONA_NATURAL",
                "tipo_documento": "CC",
                "numero_documento": documento,
                "digito_verificacion": "",
                "nombre": f"Ciudadana de carga {numero}",
                "regimen": "SIMPLE",
                "direccion_notificacion": "Calle 49 # 48-20",
                "municipio_notificacion": "San Pedro de los Milagros",
                "departamento_notificacion": "Antioquia",
                "telefono": "",
                "celular": "310 456 7890",
                "correo": correo,
                "autoriza_notificacion_electronica": "on",
            },
        ),
        ("registro_mercantil", {"tiene_matricula": "False"}),
        ("actividades", {"principal": "4722 — Comercio al por menor de leche"}),
        (
            "establecimientos",
            {
                "establecimientos-TOTAL_FORMS": "1",
                "establecimientos-INITIAL_FORMS": "0",
                "establecimientos-0-nombre_comercial": f"Lácteos de carga {numero}",
                "establecimientos-0-direccion": "Carrera 49 # 50-12",
                "establecimientos-0-zona": "URBANA",
                "establecimientos-0-barrio_vereda": "Centro",
                "establecimientos-0-actividad": "4722",
                "establecimientos-0-inicio_actividades": "2025-11-03",
                "establecimientos-0-area_m2": "32,5",
                "establecimientos-0-empleados": "1",
                "establecimientos-0-avisos_tableros": "True",
            },
        ),
        ("representacion", {"actua_apoderado": "False"}),
    ]


def requisitos_obligatorios(html):
    """Los campos de archivo de los requisitos marcados «Obligatorio»."""
    campos = []
    for bloque in html.split("bloque-gris")[1:]:
        campo = re.search(r'type="file" name="(requisito_\d+)"', bloque)
        if campo and "Obligatorio</span>" in bloque:
            campos.append(campo.group(1))
    return campos


def radicar_una(navegador, datos, correo, numero, archivos):
    """Una radicación completa con sesión nueva; devuelve el radicado."""
    navegador.cerrar()
    navegador.cookies = {}
    html = navegador.pedir("ingresar", "GET", "/cuentas/ingresar/")
    navegador.enviar(
        "ingresar",
        "/cuentas/ingresar/",
        {"csrfmiddlewaretoken": token(html), "login": correo, "password": CLAVE},
        r"^/cuenta/$",
    )
    iniciar = datos["iniciar"]
    html = navegador.pedir("iniciar", "GET", iniciar)
    ruta = navegador.enviar(
        "iniciar",
        iniciar,
        {"csrfmiddlewaretoken": token(html)},
        r"/paso/contribuyente/$",
    )
    for clave, campos in pasos_inscripcion(numero, correo):
        html = navegador.pedir(clave, "GET", ruta)
        ruta = navegador.enviar(
            clave,
            ruta,
            {"csrfmiddlewaretoken": token(html), **campos, "accion": "continuar"},
            r"/(paso/[a-z_]+|documentos)/$",
        )
    if not ruta.endswith("/documentos/"):
        raise Fallo(f"tras los pasos llegó a {ruta}")
    html = navegador.pedir("documentos", "GET", ruta)
    campos = requisitos_obligatorios(html)
    if len(campos) != len(archivos):
        raise Fallo(f"se esperaban {len(archivos)} documentos obligatorios: {campos}")
    ruta = navegador.enviar(
        "documentos",
        ruta,
        [("csrfmiddlewaretoken", token(html)), ("accion", "continuar")],
        r"/revision/$",
        archivos=[
            (campo, nombre, tipo, contenido)
            for campo, (nombre, tipo, contenido) in zip(campos, archivos, strict=True)
        ],
    )
    html = navegador.pedir("revision", "GET", ruta)
    aviso = re.search(r'name="aviso" value="(\d+)"', html)
    if not aviso:
        raise Fallo("la revisión no trae el aviso de privacidad")
    ruta = navegador.enviar(
        "radicar",
        ruta,
        {
            "csrfmiddlewaretoken": token(html),
            "aviso": aviso.group(1),
            "acepta_aviso": "on",
            "como_se_entero": "EMISORA",
        },
        r"/radicada/$",
    )
    html = navegador.pedir("confirmacion", "GET", ruta)
    radicado = re.search(r"ICA-\d{4}-\d{6}", html)
    if not radicado:
        raise Fallo("la confirmación no muestra el radicado")
    return radicado.group(0)


def ciudadano(indice, puerto, datos, hasta, maximo, salida):
    """Radica sin pausa hasta `hasta` (monotónico) o `maximo` intentos y deja su
    cuenta en `salida`."""
    correo = datos["correos"][indice]
    archivos = archivos_de_prueba()
    navegador = Navegador(puerto, f"10.20.{indice // 250}.{indice % 250 + 1}")
    radicados, errores, duraciones = [], [], []
    # Un documento distinto en cada radicación, también entre calentamiento y medida.
    numero = indice * 100_000 + (0 if maximo == 1 else 1000)
    intentos = 0
    while time.monotonic() < hasta and intentos < maximo:
        intentos += 1
        numero += 1
        inicio = time.monotonic()
        try:
            radicados.append(radicar_una(navegador, datos, correo, numero, archivos))
            duraciones.append(time.monotonic() - inicio)
        except Fallo as error:
            errores.append(str(error))
            # Un error no debe volverse una ráfaga de peticiones que falla igual.
            time.sleep(1)
    navegador.cerrar()
    salida.put(
        {
            "radicados": radicados,
            "errores": errores,
            "duraciones": duraciones,
            "latencias": navegador.latencias,
            "cpu": time.process_time(),
        }
    )


# --- CPU de los procesos del servidor --------------------------------------------


TICS = os.sysconf("SC_CLK_TCK")


def _stat(pid):
    try:
        texto = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    campos = texto[texto.rindex(")") + 2 :].split()
    # Desde el estado (campo 3): ppid es el 4, utime 14, stime 15, cutime 16,
    # cstime 17.
    return int(campos[1]), [int(c) for c in campos[11:15]]


def _hijos():
    hijos = {}
    for entrada in os.listdir("/proc"):
        if entrada.isdigit() and (dato := _stat(int(entrada))):
            hijos.setdefault(dato[0], []).append(int(entrada))
    return hijos


def cpu_del_arbol(pid):
    """{pid: segundos de CPU} del proceso y sus descendientes; el del raíz
    cuenta también lo de sus hijos ya terminados (cutime + cstime)."""
    hijos = _hijos()
    resultado, pendientes = {}, [pid]
    while pendientes:
        actual = pendientes.pop()
        dato = _stat(actual)
        if dato is None:
            continue
        utime, stime, cutime, cstime = dato[1]
        resultado[actual] = (utime + stime + cutime + cstime) / TICS
        pendientes.extend(hijos.get(actual, []))
    return resultado


def cpu_de_pids(pids):
    resultado = {}
    for pid in pids:
        if dato := _stat(pid):
            resultado[pid] = sum(dato[1][:2]) / TICS
    return resultado


def diferencia(antes, despues):
    return sum(valor - antes.get(pid, 0.0) for pid, valor in despues.items())


def pids_de_la_base(url_servidor, nombre):
    import psycopg2

    conexion = psycopg2.connect(url_servidor)
    with conexion.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s "
            "AND pid <> pg_backend_pid()",
            [nombre],
        )
        pids = [fila[0] for fila in cursor.fetchall()]
    conexion.close()
    return pids


# --- Preparación y comprobación en la base -------------------------------------------


PREPARAR = """
import json
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from tramites.models import Tramite
Usuario = get_user_model()
clave = make_password({clave!r})
correos = [f"carga{{i:03d}}@correo.test" for i in range({n})]
usuarios = Usuario.objects.bulk_create(
    Usuario(email=c, first_name="Ciudadana", last_name=f"Carga {{i}}", password=clave)
    for i, c in enumerate(correos)
)
EmailAddress.objects.bulk_create(
    EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in usuarios
)
tramite = Tramite.objects.get(tipo="INSCRIPCION_ICA")
print(json.dumps({{
    "correos": correos,
    "iniciar": f"/tramites/{{tramite.slug}}/iniciar/",
}}))
"""

COMPROBAR = """
import json
from collections import Counter
from django.db.models import Count
from sanpedro_gel.models import Mensaje
from tramites.models import Estado, Solicitud
propias = Solicitud.objects.filter(solicitante__email__startswith="carga")
radicadas = propias.exclude(estado=Estado.BORRADOR)
radicados = list(radicadas.values_list("radicado", flat=True))
mensajes = Mensaje.objects.filter(para__startswith="carga")
print(json.dumps({
    "radicados": radicados,
    "borradores": propias.filter(estado=Estado.BORRADOR).count(),
    "sin_radicado": radicadas.filter(radicado="").count(),
    "sin_constancia": radicadas.filter(constancia="").count(),
    "mensajes": dict(Counter(mensajes.values_list("estado", flat=True))),
    "acuses": mensajes.filter(tipo="tramites.acuse").count(),
}))
"""

PENDIENTES = """
from sanpedro_gel.models import Mensaje
print(Mensaje.objects.exclude(estado__in=["ENVIADO", "FALLIDO", "ANULADO"]).count())
"""


def servidor(argumentos, entorno, registro):
    return subprocess.Popen(
        [sys.executable, "-m", *argumentos],
        env=entorno,
        cwd=RAIZ,
        stdout=registro,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def esperar_bandeja(entorno, celery, limite):
    fin = time.monotonic() + limite
    while True:
        salida = manage(entorno, "shell", "-c", PENDIENTES, capturar=True)
        pendientes = int(salida.strip().splitlines()[-1])
        if not pendientes or time.monotonic() > fin or celery.poll() is not None:
            return pendientes
        time.sleep(2)


# --- Informe -------------------------------------------------------------------------


def describir_maquina(url_base):
    import psycopg2
    import redis

    modelo = next(
        (
            linea.split(":", 1)[1].strip()
            for linea in Path("/proc/cpuinfo").read_text().splitlines()
            if linea.startswith("model name")
        ),
        "?",
    )
    conexion = psycopg2.connect(url_base)
    with conexion.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version_pg = cursor.fetchone()[0]
    conexion.close()
    version_redis = redis.Redis.from_url(os.environ["REDIS_URL"]).info()[
        "redis_version"
    ]
    return (
        f"{os.cpu_count()} CPU ({modelo}), carga {os.getloadavg()[0]:.1f}; "
        f"PostgreSQL {version_pg}, Redis {version_redis}, Python "
        f"{sys.version.split()[0]}"
    )


def informe(r):
    print(
        f"\n{r['ciudadanos']} ciudadanos simulados durante {r['segundos']:.0f} s, "
        f"{TRABAJADORES} trabajadores de gunicorn, Celery con {CELERY} procesos"
    )
    print(f"Máquina: {r['maquina']}")
    print(
        f"Radicaciones completas: {r['completas']} → "
        f"**{r['por_minuto']:.1f} por minuto**; radicación completa p50 "
        f"{r['radicacion_p50']:.1f} s · p95 {r['radicacion_p95']:.1f} s; "
        f"errores {r['errores']}"
    )
    print("\n| paso | petición | n | p50 | p95 |")
    print("| --- | --- | ---: | ---: | ---: |")
    for paso, metodo, n, p50, p95 in r["pasos"]:
        print(f"| {paso} | {metodo} | {n} | {p50:.0f} ms | {p95:.0f} ms |")
    print("\n| CPU por radicación completa | ms |")
    print("| --- | ---: |")
    for nombre, ms in r["cpu"].items():
        print(f"| {nombre} | {ms:.0f} |")
    c = r["comprobacion"]
    print(
        f"\nComprobación: {c['radicados_base']} radicados en la base, "
        f"{c['contados']} contados por los clientes; con los "
        f"{c['calentamiento']} del calentamiento, {c['unicos']} únicos, "
        f"duplicados {c['duplicados']}, faltantes {c['faltantes']}, sobrantes "
        f"{c['sobrantes']}, sin radicado {c['sin_radicado']}, borradores "
        f"{c['borradores']}, sin constancia {c['sin_constancia']}; mensajes "
        f"{c['mensajes']} (acuses {c['acuses']}); pendientes al cerrar "
        f"{c['pendientes']}"
    )
    if r["muestras_error"]:
        print("Errores, p. ej.:")
        for muestra in r["muestras_error"]:
            print(f"  {muestra}")


# --- Programa -------------------------------------------------------------------------


def main():
    redis_url = os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/13")
    url_servidor = servicios(redis_url)
    if url_servidor is None:
        return 0
    import redis

    # Un SIGTERM (timeout, kill) limpia igual que Ctrl-C: procesos, base, Redis.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    conservar = "--conservar" in sys.argv
    nombre = f"carga_radicacion_{os.getpid()}"
    url_base = url_con_base(url_servidor, nombre)
    temporal = Path(tempfile.mkdtemp(prefix="carga-radicacion-"))
    entorno = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "GUNICORN_", "PORTAL_", "CELERY_", "EMAIL_"))
    }
    entorno.update(
        {
            "PORTAL_URL": ORIGEN,
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_CSRF_TRUSTED_ORIGINS": ORIGEN,
            "DATABASE_URL": url_base,
            "DATABASE_CONN_MAX_AGE": "60",
            "REDIS_URL": redis_url,
            "CELERY_BROKER_URL": redis_url,
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
    puerto = puerto_libre()
    portal = celery = None
    registro_portal = open(temporal / "gunicorn.log", "w")  # noqa: SIM115
    registro_celery = open(temporal / "celery.log", "w")  # noqa: SIM115
    administrar_base(url_servidor, f'CREATE DATABASE "{nombre}"')
    try:
        print("Preparando la base (migrate + cargar_demo)…", flush=True)
        manage(entorno, "migrate", "--no-input")
        manage(entorno, "cargar_demo", "--forzar")
        manage(entorno, "collectstatic", "--no-input")
        salida = manage(
            entorno,
            "shell",
            "-c",
            PREPARAR.format(clave=CLAVE, n=CIUDADANOS),
            capturar=True,
        )
        datos = json.loads(salida.strip().splitlines()[-1])

        portal = servidor(
            [
                "gunicorn",
                "-c",
                "deploy/gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{puerto}",
            ],
            entorno,
            registro_portal,
        )
        celery = servidor(
            [
                "celery",
                "-A",
                "sanpedro_gel",
                "worker",
                "-Q",
                "default,transaccional,masivo",
                "-c",
                CELERY,
                "-P",
                "prefork",
                "-n",
                f"{nombre}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "WARNING",
            ],
            entorno,
            registro_celery,
        )
        esperar(puerto, "/salud/", {"X-Forwarded-Proto": "https"}, portal, limite=120)
        # Calentamiento: cada trabajador importa y compila plantillas en su
        # primera petición; una radicación por ciudadano, fuera de la cuenta.
        print("Calentando (una radicación por ciudadano)…", flush=True)
        contexto = multiprocessing.get_context("fork")
        cola = contexto.Queue()

        def ronda(segundos, maximo=10**9):
            hasta = time.monotonic() + segundos
            procesos = [
                contexto.Process(
                    target=ciudadano, args=(i, puerto, datos, hasta, maximo, cola)
                )
                for i in range(CIUDADANOS)
            ]
            for proceso in procesos:
                proceso.start()
            cuentas = [cola.get() for _ in procesos]
            for proceso in procesos:
                proceso.join()
            return cuentas

        calentamiento = ronda(600, maximo=1)
        errores_calentamiento = [e for c in calentamiento for e in c["errores"]]
        if errores_calentamiento:
            raise RuntimeError(
                f"calentamiento con errores: {errores_calentamiento[:3]}"
            )
        if esperar_bandeja(entorno, celery, ESPERA_BANDEJA):
            raise RuntimeError("la bandeja no se vació tras el calentamiento")

        print(f"Midiendo {SEGUNDOS:g} s con {CIUDADANOS} ciudadanos…", flush=True)
        base_pids = pids_de_la_base(url_servidor, nombre)
        antes_web = cpu_del_arbol(portal.pid)
        antes_celery = cpu_del_arbol(celery.pid)
        antes_pg = cpu_de_pids(base_pids)
        inicio = time.monotonic()
        cuentas = ronda(SEGUNDOS)
        duracion = time.monotonic() - inicio
        despues_web = cpu_del_arbol(portal.pid)
        despues_pg = cpu_de_pids(pids_de_la_base(url_servidor, nombre))
        pendientes = esperar_bandeja(entorno, celery, ESPERA_BANDEJA)
        despues_celery = cpu_del_arbol(celery.pid)

        comprobacion = json.loads(
            manage(entorno, "shell", "-c", COMPROBAR, capturar=True)
            .strip()
            .splitlines()[-1]
        )
        maquina = describir_maquina(url_base)
    finally:
        detener(portal)
        detener(celery)
        registro_portal.close()
        registro_celery.close()
        if conservar:
            print(f"Base conservada: {nombre}; registros en {temporal}")
        else:
            shutil.rmtree(temporal, ignore_errors=True)
            # FORCE: una conexión que quedó de un proceso muerto no deja la base.
            administrar_base(
                url_servidor, f'DROP DATABASE IF EXISTS "{nombre}" WITH (FORCE)'
            )
        # La base de Redis es de la medición: broker (colas, no confirmados) y
        # caché.
        with contextlib.suppress(Exception):
            redis.Redis.from_url(redis_url).flushdb()

    radicados = [r for c in cuentas for r in c["radicados"]]
    errores = [e for c in cuentas for e in c["errores"]]
    duraciones = [d for c in cuentas for d in c["duraciones"]]
    latencias = {}
    for c in cuentas:
        for paso, metodo, segundos in c["latencias"]:
            latencias.setdefault((paso, metodo), []).append(segundos * 1000)
    completas = len(radicados)
    previos = {r for c in calentamiento for r in c["radicados"]}
    en_base = [r for r in comprobacion["radicados"] if r not in previos]
    por_radicacion = 1000 / completas if completas else 0
    cpu = {
        "web: trabajadores de gunicorn": diferencia(antes_web, despues_web)
        * por_radicacion,
        "PostgreSQL: procesos de la base": diferencia(antes_pg, despues_pg)
        * por_radicacion,
        "aparte, Celery: constancia PDF y acuse por correo": diferencia(
            antes_celery, despues_celery
        )
        * por_radicacion,
        "aparte, los clientes simulados": sum(c["cpu"] for c in cuentas)
        * por_radicacion,
    }
    resultado = {
        "ciudadanos": CIUDADANOS,
        "segundos": duracion,
        "maquina": maquina,
        "completas": completas,
        "por_minuto": completas / duracion * 60,
        "radicacion_p50": statistics.median(duraciones) if duraciones else 0,
        "radicacion_p95": percentil(duraciones, 95) if duraciones else 0,
        "errores": len(errores),
        "muestras_error": errores[:5],
        "pasos": [
            (
                paso,
                metodo,
                len(latencias.get((paso, metodo), [])),
                statistics.median(latencias.get((paso, metodo), [0])),
                percentil(latencias.get((paso, metodo), [0]), 95),
            )
            for paso, metodo in RECORRIDO
        ],
        "cpu": cpu,
        "comprobacion": {
            "radicados_base": len(en_base),
            "calentamiento": len(previos),
            "contados": completas,
            "unicos": len(set(comprobacion["radicados"])),
            "duplicados": len(comprobacion["radicados"])
            - len(set(comprobacion["radicados"])),
            "faltantes": len(set(radicados) - set(en_base)),
            "sobrantes": len(set(en_base) - set(radicados)),
            "sin_radicado": comprobacion["sin_radicado"],
            "borradores": comprobacion["borradores"],
            "sin_constancia": comprobacion["sin_constancia"],
            "mensajes": comprobacion["mensajes"],
            "acuses": comprobacion["acuses"],
            "pendientes": pendientes,
        },
    }
    informe(resultado)
    c = resultado["comprobacion"]
    correcto = (
        completas > 0
        and not errores
        and c["duplicados"] == c["faltantes"] == c["sobrantes"] == 0
        and c["sin_radicado"] == c["borradores"] == c["sin_constancia"] == 0
        and c["pendientes"] == 0
        and c["acuses"] == len(comprobacion["radicados"])
        and set(c["mensajes"]) == {"ENVIADO"}
    )
    print("\nResultado:", "correcto" if correcto else "**FALLA**")
    return 0 if correcto else 1


if __name__ == "__main__":
    sys.exit(main())
