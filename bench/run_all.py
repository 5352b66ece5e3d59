"""Corre todas las mediciones de bench/ (las de cada área del portal).

Cada script es independiente: prepara su propia base de datos de prueba y
termina con código distinto de cero si no cumple su meta. Para añadir uno,
póngalo en SCRIPTS.

    make bench        (o: python bench/run_all.py)
"""

import subprocess
import sys
from pathlib import Path

CARPETA = Path(__file__).resolve().parent

SCRIPTS = [
    "tramites_constancia.py",
    "tramites_radicacion.py",
    "tramites_mesa_revision.py",
]


def main() -> int:
    fallidos = []
    for script in SCRIPTS:
        print(f"== {script}", flush=True)
        resultado = subprocess.run([sys.executable, str(CARPETA / script)], check=False)
        if resultado.returncode != 0:
            fallidos.append(script)
    if fallidos:
        print(f"No cumplen su meta o fallaron: {', '.join(fallidos)}")
        return 1
    print("Todas las mediciones cumplen su meta.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
