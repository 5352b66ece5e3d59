"""Un Redis propio para cada trabajador de pytest-xdist.

Se carga con `-p tests.trabajadores` (pyproject.toml), antes de que pytest-django
lea la configuración, porque la configuración lee las URL del entorno. Con
`-n 2` o más, varios procesos corren pruebas a la vez; si compartieran bases de
Redis, el `cache.clear()` de una prueba vaciaría los límites que otra está
midiendo y un trabajador de Celery de una prueba tomaría las tareas de otra.

Cada trabajador usa cuatro bases: broker (CELERY_BROKER_URL), caché
(REDIS_URL) y las dos de los trabajadores de Celery reales (REDIS_DB_PRUEBAS y
REDIS_DB_PRUEBAS_RESULTADOS). `gw0`, como una corrida sin xdist, usa las del
entorno y REDIS_DB_PRUEBAS con la siguiente; `gw1`, `gw2`… toman de cuatro en
cuatro las bases que quedan libres, en orden. Con las 16 bases de un Redis por
omisión caben cuatro trabajadores.
"""

import os
import re

_SUFIJO_DE_BASE = re.compile(r"/(\d+)$")
BASE_DE_PRUEBAS = 10
MAXIMO_DE_BASES = 16


def _numero_de_trabajador() -> int:
    trabajador = os.environ.get("PYTEST_XDIST_WORKER", "")
    return int(trabajador[2:]) if trabajador.startswith("gw") else 0


def _base_de(url: str) -> int | None:
    if not url.startswith("redis"):
        return None
    coincidencia = _SUFIJO_DE_BASE.search(url)
    return int(coincidencia.group(1)) if coincidencia else 0


def _con_base(url: str, base: int) -> str:
    return f"{_SUFIJO_DE_BASE.sub('', url)}/{base}"


def _repartir() -> None:
    numero = _numero_de_trabajador()
    if numero == 0:
        return
    pruebas = int(os.environ.get("REDIS_DB_PRUEBAS", BASE_DE_PRUEBAS))
    urls = {v: os.environ.get(v, "") for v in ("CELERY_BROKER_URL", "REDIS_URL")}
    ocupadas = {pruebas, pruebas + 1} | {
        base for base in map(_base_de, urls.values()) if base is not None
    }
    libres = [base for base in range(MAXIMO_DE_BASES) if base not in ocupadas]
    propias = libres[4 * (numero - 1) : 4 * numero]
    if len(propias) < 4:
        raise RuntimeError(
            f"el trabajador gw{numero} no tiene cuatro bases libres de Redis "
            f"(hay {MAXIMO_DE_BASES}; ocupadas por gw0: {sorted(ocupadas)}): "
            "corra con menos trabajadores (-n)"
        )
    broker, cache, pruebas, resultados = propias
    os.environ["REDIS_DB_PRUEBAS"] = str(pruebas)
    os.environ["REDIS_DB_PRUEBAS_RESULTADOS"] = str(resultados)
    for variable, base in (("CELERY_BROKER_URL", broker), ("REDIS_URL", cache)):
        if _base_de(urls[variable]) is not None:
            os.environ[variable] = _con_base(urls[variable], base)


_repartir()
