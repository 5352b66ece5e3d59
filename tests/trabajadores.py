"""Un Redis propio para cada trabajador de pytest-xdist.

Se carga con `-p tests.trabajadores` (pyproject.toml), antes de que pytest-django
lea la configuración, porque la configuración lee las URL del entorno. Con
`-n 2`, dos procesos corren pruebas a la vez; si compartieran bases de Redis,
el `cache.clear()` de una prueba vaciaría los límites que otra está midiendo y
un trabajador de Celery de una prueba tomaría las tareas de otra.

El trabajador `gwN` suma 2·N al número de base de CELERY_BROKER_URL y de
REDIS_URL, y usa REDIS_DB_PRUEBAS + 2·N (y la siguiente) para los brokers de
los trabajadores reales. Sin xdist no cambia nada.
"""

import os
import re

_SUFIJO_DE_BASE = re.compile(r"/(\d+)$")
BASE_DE_PRUEBAS = 10
MAXIMO_DE_BASES = 16


def _numero_de_trabajador() -> int:
    trabajador = os.environ.get("PYTEST_XDIST_WORKER", "")
    return int(trabajador[2:]) if trabajador.startswith("gw") else 0


def _desplazar(url: str, salto: int) -> str:
    coincidencia = _SUFIJO_DE_BASE.search(url)
    base = int(coincidencia.group(1)) if coincidencia else 0
    return f"{_SUFIJO_DE_BASE.sub('', url)}/{base + salto}"


def _repartir() -> None:
    numero = _numero_de_trabajador()
    if numero == 0:
        return
    salto = 2 * numero
    pruebas = int(os.environ.get("REDIS_DB_PRUEBAS", BASE_DE_PRUEBAS)) + salto
    if pruebas + 1 >= MAXIMO_DE_BASES:
        raise RuntimeError(
            f"el trabajador gw{numero} necesitaría la base {pruebas + 1} de Redis: "
            "corra con menos trabajadores (-n)"
        )
    os.environ["REDIS_DB_PRUEBAS"] = str(pruebas)
    for variable in ("CELERY_BROKER_URL", "REDIS_URL"):
        url = os.environ.get(variable, "")
        if url.startswith("redis"):
            os.environ[variable] = _desplazar(url, salto)


_repartir()
