"""Lo que la capacitación aporta a `comunicaciones`: sus jornadas con la
asistencia y la cobertura de cada actividad en el tablero del plan, y las
próximas sesiones de asesoría ciudadana en /asesoria/ y su asistencia en el
tablero."""

from django.urls import reverse

from capacitacion.models import Jornada, TipoJornada
from capacitacion.services.cobertura import (
    cobertura_del_plan,
    jornadas_del_plan,
    sesiones_de_asesoria_del_plan,
)
from comunicaciones import indicadores
from comunicaciones.services import asesoria

indicadores.registrar("jornadas", jornadas_del_plan)
indicadores.registrar("cobertura", cobertura_del_plan)
indicadores.registrar("sesiones_asesoria", sesiones_de_asesoria_del_plan)


@asesoria.registrar_sesiones
def sesiones_de_asesoria() -> list[dict]:
    """Las próximas asesorías ciudadanas publicadas, para /asesoria/."""
    return [
        {
            "titulo": jornada.titulo,
            "inicio": jornada.inicio,
            "lugar": jornada.lugar,
            "url": reverse("capacitacion:jornada", args=[jornada.pk]),
        }
        for jornada in Jornada.objects.publicadas()
        .proximas()
        .filter(tipo=TipoJornada.ASESORIA)
        .order_by("inicio")[:6]
    ]
