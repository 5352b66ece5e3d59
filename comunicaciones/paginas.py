"""Lo que las páginas públicas guardadas necesitan saber de comunicaciones:
qué modelos se ven en ellas y cuándo cambia sola una ventana de publicación."""

from datetime import timedelta

from django.db.models import Min, Q

from comunicaciones import estados
from comunicaciones.models import (
    CANALES_PUBLICACION,
    Campana,
    Encuesta,
    HorarioAsesoria,
    Modalidad,
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


# Mientras hay horario en línea, quién está de turno cambia a cada rato (y no
# se invalida con cada latido del funcionario): /asesoria/ se rehace cada minuto.
MINUTO = timedelta(minutes=1)


def proximo_cambio_de_la_conversacion(ahora):
    """En el horario en línea, dentro de un minuto; fuera, cuando empiece el
    próximo (el botón «Hablar ahora» aparece a su hora)."""
    from comunicaciones.services.conversacion import en_horario
    from sanpedro_gel.reloj import a_la_hora, en_bogota

    if en_horario(ahora):
        return ahora + MINUTO
    hoy = en_bogota(ahora).date()
    horarios = list(
        HorarioAsesoria.objects.filter(modalidad=Modalidad.EN_LINEA, activo=True)
    )
    inicios = [
        a_la_hora(hoy + timedelta(days=dias), horario.desde)
        for dias in range(8)
        for horario in horarios
        if (hoy + timedelta(days=dias)).weekday() == horario.dia
    ]
    return min((i for i in inicios if i > ahora), default=None)


def conectar():
    conectar_invalidacion(*MODELOS_PUBLICOS)
    registrar_proximo_cambio("piezas", proximo_cambio_de_piezas)
    registrar_proximo_cambio("encuestas", proximo_cambio_de_encuestas)
    registrar_proximo_cambio("conversacion", proximo_cambio_de_la_conversacion)
