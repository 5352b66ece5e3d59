"""axe-core en el navegador de las pruebas: violaciones graves o críticas de
WCAG 2.1 A/AA de la página abierta.

axe-core viene del registro de npm, con versión fija (`.ci/package.json`,
instalado por `.ci/run`); otra ruta con AXE_CORE_PATH.
"""

import os
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
AXE = Path(
    os.environ.get(
        "AXE_CORE_PATH", RAIZ / ".ci" / "node_modules" / "axe-core" / "axe.min.js"
    )
)
ETIQUETAS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
GRAVES = {"serious", "critical"}


def falta_axe() -> str | None:
    if not AXE.is_file():
        return f"necesita axe-core en {AXE} (npm install --prefix .ci)"
    return None


RUTA_AXE = "/__pruebas__/axe.min.js"


def violaciones_graves(pagina) -> list[str]:
    """Cada violación grave o crítica como «regla: selector (resumen)».

    axe se carga como un script del mismo origen (la ruta la responde el
    navegador de pruebas, no el portal): la política CSP del portal no admite
    scripts en línea, y así tampoco se la salta para medir.
    """
    if not pagina.evaluate("typeof window.axe !== 'undefined'"):
        pagina.route(f"**{RUTA_AXE}", lambda ruta: ruta.fulfill(path=str(AXE)))
        pagina.add_script_tag(url=RUTA_AXE)
    resultado = pagina.evaluate(
        """etiquetas => axe.run(document, {runOnly: {type: 'tag', values: etiquetas}})""",
        ETIQUETAS,
    )
    return [
        f"{v['id']}: {nodo['target']} ({v['help']})"
        for v in resultado["violations"]
        if v["impact"] in GRAVES
        for nodo in v["nodes"]
    ]


def desborde_horizontal(pagina) -> int:
    """Cuántos píxeles de más mide la página a lo ancho (0 = no hay que
    desplazarse de lado)."""
    return pagina.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
