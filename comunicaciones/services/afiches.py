"""Afiche «paso a paso» de un trámite, para imprimir y pegar en cafés internet.

El código QR y la dirección impresa llevan `?origen=afiche`: la solicitud que
llega por ahí queda atribuida a los afiches en la efectividad del plan.
"""

import hashlib
from functools import cache
from pathlib import Path

from django.core.cache import caches
from django.template.loader import get_template
from django.urls import reverse

from comunicaciones.models import ORIGEN_POR_CANAL, Canal
from sanpedro_gel.enlaces import absoluta
from sanpedro_gel.pdf import render_pdf

TAMANOS = {"carta": "letter", "a4": "A4"}
NOMBRE_DEL_TAMANO = {"carta": "carta", "a4": "A4"}

# Cuánto texto cabe en la hoja con cada densidad de letra, medido en «peso»:
# el nombre cuenta triple porque va en letra grande y cada paso suma un renglón
# aunque sea corto. Medido en carta y A4 con nombres de 40 a 200 caracteres y
# pasos de 40 a 300; el mínimo que cupo, con un 15 % de holgura.
_CAPACIDAD = (("", 950), ("compacta", 1300), ("minima", 1900))


def enlace_del_afiche(tramite) -> str:
    return (
        absoluta(tramite.get_absolute_url())
        + f"?origen={ORIGEN_POR_CANAL[Canal.AFICHES]}"
    )


def enlaces_para_imprimir(tramite) -> list[tuple[str, str]]:
    """(etiqueta, ruta) del PDF del afiche del trámite en cada tamaño."""
    return [
        (
            f"Afiche para imprimir: {NOMBRE_DEL_TAMANO[tamano]} (PDF)",
            reverse(
                "comunicaciones:afiche",
                kwargs={"slug": tramite.slug, "tamano": tamano},
            ),
        )
        for tamano in TAMANOS
    ]


# Un afiche tarda cerca de un segundo en dibujarse y se pide mucho más de lo que
# cambia: se guarda en la caché (Redis en producción) con una llave que sale de
# todo lo que muestra, así cambiar la ficha o la plantilla da un afiche nuevo
# sin tener que invalidar nada.
AFICHE_EN_CACHE_SEGUNDOS = 7 * 24 * 3600


@cache
def _huella_de_la_plantilla() -> str:
    origen = get_template("comunicaciones/pdf/afiche.html").origin.name
    return hashlib.sha256(Path(origen).read_bytes()).hexdigest()[:16]


def _llave(tramite, tamano: str) -> str:
    partes = [
        tramite.slug,
        tramite.nombre,
        tramite.pasos,
        enlace_del_afiche(tramite),
        tamano,
        _huella_de_la_plantilla(),
    ]
    huella = hashlib.sha256("\x1f".join(partes).encode()).hexdigest()
    return f"afiche:{huella}"


def afiche_pdf(*, tramite, tamano: str) -> bytes:
    """PDF de una página con los pasos del trámite, la dirección y el QR.

    `tamano`: "carta" o "a4". Con más texto la letra se achica; si ni con la
    más pequeña caben todos los pasos, el afiche dice cuántos faltan y remite a
    la dirección del QR. Sin efectos: se dibuja una vez por contenido y tamaño
    y lo demás sale de la caché.
    """
    if tamano not in TAMANOS:
        raise ValueError(f"Tamaño de afiche desconocido: {tamano}")
    llave = _llave(tramite, tamano)
    guardado = caches["default"].get(llave)
    if guardado is None:
        guardado = _dibujar(tramite, tamano)
        caches["default"].set(llave, guardado, AFICHE_EN_CACHE_SEGUNDOS)
    return guardado


def _dibujar(tramite, tamano: str) -> bytes:
    densidad, pasos, omitidos = _acomodar(tramite.nombre, tramite.lista_de_pasos())
    return render_pdf(
        "comunicaciones/pdf/afiche.html",
        {
            "tramite": tramite,
            "pasos": pasos,
            "pasos_omitidos": omitidos,
            "densidad": densidad,
            "enlace": enlace_del_afiche(tramite),
            "enlace_visible": absoluta(tramite.get_absolute_url()),
            "tamano_css": TAMANOS[tamano],
            "tamano": tamano,
        },
    )


def _peso(texto: str) -> int:
    return len(texto) + 60


def _acomodar(nombre: str, pasos: list[str]) -> tuple[str, list[str], int]:
    """Densidad de letra y pasos que caben en una hoja: (densidad, pasos, omitidos)."""
    ocupado = 3 * len(nombre)
    total = ocupado + sum(_peso(paso) for paso in pasos)
    for densidad, capacidad in _CAPACIDAD:
        if total <= capacidad:
            return densidad, pasos, 0
    densidad, capacidad = _CAPACIDAD[-1]
    # La nota de los pasos que faltan ocupa un renglón más.
    ocupado += _peso("")
    caben = []
    for paso in pasos:
        ocupado += _peso(paso)
        if ocupado > capacidad:
            break
        caben.append(paso)
    return densidad, caben, len(pasos) - len(caben)
