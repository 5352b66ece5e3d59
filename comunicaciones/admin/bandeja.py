"""Lo que la bandeja de salida dice de una fila del plan: qué correos salieron
de ella, en qué estado están y cuándo (hora de Colombia)."""

from collections.abc import Callable

from django.utils.formats import date_format
from django.utils.html import format_html_join

from sanpedro_gel import buzon
from sanpedro_gel.reloj import en_bogota


def correos_de(objeto, nombre: Callable) -> str:
    """Una línea por mensaje registrado con `objeto` como referencia;
    `nombre(mensaje)` dice cuál es («Día anterior», «Confirmación»…)."""
    mensajes = buzon.mensajes_de(objeto).order_by("creado_en", "pk")
    return (
        format_html_join(
            "\n",
            "<div>{}: {} ({})</div>",
            (
                (
                    nombre(m),
                    m.get_estado_display().lower(),
                    date_format(
                        en_bogota(m.enviado_en or m.creado_en), "SHORT_DATETIME_FORMAT"
                    ),
                )
                for m in mensajes
            ),
        )
        or "—"
    )
