"""El tablero del plan: una lectura que sigue la estructura del plan (seed).

Nivel interno → componente → actividad 1–9: la fila que lleva el Líder GEL,
las campañas que la nombran con lo entregado por canal, las jornadas que la
tratan con su asistencia y la cobertura. Nivel externo: sus campañas. Y el
resultado: radicaciones en línea por mes y canal atribuido, adopción contra la
meta, la asesoría ciudadana (preguntas, término, preguntas frecuentes y
sesiones) y el último diagnóstico de canales.

Solo lee. El número de consultas es fijo: no crece con las campañas, las
piezas ni las jornadas (hay una prueba que lo cuida).
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.urls import reverse

from comunicaciones import estados, indicadores
from comunicaciones.estructura import ACTIVIDADES, COMPONENTES
from comunicaciones.models import (
    CANALES_CORREO,
    CANALES_PUBLICACION,
    ActividadPlan,
    Audiencia,
    Campana,
    Canal,
    Nivel,
    Pieza,
    TareaDifusion,
)
from comunicaciones.services.cifras_asesoria import CifrasAsesoria, cifras_asesoria
from comunicaciones.services.resultados import Ranking, ranking_de_canales
from sanpedro_gel import reloj
from tramites.services import adopcion


@dataclass
class EntregaCanal:
    """Lo que una campaña entregó por un canal."""

    canal: str
    piezas: int
    entregadas: int
    correos_enviados: int = 0
    correos_fallidos: int = 0
    tareas_cumplidas: int = 0
    evidencias: list[tuple[str, str]] = field(default_factory=list)

    @property
    def etiqueta(self) -> str:
        return Canal(self.canal).label

    @property
    def texto(self) -> str:
        if self.canal in CANALES_CORREO:
            palabra = "cartas" if self.canal == Canal.CARTA_ALCALDE else "correos"
            return (
                f"{self.correos_enviados} {palabra} entregados, "
                f"{self.correos_fallidos} rebotados"
            )
        if self.canal in CANALES_PUBLICACION:
            return f"{self.entregadas} de {self.piezas} publicadas"
        return (
            f"{self.tareas_cumplidas} de {self.piezas} tareas cumplidas con evidencia"
        )


@dataclass
class CampanaDelPlan:
    campana: Campana
    canales: list[EntregaCanal]

    @property
    def url(self) -> str:
        return reverse("admin:comunicaciones_campana_tablero", args=[self.campana.pk])


@dataclass
class FilaActividad:
    actividad: ActividadPlan
    campanas: list[CampanaDelPlan]
    jornadas: list
    cobertura: indicadores.CoberturaDelPlan | None


@dataclass
class Tablero:
    desde: date
    hasta: date
    componentes: list[tuple[str, list[FilaActividad]]]
    internas_sin_actividad: list[CampanaDelPlan]
    externas: list[CampanaDelPlan]
    en_linea_por_canal: list
    canales_atribuidos: list[str]
    adopcion: list
    asesoria: CifrasAsesoria
    diagnosticos: list[Ranking]
    hay_capacitacion: bool


def actividades() -> list[ActividadPlan]:
    """Las nueve filas del plan. Si alguna no existe (una base vaciada a mano)
    se muestra con sus datos del plan, sin guardar nada."""
    existentes = {
        a.numero: a for a in ActividadPlan.objects.select_related("responsable")
    }
    return [
        existentes.get(n) or ActividadPlan(numero=n, componente=c, nombre=nombre)
        for n, (c, nombre) in ACTIVIDADES.items()
    ]


def _entregas(campanas: list[Campana]) -> dict[int, list[EntregaCanal]]:
    """Por campaña, lo entregado por canal. Dos consultas."""
    ids = [c.pk for c in campanas]
    por_campana: dict[int, dict[str, EntregaCanal]] = {}
    for fila in (
        Pieza.objects.filter(campana__in=ids)
        .exclude(estado=estados.CANCELADA)
        .values("campana", "canal")
        .annotate(
            piezas=Count("pk", distinct=True),
            entregadas=Count("pk", filter=Q(estado=estados.ENVIADA), distinct=True),
            enviados=Count("envios", filter=Q(envios__estado=estados.ENVIADO)),
            fallidos=Count("envios", filter=Q(envios__estado=estados.FALLIDO)),
            tareas=Count(
                "tarea", filter=Q(tarea__estado=estados.CUMPLIDA), distinct=True
            ),
        )
        .order_by()
    ):
        por_campana.setdefault(fila["campana"], {})[fila["canal"]] = EntregaCanal(
            canal=fila["canal"],
            piezas=fila["piezas"],
            entregadas=fila["entregadas"],
            correos_enviados=fila["enviados"],
            correos_fallidos=fila["fallidos"],
            tareas_cumplidas=fila["tareas"],
        )
    for tarea in TareaDifusion.objects.filter(
        pieza__campana__in=ids, estado=estados.CUMPLIDA
    ).values(
        "pk", "pieza__campana", "pieza__canal", "pieza__titulo", "evidencia_enlace"
    ):
        entrega = por_campana.get(tarea["pieza__campana"], {}).get(
            tarea["pieza__canal"]
        )
        if entrega is not None:
            enlace = tarea["evidencia_enlace"] or reverse(
                "comunicaciones:evidencia", args=[tarea["pk"]]
            )
            entrega.evidencias.append((tarea["pieza__titulo"], enlace))
    orden = list(Canal)
    return {
        campana: sorted(canales.values(), key=lambda e: orden.index(e.canal))
        for campana, canales in por_campana.items()
    }


def tablero(*, desde: date, hasta: date) -> Tablero:
    """Todo el tablero del plan para el periodo (campañas que lo tocan,
    jornadas que empiezan en él, radicaciones y adopción de sus meses)."""
    campanas = list(
        Campana.objects.filter(fecha_inicio__lte=hasta, fecha_fin__gte=desde)
        .exclude(estado=estados.CANCELADA)
        .prefetch_related("actividades")
        .order_by("fecha_inicio", "pk")
    )
    entregas = _entregas(campanas)
    del_plan = {c.pk: CampanaDelPlan(c, entregas.get(c.pk, [])) for c in campanas}
    jornadas = indicadores.leer("jornadas", desde=desde, hasta=hasta)
    coberturas = indicadores.leer("cobertura") or {}

    filas = []
    for actividad in actividades():
        filas.append(
            FilaActividad(
                actividad=actividad,
                campanas=[
                    del_plan[c.pk]
                    for c in campanas
                    if any(a.numero == actividad.numero for a in c.actividades.all())
                ],
                jornadas=[
                    j for j in jornadas or [] if actividad.numero in j.actividades
                ],
                cobertura=coberturas.get(actividad.numero),
            )
        )
    componentes = [
        (componente, [f for f in filas if f.actividad.componente == componente])
        for componente in COMPONENTES
    ]
    por_canal = adopcion.en_linea_por_canal(desde=desde, hasta=hasta)
    atribuidos = sorted(
        {canal for mes in por_canal for canal in mes.por_canal},
        key=lambda c: (c == "Sin respuesta", c),
    )
    return Tablero(
        desde=desde,
        hasta=hasta,
        componentes=componentes,
        internas_sin_actividad=[
            del_plan[c.pk]
            for c in campanas
            if c.nivel == Nivel.INTERNO and not c.actividades.all()
        ],
        externas=[del_plan[c.pk] for c in campanas if c.nivel == Nivel.EXTERNO],
        en_linea_por_canal=por_canal,
        canales_atribuidos=atribuidos,
        adopcion=adopcion.adopcion(desde=desde, hasta=hasta),
        asesoria=cifras_asesoria(desde=desde, hasta=hasta, hoy=reloj.hoy()),
        diagnosticos=[
            r
            for a in (Audiencia.INTERNA, Audiencia.EXTERNA)
            if (r := ranking_de_canales(a)) is not None
        ],
        hay_capacitacion=jornadas is not None,
    )
