"""Anunciar una asesoría ciudadana en los medios locales (el plan pide que las
sesiones en colegios y veredas se difundan en la emisora y la prensa).

Crea, en la campaña que elija el Líder GEL, una pieza de emisora y una de
prensa en borrador con la fecha, la hora y el lugar de la sesión: quedan para
revisarlas y programarlas, y como canales que el portal no entrega, cada una
tendrá su tarea con evidencia al programarse.
"""

from datetime import timedelta

from django.utils import timezone

from capacitacion.models import Jornada
from comunicaciones.models import Campana, Canal, Pieza
from sanpedro_gel.formato import fecha_larga, hora

CANALES = (Canal.EMISORA, Canal.PRENSA)
# Se anuncia una semana antes, como la invitación al personal.
ANTICIPACION = timedelta(days=7)


def texto_del_anuncio(jornada: Jornada) -> str:
    return (
        f"La Alcaldía explica en persona los trámites en línea: {jornada.titulo}. "
        f"{fecha_larga(jornada.inicio, dia_semana=True).capitalize()}, a las "
        f"{hora(jornada.inicio)}, en {jornada.lugar}. Entrada libre; inscríbase "
        "en el portal de la Alcaldía, sección Capacitación, o llegue con su "
        "cédula."
    )


def crear_piezas_de_difusion(*, jornada: Jornada, campana: Campana, usuario):
    """Las piezas de emisora y prensa de la sesión, en borrador. Devuelve
    (creadas, ya_existian). Repetirlo no duplica: busca por campaña, canal y
    título."""
    titulo = f"Asesoría ciudadana: {jornada.titulo}"[:200]
    cuando = max(jornada.inicio - ANTICIPACION, timezone.now())
    creadas, existian = [], []
    for canal in CANALES:
        pieza, nueva = Pieza.objects.get_or_create(
            campana=campana,
            canal=canal,
            titulo=titulo,
            defaults={
                "cuerpo": texto_del_anuncio(jornada),
                "programada_para": cuando,
                "responsable": usuario,
            },
        )
        (creadas if nueva else existian).append(pieza)
    return creadas, existian
