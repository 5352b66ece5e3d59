"""Corre todas las mediciones de bench/ (cada `bench_*.py`, en orden) y resume.

Cada script es independiente: se ejecuta en su propio proceso, imprime sus
resultados y termina con 0 si pudo medir (u omitir con una razón). Agregar una
medición es agregar un archivo `bench/bench_<tema>.py`; este programa lo
descubre solo. Uso: `make bench` o `python bench/run_all.py [tema …]`.

Las mediciones largas (`bench/carga_*.py`, varios minutos de máquina ocupada)
no corren por defecto: solo si se nombran, p. ej. `python bench/run_all.py
carga`.
"""

import subprocess
import sys
import time
from pathlib import Path

CARPETA = Path(__file__).resolve().parent


def main(filtros: list[str]) -> int:
    scripts = sorted(CARPETA.glob("bench_*.py"))
    if filtros:
        scripts += sorted(CARPETA.glob("carga_*.py"))
        scripts = [s for s in scripts if any(f in s.stem for f in filtros)]
    if not scripts:
        print("No hay mediciones que correr.")
        return 0
    fallidos = []
    for script in scripts:
        print(f"\n=== {script.stem} ===", flush=True)
        inicio = time.monotonic()
        resultado = subprocess.run(
            [sys.executable, str(script)], cwd=CARPETA.parent, check=False
        )
        duracion = time.monotonic() - inicio
        estado = (
            "bien" if resultado.returncode == 0 else f"falló ({resultado.returncode})"
        )
        print(f"--- {script.stem}: {estado} en {duracion:.0f} s", flush=True)
        if resultado.returncode:
            fallidos.append(script.stem)
    if fallidos:
        print(f"\nMediciones con fallas: {', '.join(fallidos)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
