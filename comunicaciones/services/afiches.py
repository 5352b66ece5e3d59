"""Afiche «paso a paso» de un trámite, para imprimir y pegar en cafés internet.

El código QR y la dirección impresa llevan `?origen=afiche`: la solicitud que
llega por ahí queda atribuida a los afiches en la efectividad del plan.
"""

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


def afiche_pdf(*, tramite, tamano: str) -> bytes:
    """PDF de una página con los pasos del trámite, la dirección y el QR.

    `tamano`: "carta" o "a4". Con más texto la letra se achica; si ni con la
    más pequeña caben todos los pasos, el afiche dice cuántos faltan y remite a
    la dirección del QR. Sin efectos; puede generarse cuantas veces se pida.
    """
    if tamano not in TAMANOS:
        raise ValueError(f"Tamaño de afiche desconocido: {tamano}")
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
