"""Los datos abiertos de la asesoría ciudadana (Ley 1712 de 2014): por mes
cerrado y canal, las preguntas recibidas, las respondidas y la parte respondida
dentro del término, para `/transparencia/datos-abiertos/asesoria.csv`.

Misma regla que los datos abiertos de los trámites
(`tramites/services/datos_abiertos.py`, de donde se toma): meses cerrados en
hora de Colombia, a lo sumo los últimos 24; una cifra de 1 a 4 se publica como
«<5» y un porcentaje sobre menos de 5 respondidas queda vacío. Dos consultas,
sin importar cuántas preguntas haya. Ningún dato personal: ni radicados, ni
asuntos, ni nombres.
"""

from datetime import date

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth

from comunicaciones.models import CanalPregunta, PreguntaCiudadana
from sanpedro_gel import hojas
from sanpedro_gel.reloj import BOGOTA, inicio_del_dia
from tramites.services.adopcion import meses_entre
from tramites.services.datos_abiertos import (
    MINIMO,
    SIN_DATO,
    Campo,
    cifra,
    mes_de,
    periodo_desde,
)

ARCHIVO = "asesoria.csv"
TITULO = "Preguntas de la asesoría ciudadana por mes y canal"
DESCRIPCION = (
    "Por mes, las preguntas (peticiones) que los ciudadanos hicieron a la "
    "Alcaldía por cada canal de la asesoría, cuántas se respondieron y la parte "
    "respondida dentro del término de la Ley 1755 de 2015."
)
CAMPOS = (
    Campo(
        "mes",
        "texto (AAAA-MM)",
        "Mes en que se recibió la pregunta, en hora de Colombia.",
    ),
    Campo(
        "canal",
        "texto",
        "Por dónde llegó: portal, conversación en vivo, redes sociales o presencial.",
    ),
    Campo("preguntas", "entero o «<5»", "Preguntas recibidas en el mes."),
    Campo(
        "respondidas",
        "entero o «<5»",
        "De las recibidas en el mes, las que ya tienen respuesta.",
    ),
    Campo(
        "porcentaje_a_tiempo",
        "decimal con punto (0–100); vacío si no se publica",
        "Parte de las respondidas que se respondió a más tardar en su fecha "
        "límite (días hábiles). No se publica con menos de 5 respondidas.",
    ),
)


def periodo(hoy: date | None = None) -> tuple[date, date] | None:
    """El periodo publicado de la asesoría, desde la primera pregunta."""
    primera = (
        PreguntaCiudadana.objects.order_by("recibida_en")
        .values_list("recibida_en", flat=True)
        .first()
    )
    return periodo_desde(primera, hoy)


def filas(hoy: date | None = None) -> list[list]:
    limites = periodo(hoy)
    if limites is None:
        return []
    desde, hasta = limites
    fin = date(hasta.year + hasta.month // 12, hasta.month % 12 + 1, 1)
    respondidas = Q(respondida_en__isnull=False)
    conteos = {
        (mes_de(f["mes"]), f["canal"]): f
        for f in PreguntaCiudadana.objects.filter(
            recibida_en__gte=inicio_del_dia(desde), recibida_en__lt=inicio_del_dia(fin)
        )
        .annotate(mes=TruncMonth("recibida_en", tzinfo=BOGOTA))
        .values("mes", "canal")
        .annotate(
            n=Count("pk"),
            respondidas=Count("pk", filter=respondidas),
            a_tiempo=Count(
                "pk", filter=respondidas & Q(respondida_en__date__lte=F("vence_el"))
            ),
        )
        .order_by()
    }
    resultado = []
    for mes in meses_entre(desde, hasta):
        for valor, etiqueta in CanalPregunta.choices:
            dato = conteos.get((mes, valor), {"n": 0, "respondidas": 0})
            porcentaje = SIN_DATO
            if dato["respondidas"] >= MINIMO:
                porcentaje = f"{100 * dato['a_tiempo'] / dato['respondidas']:.1f}"
            resultado.append(
                [
                    f"{mes.year}-{mes.month:02d}",
                    etiqueta,
                    cifra(dato["n"]),
                    cifra(dato["respondidas"]),
                    porcentaje,
                ]
            )
    return resultado


def csv(hoy: date | None = None) -> bytes:
    """UTF-8, coma y punto decimal, como los demás datos abiertos del portal."""
    return hojas.csv_abierto([c.nombre for c in CAMPOS], filas(hoy))
