"""Afiche «paso a paso» de un trámite, para imprimir y pegar en cafés internet.

El código QR y la dirección impresa llevan `?origen=afiche`: la solicitud que
llega por ahí queda atribuida a los afiches en la efectividad del plan.
"""

from comunicaciones.models import ORIGEN_POR_CANAL, Canal
from sanpedro_gel.enlaces import absoluta
from sanpedro_gel.pdf import render_pdf

TAMANOS = {"carta": "letter", "a4": "A4"}


def enlace_del_afiche(tramite) -> str:
    return (
        absoluta(tramite.get_absolute_url())
        + f"?origen={ORIGEN_POR_CANAL[Canal.AFICHES]}"
    )


def afiche_pdf(*, tramite, tamano: str) -> bytes:
    """PDF de una página con los pasos del trámite, la dirección y el QR.

    `tamano`: "carta" o "a4". Sin efectos; puede generarse cuantas veces se pida.
    """
    if tamano not in TAMANOS:
        raise ValueError(f"Tamaño de afiche desconocido: {tamano}")
    return render_pdf(
        "comunicaciones/pdf/afiche.html",
        {
            "tramite": tramite,
            "pasos": tramite.lista_de_pasos(),
            "enlace": enlace_del_afiche(tramite),
            "enlace_visible": absoluta(tramite.get_absolute_url()),
            "tamano_css": TAMANOS[tamano],
            "tamano": tamano,
        },
    )
