"""Personas y utilidades comunes de las pruebas.

Las pruebas marcadas `postgres`, `redis` o `browser` corren contra el servicio
real. Donde falta, se omiten con una línea que dice por qué, salvo que
REQUIRE_SERVICES=1 (PostgreSQL y Redis) o REQUIRE_BROWSER=1 (Chromium) pidan
que la ausencia sea un fallo.
"""

import os
import shutil

import pytest
from django.conf import settings

from tests import hipotesis  # noqa: F401  (perfiles de Hypothesis: ci o local)
from tests.factories import FuncionarioFactory, UsuarioFactory

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def pytest_configure(config):
    # Las pruebas crean cientos de usuarios y cada clave con PBKDF2 (un millón
    # de vueltas) cuesta más de medio segundo en la máquina de CI; lo que se
    # prueba es el portal, no el hash. Los trabajadores de Celery y gunicorn
    # de las pruebas, en otro proceso, no validan claves.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _exigido(variable: str) -> bool:
    return os.environ.get(variable, "").strip().lower() in {
        "1",
        "true",
        "si",
        "sí",
        "yes",
    }


def _falta_postgres() -> str | None:
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        return "necesita PostgreSQL: defina DATABASE_URL=postgres://…"
    return None


def _falta_redis() -> str | None:
    url = settings.CELERY_BROKER_URL
    if not url.startswith("redis"):
        return "necesita Redis: defina CELERY_BROKER_URL=redis://…"
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        return f"Redis no responde en {url}: {error}"
    return None


def _falta_navegador() -> str | None:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        return f"necesita Chromium en {CHROMIUM} (o CHROMIUM_PATH)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "necesita el paquete playwright (requirements-dev.txt)"
    return None


def _falta_nginx() -> str | None:
    if not shutil.which("nginx", path="/usr/sbin:/usr/bin:/sbin:/bin"):
        return "necesita nginx del sistema (paquete nginx)"
    return None


_REQUISITOS = {
    "postgres": (_falta_postgres, "REQUIRE_SERVICES"),
    "redis": (_falta_redis, "REQUIRE_SERVICES"),
    "browser": (_falta_navegador, "REQUIRE_BROWSER"),
    "nginx": (_falta_nginx, "REQUIRE_SERVICES"),
}


def pytest_runtest_setup(item):
    for marca, (falta, variable) in _REQUISITOS.items():
        if item.get_closest_marker(marca) is None:
            continue
        motivo = falta()
        if motivo is None:
            continue
        if _exigido(variable):
            pytest.fail(f"{variable}=1 y la prueba {marca} no puede correr: {motivo}")
        pytest.skip(motivo)


@pytest.fixture(autouse=True)
def _archivos_temporales(settings, tmp_path):
    """Cada prueba escribe adjuntos y medios en su propia carpeta temporal."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "privado"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_FILE_PATH = tmp_path / "correo"


@pytest.fixture(autouse=True)
def _sin_efectos_bajo_bloqueo(request, monkeypatch):
    """Ningún render_pdf ni correo dentro de un bloque con select_for_update
    (ver tests/bloqueos.py). La base de la prueba se abre antes que esto."""
    if request.node.get_closest_marker("django_db"):
        request.getfixturevalue("_django_db_helper")
    for nombre in ("db", "transactional_db"):
        if nombre in request.fixturenames:
            request.getfixturevalue(nombre)
    from tests.bloqueos import vigilar

    with vigilar(monkeypatch) as vigilante:
        yield vigilante


@pytest.fixture(autouse=True)
def _cache_limpia():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# --- Personas -----------------------------------------------------------------


@pytest.fixture
def migrar(transactional_db):
    """Lleva la base de la prueba al estado de `destino` y devuelve sus modelos
    históricos. Al terminar, pase lo que pase, vuelve a aplicar todas las
    migraciones: una base a medio migrar rompería las pruebas que siguen en el
    mismo proceso."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    def a(destino):
        executor = MigrationExecutor(connection)
        executor.migrate(destino)
        return executor.loader.project_state(destino).apps

    yield a
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def consultas_de_sesion(settings) -> int:
    """Cuántas consultas cuesta leer la sesión de quien ingresó: ninguna con
    Redis (`cached_db`, como en CI y producción), una con la sesión en la base."""
    return 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1


@pytest.fixture
def ciudadano(db):
    return UsuarioFactory(
        email="maria.gomez@correo.test", first_name="María", last_name="Gómez"
    )


@pytest.fixture
def otro_ciudadano(db):
    return UsuarioFactory(
        email="jorge.rios@correo.test", first_name="Jorge", last_name="Ríos"
    )


def _funcionario_con_rol(rol: str | None, correo: str):
    funcionario = FuncionarioFactory(
        correo=correo, usuario__email=correo, usuario__is_staff=True
    )
    if rol:
        from django.contrib.auth.models import Group

        funcionario.usuario.groups.add(Group.objects.get(name=rol))
    return funcionario.usuario


@pytest.fixture
def revisor_hacienda(db):
    return _funcionario_con_rol("Revisor Hacienda", "hacienda@alcaldia.test")


@pytest.fixture
def revisor_gobierno(db):
    return _funcionario_con_rol("Revisor Gobierno", "gobierno@alcaldia.test")


@pytest.fixture
def lider_gel(db):
    return _funcionario_con_rol("Líder GEL", "lider.gel@alcaldia.test")


@pytest.fixture
def encargado_comunicaciones(db):
    return _funcionario_con_rol("Comunicaciones", "prensa@alcaldia.test")


@pytest.fixture
def administrador_web(db):
    return _funcionario_con_rol("Administrador web", "web@alcaldia.test")


@pytest.fixture
def administrador_herramienta(db):
    return _funcionario_con_rol(
        "Administrador de la herramienta", "soporte@alcaldia.test"
    )


@pytest.fixture
def funcionario_sin_permisos(db):
    return _funcionario_con_rol(None, "auxiliar@alcaldia.test")


# --- Trabajador de Celery real (pruebas `redis`) ---------------------------------


class TrabajadorCelery:
    """Un `celery worker` en un proceso aparte, contra Redis y la base de pruebas."""

    def __init__(self, entorno: dict[str, str], colas: str, concurrencia: int):
        self.entorno = entorno
        self.colas = colas
        self.concurrencia = concurrencia
        self.proceso = None
        self.registro = None

    def iniciar(self):
        import subprocess
        import sys
        import tempfile
        import uuid

        # Su salida va a un archivo: si muere, `salida()` dice por qué.
        self.registro = tempfile.NamedTemporaryFile(  # noqa: SIM115 (vive con el proceso)
            prefix="trabajador-", suffix=".log", delete=False
        )
        self.proceso = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "sanpedro_gel",
                "worker",
                "-Q",
                self.colas,
                "-c",
                str(self.concurrencia),
                "-P",
                "prefork",
                "-n",
                f"pruebas-{uuid.uuid4().hex[:8]}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "WARNING",
            ],
            env=self.entorno,
            cwd=settings.BASE_DIR,
            stdout=self.registro,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def salida(self) -> str:
        """Las últimas líneas que escribió el trabajador."""
        from pathlib import Path

        return Path(self.registro.name).read_text(errors="replace")[-4000:]

    def matar(self):
        """SIGKILL a todo el grupo: el padre y sus procesos hijos, sin aviso."""
        import signal

        if self.proceso and self.proceso.poll() is None:
            os.killpg(self.proceso.pid, signal.SIGKILL)
            self.proceso.wait(timeout=30)

    def detener(self):
        import signal
        import subprocess

        if self.proceso and self.proceso.poll() is None:
            os.killpg(self.proceso.pid, signal.SIGTERM)
            try:
                self.proceso.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.matar()
        if self.registro:
            self.registro.close()
            os.unlink(self.registro.name)
            self.registro = None


def _url_con_base(url: str, base: int) -> str:
    from urllib.parse import urlsplit, urlunsplit

    partes = urlsplit(url)
    return urlunsplit(partes._replace(path=f"/{base}"))


@pytest.fixture
def redis_de_pruebas(monkeypatch):
    """URL de broker y de resultados en bases de Redis propias de las pruebas, vacías.

    Celery da prioridad a las variables de entorno CELERY_BROKER_URL y
    CELERY_RESULT_BACKEND sobre su configuración: se cambian aquí también.
    """
    import redis

    # REDIS_DB_PRUEBAS permite correr dos suites a la vez sin pisarse; cada
    # trabajador de xdist recibe las suyas (tests/trabajadores.py).
    base = int(os.environ.get("REDIS_DB_PRUEBAS", "10"))
    base_resultados = int(os.environ.get("REDIS_DB_PRUEBAS_RESULTADOS", base + 1))
    broker = _url_con_base(settings.CELERY_BROKER_URL, base)
    resultados = _url_con_base(settings.CELERY_BROKER_URL, base_resultados)
    for url in (broker, resultados):
        redis.Redis.from_url(url).flushdb()
    monkeypatch.setenv("CELERY_BROKER_URL", broker)
    monkeypatch.setenv("CELERY_RESULT_BACKEND", resultados)
    return broker, resultados


def trabajadores(broker: str, resultados: str):
    """Fábrica de trabajadores reales contra `broker`, que comparten la base de
    datos de la prueba; los detiene al terminar. Para usar con `yield from`."""
    from django.db import connection

    datos = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.skip("el trabajador real necesita compartir una base PostgreSQL")
    base = f"postgres://{datos['USER']}:{datos['PASSWORD'] or ''}@{datos['HOST'] or '127.0.0.1'}:{datos['PORT'] or 5432}/{datos['NAME']}"
    creados = []

    def crear(colas="default,transaccional,masivo", concurrencia=2, **extra):
        entorno = {
            **os.environ,
            "DATABASE_URL": base,
            "CELERY_BROKER_URL": broker,
            "CELERY_RESULT_BACKEND": resultados,
            "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            **extra,
        }
        trabajador = TrabajadorCelery(entorno, colas, concurrencia).iniciar()
        creados.append(trabajador)
        return trabajador

    yield crear
    for trabajador in creados:
        trabajador.detener()


@pytest.fixture
def trabajador_celery(transactional_db, redis_de_pruebas):
    """Fábrica de trabajadores reales; comparten la base de datos de la prueba."""
    yield from trabajadores(*redis_de_pruebas)


# --- Navegador (pruebas `browser`) --------------------------------------------------


@pytest.fixture(scope="session")
def navegador():
    # Playwright corre su propio bucle de eventos en este hilo; el ORM de las
    # pruebas es síncrono y seguro aquí.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    motivo = _falta_navegador()
    if motivo:
        if _exigido("REQUIRE_BROWSER"):
            pytest.fail(f"REQUIRE_BROWSER=1 y no hay navegador: {motivo}")
        pytest.skip(motivo)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-quic",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def pagina(navegador, live_server):
    """Una pestaña nueva; la prueba falla si la consola registra algún error."""
    contexto = navegador.new_context(base_url=live_server.url, locale="es-CO")
    pestana = contexto.new_page()
    errores = []
    pestana.on(
        "console", lambda m: errores.append(m.text) if m.type == "error" else None
    )
    pestana.on("pageerror", lambda e: errores.append(str(e)))
    # Una prueba que espera un error (una página 404 a propósito) lo quita de aquí.
    pestana.errores_de_consola = errores
    yield pestana
    contexto.close()
    assert errores == [], f"Errores en la consola del navegador: {errores}"


@pytest.fixture(autouse=True, scope="session")
def _tareas_en_linea():
    """Las pruebas corren las tareas en línea aunque haya un broker configurado.

    Las que necesitan un trabajador real lo piden con `broker_real`.
    """
    from sanpedro_gel.celery import app

    anterior = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = anterior


@pytest.fixture
def broker_real(redis_de_pruebas):
    """Publica de verdad en la base de Redis de pruebas (nada corre en línea)."""
    from sanpedro_gel.celery import app

    broker, _ = redis_de_pruebas
    anterior = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = broker
    app._pool = None
    app.amqp._producer_pool = None
    yield broker
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    # kombu guarda sus grupos de productores por conexión en un registro global:
    # sin vaciarlo, la siguiente prueba con broker real recibiría el grupo ligado
    # al pool que se acaba de cerrar («Acquire on closed pool»).
    from kombu import pools

    pools.reset()
    app.conf.task_always_eager, app.conf.broker_url = anterior
