"""Lecturas del tablero del Líder GEL: cuánto se radica, cómo se decide, por dónde
llegan los ciudadanos y qué opinan. Solo consultas agregadas (una por cifra),
sin recorrer solicitudes en Python."""

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth

from tramites.models import (
    Calificacion,
    ComoSeEntero,
    Estado,
    Solicitud,
    TipoTramite,
    Tramite,
)
from tramites.services.revision import ACTIVOS

DECIDIDAS = (Estado.APROBADO, Estado.RECHAZADO)
MESES = [
    "ene",
    "feb",
    "mar",
    "abr",
    "may",
    "jun",
    "jul",
    "ago",
    "sep",
    "oct",
    "nov",
    "dic",
]


@dataclass
class Barra:
    etiqueta: str
    valor: float
    porcentaje: float  # ancho de la barra respecto de la mayor (0–100)
    texto: str = ""


def barras(pares: list[tuple[str, float]], formato="{:g}") -> list[Barra]:
    mayor = max((v for _, v in pares), default=0) or 1
    return [
        Barra(etiqueta, valor, round(100 * valor / mayor, 1), formato.format(valor))
        for etiqueta, valor in pares
    ]


def _limites(desde: date, hasta: date) -> tuple[datetime, datetime]:
    zona = ZoneInfo(settings.TIME_ZONE)
    return (
        datetime.combine(desde, time.min, tzinfo=zona),
        datetime.combine(hasta, time.max, tzinfo=zona),
    )


def indicadores(*, desde: date, hasta: date) -> dict:
    """Todas las cifras del tablero para las solicitudes radicadas en el periodo."""
    inicio, fin = _limites(desde, hasta)
    radicadas = Solicitud.objects.radicadas().filter(
        radicado_en__gte=inicio, radicado_en__lte=fin
    )
    tramites = list(Tramite.objects.order_by("orden", "nombre"))
    nombres = {t.pk: t.nombre for t in tramites}

    # Solicitudes por trámite y estado.
    conteo = {
        (f["tramite"], f["estado"]): f["n"]
        for f in radicadas.values("tramite", "estado").annotate(n=Count("pk"))
    }
    estados = [e for e in Estado if e != Estado.BORRADOR]
    por_estado = [
        {
            "tramite": t.nombre,
            "celdas": [conteo.get((t.pk, e.value), 0) for e in estados],
            "total": sum(conteo.get((t.pk, e.value), 0) for e in estados),
        }
        for t in tramites
    ]

    # Radicaciones por mes y trámite.
    por_mes_tramite = {}
    for fila in (
        radicadas.annotate(mes=TruncMonth("radicado_en"))
        .values("mes", "tramite")
        .annotate(n=Count("pk"))
    ):
        mes = fila["mes"].date() if isinstance(fila["mes"], datetime) else fila["mes"]
        por_mes_tramite.setdefault(mes, {})[fila["tramite"]] = fila["n"]
    meses = []
    for mes in sorted(por_mes_tramite):
        fila = por_mes_tramite[mes]
        meses.append(
            {
                "mes": f"{MESES[mes.month - 1]} {mes.year}",
                "celdas": [fila.get(t.pk, 0) for t in tramites],
                "total": sum(fila.values()),
            }
        )
    barras_mes = barras([(m["mes"], m["total"]) for m in meses])
    for mes, barra in zip(meses, barras_mes, strict=True):
        mes["barra"] = barra

    # Decisiones: a tiempo y días hábiles para decidir, por trámite.
    decididas = radicadas.filter(estado__in=DECIDIDAS, decidida_en__isnull=False)
    por_tramite = {
        f["tramite"]: f
        for f in decididas.values("tramite").annotate(
            n=Count("pk"),
            a_tiempo=Count("pk", filter=Q(decidida_a_tiempo=True)),
            promedio=Avg("dias_habiles_para_decidir"),
        )
    }
    total = decididas.aggregate(
        n=Count("pk"),
        a_tiempo=Count("pk", filter=Q(decidida_a_tiempo=True)),
        promedio=Avg("dias_habiles_para_decidir"),
    )
    decisiones = [
        {
            "tramite": nombres[pk],
            "n": f["n"],
            "porcentaje_a_tiempo": round(100 * f["a_tiempo"] / f["n"], 1),
            "promedio_dias": round(f["promedio"] or 0, 1),
        }
        for pk, f in por_tramite.items()
    ]
    pendientes = radicadas.filter(estado__in=ACTIVOS).count()

    # ¿Cómo se enteró?
    canales = dict(
        radicadas.values_list("como_se_entero").annotate(n=Count("pk")).order_by()
    )
    pares = [(c.label, canales.get(c.value, 0)) for c in ComoSeEntero]
    if canales.get(""):
        pares.append(("Sin respuesta", canales[""]))
    total_radicadas = sum(canales.values())

    # Califique el trámite.
    calificaciones = Calificacion.objects.filter(
        solicitud__radicado_en__gte=inicio, solicitud__radicado_en__lte=fin
    )
    resumen_calificaciones = calificaciones.aggregate(
        n=Count("pk"), promedio=Avg("puntaje")
    )
    distribucion = dict(
        calificaciones.values_list("puntaje").annotate(n=Count("pk")).order_by()
    )
    comentarios = list(
        calificaciones.exclude(comentario="")
        .select_related("solicitud__tramite")
        .order_by("-creada_en")[:10]
    )

    return {
        "desde": desde,
        "hasta": hasta,
        "estados": [e.label for e in estados],
        "por_estado": por_estado,
        "tramites": [t.nombre for t in tramites],
        "meses": meses,
        "total_radicadas": total_radicadas,
        "pendientes": pendientes,
        "decididas": total["n"],
        "porcentaje_a_tiempo": round(100 * total["a_tiempo"] / total["n"], 1)
        if total["n"]
        else None,
        "promedio_dias": round(total["promedio"], 1)
        if total["promedio"] is not None
        else None,
        "decisiones": decisiones,
        "canales": barras(pares),
        "calificaciones": {
            "n": resumen_calificaciones["n"],
            "promedio": round(resumen_calificaciones["promedio"], 2)
            if resumen_calificaciones["promedio"]
            else None,
            "distribucion": barras(
                [(f"{p} ★", distribucion.get(p, 0)) for p in range(5, 0, -1)]
            ),
            "comentarios": comentarios,
        },
        "tipos": TipoTramite,
    }
