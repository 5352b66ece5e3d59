"""Corre todos los bench/bench_*.py, uno tras otro, en procesos separados.

`make bench` lo llama. Cada script imprime sus resultados y termina con código
distinto de cero si no puede medir (p. ej. sin PostgreSQL). Argumentos: nombres
de scripts para correr solo esos (`python bench/run_all.py bench_mesa_revision`).
"""

import subprocess
import sys
from pathlib import Path

CARPETA = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    scripts = sorted(CARPETA.glob("bench_*.py"))
    if argv:
        pedidos = {nombre.removesuffix(".py") for nombre in argv}
        scripts = [s for s in scripts if s.stem in pedidos]
    fallidos = []
    for script in scripts:
        print(f"\n=== {script.stem} ===", flush=True)
        resultado = subprocess.run([sys.executable, str(script)], cwd=CARPETA.parent)
        if resultado.returncode != 0:
            fallidos.append(script.stem)
    if fallidos:
        print(f"\nFallaron: {', '.join(fallidos)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
