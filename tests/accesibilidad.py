"""axe-core en el navegador de las pruebas: violaciones graves o críticas de
WCAG 2.1 A/AA de la página abierta.

axe-core viene del registro de npm, con versión fija (`.ci/package.json`,
instalado por `.ci/run`); otra ruta con AXE_CORE_PATH.
"""

import os
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

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
        """etiquetas => axe.run(document, {runOnly: {type: 'tag', values: etiquetas}, resultTypes: ['violations']})""",
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


# --- Recorrer el portal ------------------------------------------------------------

# Rutas que no se abren al recorrer: cierran la sesión, cambian datos con un GET
# de un enlace de correo, o son archivos y no páginas.
NO_SE_RECORREN = (
    "/cuentas/salir/",
    "/admin/logout/",
    "/admin/r/",
    "/baja/",
    "/confirmar/",
    "/descartar/",
    "/salud/",
    "/__debug__/",
)


def _clave_de_ruta(ruta: str, por_ruta_completa: set[str]) -> str:
    """Una página por patrón de URL (una noticia, una ficha, un cambio por modelo),
    salvo los patrones de `por_ruta_completa`, que se recorren uno por uno."""
    from django.urls import Resolver404, resolve

    try:
        coincidencia = resolve(ruta)
    except Resolver404:
        return ruta
    nombre = coincidencia.view_name or coincidencia._func_path
    return ruta if nombre in por_ruta_completa else nombre


def recorrer(pagina, inicio, *, dentro_de=("/",), por_ruta_completa=(), maximo=150):
    """Abre las páginas del mismo origen que se alcanzan desde `inicio` (una por
    patrón de URL) y devuelve {ruta: [violaciones graves o críticas]} de cada una,
    y la lista de rutas abiertas. También mide el desborde a lo ancho."""
    from urllib.parse import urlsplit

    por_ruta_completa = set(por_ruta_completa)
    pendientes = list(inicio)
    desde: dict[str, str] = {}
    vistas: set[str] = set()
    abiertas: list[str] = []
    problemas: dict[str, list[str]] = {}
    while pendientes and len(abiertas) < maximo:
        ruta = pendientes.pop(0)
        clave = _clave_de_ruta(ruta, por_ruta_completa)
        if clave in vistas:
            continue
        vistas.add(clave)
        try:
            respuesta = pagina.goto(ruta)
        except PlaywrightError as error:
            if "Download is starting" in str(error):
                continue  # un archivo que se descarga, no una página
            raise
        tipo = respuesta.headers.get("content-type", "") if respuesta else ""
        if not tipo.startswith("text/html"):
            continue
        abiertas.append(ruta)
        encontrados = []
        if respuesta.status == 404 and ruta in inicio:
            pagina.errores_de_consola.clear()  # la página de error, a propósito
        elif respuesta.status >= 400:
            encontrados.append(
                f"HTTP {respuesta.status} desde un enlace de {desde.get(ruta)}"
            )
            pagina.errores_de_consola.clear()
        encontrados += violaciones_graves(pagina)
        if desborde_horizontal(pagina) > 0:
            encontrados.append(
                f"desborde horizontal de {desborde_horizontal(pagina)} px"
            )
        if encontrados:
            problemas[ruta] = encontrados
        enlaces = pagina.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
        origen = urlsplit(pagina.url).netloc
        for enlace in enlaces:
            partes = urlsplit(enlace)
            if partes.netloc != origen or partes.scheme not in {"http", "https"}:
                continue
            destino = partes.path
            if not destino.startswith(tuple(dentro_de)):
                continue
            if any(pedazo in destino for pedazo in NO_SE_RECORREN):
                continue
            if destino not in pendientes:
                pendientes.append(destino)
                desde.setdefault(destino, ruta)
    return problemas, abiertas


def enviar_vacio(pagina, boton) -> None:
    """Vacía los campos del formulario principal y lo envía con `boton` (un
    nombre accesible), para ver la página con sus errores."""
    pagina.eval_on_selector_all(
        "main form input:not([type=hidden]):not([type=submit]):not([type=checkbox])"
        ":not([type=radio]):not([type=file]), main form textarea",
        "campos => campos.forEach(c => { c.value = ''; })",
    )
    pagina.eval_on_selector_all(
        "main form input[type=checkbox], main form input[type=radio]",
        "campos => campos.forEach(c => { c.checked = false; })",
    )
    pagina.eval_on_selector_all(
        "main form select", "campos => campos.forEach(c => { c.selectedIndex = 0; })"
    )
    pagina.get_by_role("button", name=boton).first.click()
    pagina.wait_for_load_state()
