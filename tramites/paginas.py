"""Los modelos de trámites que se ven en las páginas públicas guardadas (la
lista, las fichas, los datos abiertos)."""

from sanpedro_gel.paginas import conectar_invalidacion
from tramites.models import (
    AvisoPrivacidad,
    MetaAdopcion,
    Norma,
    RadicacionesVentanilla,
    Requisito,
    Tramite,
)


def conectar():
    conectar_invalidacion(
        Tramite, Norma, Requisito, AvisoPrivacidad, MetaAdopcion, RadicacionesVentanilla
    )
