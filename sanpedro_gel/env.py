"""Lectura de la configuración desde variables de entorno.

Cada variable tiene un valor por defecto «embebido» (SQLite, sin Redis, correo a
archivos) para que `make run` funcione en una máquina limpia. Si existe un archivo
`.env` en la raíz del proyecto, sus valores se cargan sin pisar las variables que
ya estén definidas en el entorno del proceso.
"""

import os
import secrets
from pathlib import Path

VERDADEROS = {"1", "true", "yes", "si", "sí", "on"}
FALSOS = {"0", "false", "no", "off", ""}


class ConfiguracionInvalida(Exception):
    """Una variable de entorno tiene un valor que no se puede interpretar."""


def load_dotenv(path: Path) -> None:
    """Carga `CLAVE=valor` de `path` en `os.environ` sin sobrescribir nada."""
    if not path.is_file():
        return
    for numero, linea in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        linea = linea.strip()
        if not linea or linea.startswith("#"):
            continue
        clave, separador, valor = linea.partition("=")
        if not separador:
            raise ConfiguracionInvalida(f"{path}:{numero}: falta el signo «=».")
        valor = valor.strip()
        if len(valor) >= 2 and valor[0] == valor[-1] and valor[0] in "\"'":
            valor = valor[1:-1]
        os.environ.setdefault(clave.strip(), valor)


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    valor = os.environ.get(name)
    if valor is None:
        return default
    valor = valor.strip().lower()
    if valor in VERDADEROS:
        return True
    if valor in FALSOS:
        return False
    raise ConfiguracionInvalida(f"{name} debe ser true o false, no «{valor}».")


def env_int(name: str, default: int) -> int:
    valor = os.environ.get(name)
    if valor is None or valor.strip() == "":
        return default
    try:
        return int(valor)
    except ValueError:
        raise ConfiguracionInvalida(f"{name} debe ser un número entero.") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    valor = os.environ.get(name)
    if valor is None:
        return list(default or [])
    return [parte.strip() for parte in valor.split(",") if parte.strip()]


def clave_local(ruta: Path) -> str:
    """La clave secreta del portal embebido: se genera una vez y se guarda en
    `ruta` (solo legible por el dueño), así las sesiones y los enlaces firmados
    sobreviven a reiniciar `make run` sin una clave fija en el código. Si dos
    procesos arrancan a la vez, el primero que crea el archivo gana y ambos usan
    su clave."""
    ruta.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(ruta, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return ruta.read_text(encoding="utf-8").strip()
    with os.fdopen(descriptor, "w", encoding="utf-8") as archivo:
        archivo.write(secrets.token_urlsafe(50))
    return ruta.read_text(encoding="utf-8").strip()
