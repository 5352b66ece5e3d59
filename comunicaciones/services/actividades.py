"""Las actividades 1–9 del plan: el único escritor de `ActividadPlan.estado`
(tabla `estados.ACTIVIDAD`)."""

from datetime import date

from django.db import transaction

from comunicaciones import estados
from comunicaciones.models import ActividadPlan
from sanpedro_gel.excepciones import TransicionInvalida
from sanpedro_gel.reloj import hoy
from sanpedro_gel.transiciones import mover_estado


def cambiar_estado_actividad(
    *, actividad_id: int, hacia: str, fecha: date | None = None
) -> ActividadPlan:
    """Inicia, cumple, reabre o devuelve a pendiente una actividad del plan.

    Cumplirla pide evidencia (qué acto, archivo o enlace lo prueba) y deja la
    fecha; reabrirla la borra. Un paso que la tabla no permite (cumplir dos
    veces) lanza TransicionInvalida.
    """
    with transaction.atomic():
        actividad = ActividadPlan.objects.select_for_update().get(pk=actividad_id)
        campos = {}
        if hacia == estados.CUMPLIDA:
            if not actividad.tiene_evidencia:
                raise TransicionInvalida(
                    "Para darla por cumplida, anote la evidencia (el acto, un "
                    "archivo o un enlace) y guarde antes."
                )
            campos["cumplida_el"] = fecha or hoy()
        elif actividad.estado == estados.CUMPLIDA:
            campos["cumplida_el"] = None
        mover_estado(
            ActividadPlan,
            pk=actividad.pk,
            tabla=estados.ACTIVIDAD,
            origen=actividad.estado,
            destino=hacia,
            campos=campos,
        )
        actividad.refresh_from_db()
    return actividad
