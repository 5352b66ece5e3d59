"""Términos con los días no hábiles locales que los funcionarios registran."""

from datetime import date

from tramites import plazos
from tramites.models import DiaNoHabil


def dias_no_habiles_locales(desde: date, hasta: date) -> frozenset[date]:
    return frozenset(
        DiaNoHabil.objects.filter(fecha__gt=desde, fecha__lte=hasta).values_list(
            "fecha", flat=True
        )
    )


def sumar_dias_habiles(desde: date, dias: int) -> date:
    """Como `plazos.sumar_dias_habiles`, descontando también los días locales."""
    inicio, fin = plazos.ventana_para(desde, dias)
    while True:
        resultado = plazos.sumar_dias_habiles(
            desde, dias, dias_no_habiles_locales(inicio, fin)
        )
        if resultado <= fin:
            return resultado
        # Una suspensión local muy larga: se amplía la ventana y se recalcula.
        fin = resultado + (fin - inicio)


def dias_habiles_entre(desde: date, hasta: date) -> int:
    inicio, fin = min(desde, hasta), max(desde, hasta)
    return plazos.dias_habiles_entre(desde, hasta, dias_no_habiles_locales(inicio, fin))


def suspender(hoy: date, vence_el: date) -> int:
    """Días hábiles del término que quedan al suspenderlo `hoy` (ver plazos)."""
    inicio, fin = min(hoy, vence_el), max(hoy, vence_el)
    return plazos.suspender(hoy, vence_el, dias_no_habiles_locales(inicio, fin))


def reanudar(hoy: date, restantes: int, vence_anterior: date) -> date:
    """Nuevo vencimiento al reanudar `hoy` con `restantes` días (ver plazos)."""
    if restantes <= 0:
        return vence_anterior
    return sumar_dias_habiles(hoy, restantes)
