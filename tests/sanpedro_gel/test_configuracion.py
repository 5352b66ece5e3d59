"""La configuración se prueba en procesos aparte: settings se lee una sola vez."""

import os
import subprocess
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[2]

PRODUCCION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "k7#pW2x!rT9qLz4vB8nM1cF6hJ3sD0aG5eY7uI2oP9wQ4tR8-portal-gel-pruebas-2026",
    "DJANGO_ALLOWED_HOSTS": "tramites.ejemplo.gov.co",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://tramites.ejemplo.gov.co",
    "PORTAL_URL": "https://tramites.ejemplo.gov.co",
}


def _manage(*argumentos, **entorno):
    limpio = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PORTAL_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *argumentos],
        cwd=RAIZ,
        env={**limpio, **entorno},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_sin_clave_secreta_en_produccion_no_arranca(tmp_path):
    resultado = _manage(
        "check",
        PORTAL_URL="https://tramites.ejemplo.gov.co",
        PORTAL_VAR_DIR=str(tmp_path),
    )
    assert resultado.returncode != 0
    assert "DJANGO_SECRET_KEY es obligatoria en producción" in resultado.stderr


def _ajuste(nombre, tmp_path, **entorno):
    resultado = _manage(
        "shell",
        "--no-imports",
        "-c",
        f"from django.conf import settings; print(repr(settings.{nombre}))",
        PORTAL_VAR_DIR=str(tmp_path),
        **entorno,
    )
    assert resultado.returncode == 0, resultado.stderr
    return resultado.stdout.strip()


def test_sin_variables_el_portal_embebido_no_muestra_las_paginas_tecnicas(tmp_path):
    """Regresión: con la configuración por defecto una URL desconocida mostraba
    el 404 técnico de Django, en inglés y con la lista de URL."""
    assert _ajuste("DEBUG", tmp_path) == "False"
    assert _ajuste("DEBUG", tmp_path, DJANGO_DEBUG="true") == "True"
    assert _ajuste("EMBEBIDO", tmp_path) == "True"


def test_el_embebido_guarda_su_clave_secreta_y_la_reusa(tmp_path):
    primera = _ajuste("SECRET_KEY", tmp_path)
    assert len(primera) > 40
    assert _ajuste("SECRET_KEY", tmp_path) == primera
    assert (tmp_path / "clave-secreta").stat().st_mode & 0o077 == 0


def test_portal_url_distinta_de_la_servida_da_una_advertencia(tmp_path):
    resultado = _manage(
        "check",
        PORTAL_URL="http://127.0.0.1:8000",
        PORTAL_SERVIDO="http://127.0.0.1:8102",
        PORTAL_VAR_DIR=str(tmp_path),
    )
    assert "sanpedro_gel.W001" in resultado.stderr
    assert "http://127.0.0.1:8102" in resultado.stderr
    igual = _manage(
        "check",
        PORTAL_URL="http://127.0.0.1:8102",
        PORTAL_SERVIDO="http://127.0.0.1:8102/",
        PORTAL_VAR_DIR=str(tmp_path),
    )
    assert "W001" not in igual.stderr and igual.returncode == 0


def test_check_deploy_pasa_con_las_variables_de_produccion(tmp_path):
    resultado = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        PORTAL_VAR_DIR=str(tmp_path),
        **PRODUCCION,
    )
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr


def test_un_booleano_ilegible_es_un_error_claro(tmp_path):
    resultado = _manage("check", DJANGO_DEBUG="quizas", PORTAL_VAR_DIR=str(tmp_path))
    assert resultado.returncode != 0
    assert "DJANGO_DEBUG debe ser true o false" in resultado.stderr


def test_cada_variable_que_lee_settings_esta_documentada():
    import re

    codigo = (RAIZ / "sanpedro_gel" / "settings.py").read_text(encoding="utf-8")
    variables = set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', codigo))
    ejemplo = (RAIZ / ".env.example").read_text(encoding="utf-8")
    leame = (RAIZ / "README.md").read_text(encoding="utf-8")
    assert {v for v in variables if v not in ejemplo} == set()
    assert {v for v in variables if v not in leame} == set()


def test_el_barrido_de_la_bandeja_corre_cada_minuto_salvo_buzon_barrido_segundos(
    tmp_path,
):
    programa = 'CELERY_BEAT_SCHEDULE["bandeja-de-salida"]["schedule"]'
    assert _ajuste(programa, tmp_path) == "datetime.timedelta(seconds=60)"
    assert (
        _ajuste(programa, tmp_path, BUZON_BARRIDO_SEGUNDOS="2")
        == "datetime.timedelta(seconds=2)"
    )
