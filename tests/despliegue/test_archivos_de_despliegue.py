"""Los archivos de deploy/ dicen lo mismo que settings: cada variable de
producción, las colas, el límite de carga y las rutas que nginx sirve."""

import os
import re
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

RAIZ = Path(__file__).resolve().parents[2]
DEPLOY = RAIZ / "deploy"


def _produccion() -> dict[str, str]:
    valores = {}
    for linea in (DEPLOY / ".env.produccion.example").read_text("utf-8").splitlines():
        linea = linea.strip()
        if linea and not linea.startswith("#"):
            clave, _, valor = linea.partition("=")
            valores[clave] = valor
    return valores


def _nginx() -> str:
    return (DEPLOY / "nginx-portal.conf").read_text("utf-8")


def _alias(ubicacion: str) -> str:
    bloque = re.search(rf"location {re.escape(ubicacion)} \{{(.*?)\}}", _nginx(), re.S)
    assert bloque, f"nginx no tiene location {ubicacion}"
    return re.search(r"alias (\S+);", bloque.group(1)).group(1)


def test_check_deploy_limpio_con_el_env_de_produccion(tmp_path):
    entorno = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "PORTAL_", "DATABASE_", "CELERY_", "REDIS_"))
    }
    entorno.update(_produccion())
    entorno["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    for carpeta in (
        "PORTAL_VAR_DIR",
        "STATIC_ROOT",
        "MEDIA_ROOT",
        "PRIVATE_MEDIA_ROOT",
    ):
        entorno[carpeta] = str(tmp_path / carpeta.lower())
    resultado = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    assert entorno["DATABASE_URL"].startswith("postgres://")
    assert entorno["PORTAL_URL"].startswith("https://")


def test_cada_variable_de_settings_esta_en_el_env_de_produccion():
    codigo = (RAIZ / "sanpedro_gel" / "settings.py").read_text("utf-8")
    leidas = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', codigo))
    assert leidas - set(_produccion()) == set()


def test_las_variables_de_los_scripts_estan_en_el_env_de_produccion():
    produccion = set(_produccion())
    gunicorn = (DEPLOY / "gunicorn.conf.py").read_text("utf-8")
    respaldo = (DEPLOY / "respaldo.sh").read_text("utf-8")
    usadas = set(re.findall(r'_entorno\("([A-Z_]+)"', gunicorn))
    usadas |= set(re.findall(r"\$\{(RESPALDO_[A-Z_]+)", respaldo))
    assert usadas and usadas - produccion == set()


def test_nginx_acepta_lo_que_el_portal_acepta_y_no_mas():
    limite = re.search(r"client_max_body_size (\d+)m;", _nginx())
    campos_mb = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    assert int(limite.group(1)) == settings.SOLICITUD_MAX_MB + campos_mb
    assert settings.ARCHIVO_MAX_MB <= settings.SOLICITUD_MAX_MB


def test_nginx_sirve_las_carpetas_del_env_de_produccion():
    produccion = _produccion()
    prefijo = produccion["PRIVATE_MEDIA_X_ACCEL_PREFIX"]
    assert re.search(rf"location {re.escape(prefijo)} \{{\s*internal;", _nginx())
    assert _alias(prefijo).rstrip("/") == produccion["PRIVATE_MEDIA_ROOT"]
    assert _alias(settings.STATIC_URL).rstrip("/") == produccion["STATIC_ROOT"]
    assert _alias(settings.MEDIA_URL).rstrip("/") == produccion["MEDIA_ROOT"]
    assert "X-Forwarded-For $proxy_add_x_forwarded_for" in _nginx()
    assert "X-Forwarded-Proto $scheme" in _nginx()


def test_un_trabajador_por_cola_y_un_solo_beat():
    unidades = DEPLOY / "systemd"
    colas = {cola.name for cola in settings.CELERY_TASK_QUEUES}
    for cola in colas:
        texto = (unidades / f"portal-{cola}.service").read_text("utf-8")
        assert f"--queues {cola} " in texto
        assert f"--hostname {cola}@%%h" in texto
    trabajadores = [
        u.name for u in unidades.glob("*.service") if " worker " in u.read_text("utf-8")
    ]
    assert len(trabajadores) == len(colas)
    beats = [u.name for u in unidades.glob("*.service") if " beat " in u.read_text()]
    assert beats == ["portal-beat.service"]


def test_gunicorn_solo_escucha_en_la_interfaz_local(monkeypatch):
    for variable in list(os.environ):
        if variable.startswith("GUNICORN_"):
            monkeypatch.delenv(variable)
    configuracion = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert configuracion["bind"].startswith("127.0.0.1:")
    assert configuracion["worker_class"] == "sync"
    assert configuracion["timeout"] < 75  # proxy_read_timeout de nginx
    assert "%(U)s" in configuracion["access_log_format"]
