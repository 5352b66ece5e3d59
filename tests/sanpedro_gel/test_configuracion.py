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
    resultado = _manage("check", DJANGO_DEBUG="false", PORTAL_VAR_DIR=str(tmp_path))
    assert resultado.returncode != 0
    assert (
        "DJANGO_SECRET_KEY es obligatoria cuando DJANGO_DEBUG=false" in resultado.stderr
    )


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
