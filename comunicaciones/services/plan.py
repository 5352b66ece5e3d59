"""Lecturas para ver el plan: calendario, línea de tiempo y efectividad.

Solo leen. La efectividad lee `tramites.Solicitud` (su «¿cómo se enteró?» y su
`origen`) sin escribir nada en trámites.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q

from comunicaciones import estados
from comunicaciones.models import (
    ORIGEN_POR_CANAL,
    Campana,
    Canal,
    Pieza,
    TareaDifusion,
    anotaciones_de_conteo,
)
from sanpedro_gel.reloj import en_bogota, fin_del_dia, inicio_del_dia
from tramites.models import ComoSeEntero, Solicitud

# Qué respuesta de «¿Cómo se enteró?» corresponde a cada canal (si alguna).
RESPUESTA_POR_CANAL = {
    Canal.CORREO: ComoSeEntero.CORREO,
    Canal.BANNER: ComoSeEntero.BANNER,
    Canal.EMISORA: ComoSeEntero.EMISORA,
    Canal.PRENSA: ComoSeEntero.PRENSA,
    Canal.TELEVISION: ComoSeEntero.TELEVISION,
    Canal.REDES_SOCIALES: ComoSeEntero.REDES_SOCIALES,
    Canal.AFICHES: ComoSeEntero.AFICHE,
}

# Clase de color de cada canal en el calendario (ver comunicaciones/plan.css).
COLOR_POR_CANAL = {
    Canal.CORREO: "correo",
    Canal.CARTA_ALCALDE: "carta",
    Canal.INTRANET: "intranet",
    Canal.BANNER: "banner",
    Canal.NOTICIA: "noticia",
    Canal.EMISORA: "emisora",
    Canal.PRENSA: "prensa",
    Canal.TELEVISION: "television",
    Canal.REDES_SOCIALES: "redes",
    Canal.AFICHES: "afiches",
    Canal.CARTELERAS: "carteleras",
}


def filtro_de_atribucion(canal: str) -> Q:
    """Solicitudes que apuntan a `canal`: por su respuesta o por su etiqueta.

    La etiqueta cuenta si es la del canal o empieza por ella y un guion
    («banner», «banner-ica-marzo»).
    """
    prefijo = ORIGEN_POR_CANAL[canal]
    filtro = Q(origen=prefijo) | Q(origen__startswith=f"{prefijo}-")
    respuesta = RESPUESTA_POR_CANAL.get(canal)
    if respuesta:
        filtro |= Q(como_se_entero=respuesta)
    return filtro


# --- Calendario ---------------------------------------------------------------------


@dataclass
class DiaDelCalendario:
    fecha: date
    del_mes: bool
    piezas: list = field(default_factory=list)


def calendario_del_mes(
    anio: int, mes: int, *, canal: str = "", campana_id: int | None = None
) -> list[list[DiaDelCalendario]]:
    """Semanas (lunes a domingo) del mes con las piezas de cada día (hora de
    Colombia). Una sola consulta."""
    semanas_de_fechas = calendar.Calendar(firstweekday=0).monthdatescalendar(anio, mes)
    primero, ultimo = semanas_de_fechas[0][0], semanas_de_fechas[-1][-1]
    piezas = (
        Pieza.objects.select_related("campana")
        .filter(
            programada_para__gte=inicio_del_dia(primero),
            programada_para__lt=fin_del_dia(ultimo),
        )
        .exclude(estado=estados.CANCELADA)
        .order_by("programada_para", "pk")
    )
    if canal:
        piezas = piezas.filter(canal=canal)
    if campana_id:
        piezas = piezas.filter(campana_id=campana_id)
    por_dia: dict[date, list] = {}
    for pieza in piezas:
        pieza.color = COLOR_POR_CANAL[pieza.canal]
        por_dia.setdefault(en_bogota(pieza.programada_para).date(), []).append(pieza)
    return [
        [
            DiaDelCalendario(fecha=d, del_mes=d.month == mes, piezas=por_dia.get(d, []))
            for d in semana
        ]
        for semana in semanas_de_fechas
    ]


def mes_anterior_y_siguiente(anio: int, mes: int) -> tuple[date, date]:
    primero = date(anio, mes, 1)
    anterior = (primero - timedelta(days=1)).replace(day=1)
    siguiente = (primero + timedelta(days=32)).replace(day=1)
    return anterior, siguiente


# --- Línea de tiempo y efectividad ---------------------------------------------


def linea_de_tiempo(campana: Campana):
    """Piezas de la campaña en orden, con conteos de envíos y su tarea."""
    return (
        Pieza.objects.filter(campana=campana)
        .select_related("tarea__responsable")
        .annotate(**anotaciones_de_conteo("envios__"))
        .order_by("programada_para", "pk")
    )


@dataclass
class FilaEfectividad:
    canal: str
    etiqueta: str
    piezas: int
    entregadas: int
    correos_enviados: int
    solicitudes: int


def efectividad(campana: Campana) -> list[FilaEfectividad]:
    """Por canal de la campaña: piezas, entregadas y solicitudes atribuidas.

    Solicitudes atribuidas: radicadas entre el inicio y el fin de la campaña
    (días de Colombia), de los trámites que promueve (todos si no nombra
    ninguno), cuya respuesta o etiqueta apunta al canal. Dos consultas.
    """
    por_canal = {
        fila["canal"]: fila
        for fila in Pieza.objects.filter(campana=campana)
        .exclude(estado=estados.CANCELADA)
        .values("canal")
        .annotate(
            piezas=Count("pk", distinct=True),
            entregadas=Count("pk", filter=Q(estado=estados.ENVIADA), distinct=True),
            correos_enviados=Count("envios", filter=Q(envios__estado=estados.ENVIADO)),
        )
    }
    if not por_canal:
        return []
    solicitudes = Solicitud.objects.radicadas().filter(
        radicado_en__gte=inicio_del_dia(campana.fecha_inicio),
        radicado_en__lt=fin_del_dia(campana.fecha_fin),
    )
    tramites = list(campana.tramites.values_list("pk", flat=True))
    if tramites:
        solicitudes = solicitudes.filter(tramite__in=tramites)
    conteos = solicitudes.aggregate(
        **{
            canal: Count("pk", filter=filtro_de_atribucion(canal))
            for canal in por_canal
        }
    )
    return [
        FilaEfectividad(
            canal=canal,
            etiqueta=Canal(canal).label,
            piezas=fila["piezas"],
            entregadas=fila["entregadas"],
            correos_enviados=fila["correos_enviados"],
            solicitudes=conteos[canal],
        )
        for canal, fila in sorted(
            por_canal.items(), key=lambda par: list(Canal).index(par[0])
        )
    ]


def tareas_vencidas():
    return (
        TareaDifusion.objects.vencidas()
        .select_related("pieza__campana", "responsable")
        .order_by("vence_en")
    )
