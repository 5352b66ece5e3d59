"""El periodo del tablero del plan."""

from datetime import timedelta

from django import forms

from sanpedro_gel.reloj import hoy

FORMATOS = ["%d/%m/%Y", "%Y-%m-%d"]


class PeriodoForm(forms.Form):
    desde = forms.DateField(
        label="Desde",
        input_formats=FORMATOS,
        required=False,
        error_messages={"invalid": "Escriba la fecha como dd/mm/aaaa."},
    )
    hasta = forms.DateField(
        label="Hasta",
        input_formats=FORMATOS,
        required=False,
        error_messages={"invalid": "Escriba la fecha como dd/mm/aaaa."},
    )

    def periodo(self):
        """(desde, hasta): lo pedido si es válido; si no, los últimos seis meses."""
        hasta = hoy()
        desde = (hasta.replace(day=1) - timedelta(days=150)).replace(day=1)
        if self.is_valid():
            desde = self.cleaned_data["desde"] or desde
            hasta = self.cleaned_data["hasta"] or hasta
        if desde > hasta:
            desde, hasta = hasta, desde
        return desde, hasta
