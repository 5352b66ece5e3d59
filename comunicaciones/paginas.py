"""Lo que las páginas públicas guardadas necesitan saber de comunicaciones:
qué modelos se ven en ellas y cuándo cambia sola una ventana de publicación."""

from django.db.models import Min, Q

from comunicaciones import estados
from comunicaciones.models import (
    CANALES_PUBLICACION,
    Campana,
    Encuesta,
    HorarioAsesoria,
    Opcion,
    Pieza,
    Pregunta,
    PreguntaFrecuente,
    TextoConsentimiento,
)
from sanpedro_gel.paginas import conectar_invalidacion, registrar_proximo_cambio

MODELOS_PUBLICOS = (
    Pieza,
    Campana,
    Encuesta,
    Pregunta,
    Opcion,
    PreguntaFrecuente,
    HorarioAsesoria,
    TextoConsentimiento,
)


def _primero(cambios):
    return min((v for v in cambios.values() if v is not None), default=None)


def proximo_cambio_de_piezas(ahora):
    """El próximo inicio o fin de un banner, una noticia o un aviso."""
    return _primero(
        Pieza.objects.filter(
            canal__in=CANALES_PUBLICACION, estado__in=estados.VISIBLES
        ).aggregate(
            empieza=Min("programada_para", filter=Q(programada_para__gt=ahora)),
            termina=Min("visible_hasta", filter=Q(visible_hasta__gt=ahora)),
        )
    )


def proximo_cambio_de_encuestas(ahora):
    return _primero(
        Encuesta.objects.aggregate(
            abre=Min("abre_en", filter=Q(abre_en__gt=ahora)),
            cierra=Min("cierra_en", filter=Q(cierra_en__gt=ahora)),
        )
    )


def conectar():
    conectar_invalidacion(*MODELOS_PUBLICOS)
    registrar_proximo_cambio("piezas", proximo_cambio_de_piezas)
    registrar_proximo_cambio("encuestas", proximo_cambio_de_encuestas)
