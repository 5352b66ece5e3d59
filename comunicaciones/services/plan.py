"""Lecturas para ver el plan: calendario, línea de tiempo y efectividad.

Solo leen. La efectividad lee `tramites.Solicitud` (su «¿cómo se enteró?» y su
`origen`) sin escribir nada en trámites.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

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


# Una pieza sin hora de fin (un correo, una cuña, un afiche) cuenta las
# solicitudes radicadas hasta estos días después de haber salido.
DIAS_SIN_FIN = 30

# Estados en que un correo ya llegó a alguien (pausado: llegó a una parte).
_CORREO_SALIO = {estados.EN_CURSO, estados.ENVIADA, estados.PAUSADA}


def ventana_de(pieza: Pieza) -> tuple[datetime, datetime] | None:
    """Desde cuándo y hasta cuándo la pieza estuvo al aire; None si no salió.

    Sale el correo cuando empieza su envío; la publicación del portal cuando
    se publica, y se ve hasta `visible_hasta`; la difusión con seguimiento el
    día real que el responsable registró al cerrar su tarea con evidencia.
    Sin fin declarado, la ventana dura `DIAS_SIN_FIN` días.
    """
    fin = None
    if pieza.es_de_seguimiento:
        tarea = getattr(pieza, "tarea", None)
        if tarea is None or tarea.estado != estados.CUMPLIDA or not tarea.realizada_el:
            return None
        desde = inicio_del_dia(tarea.realizada_el)
    elif pieza.es_de_publicacion:
        if pieza.estado != estados.ENVIADA:
            return None
        desde = pieza.iniciada_en or pieza.programada_para
        fin = pieza.visible_hasta
    else:
        if pieza.estado not in _CORREO_SALIO or pieza.iniciada_en is None:
            return None
        desde = pieza.iniciada_en
    if desde is None:
        return None
    if fin is None or fin <= desde:
        fin = desde + timedelta(days=DIAS_SIN_FIN)
    return desde, fin


@dataclass
class FilaEfectividad:
    canal: str
    etiqueta: str
    piezas: int
    entregadas: int
    correos_enviados: int
    solicitudes: int
    # (desde, hasta) de cada pieza que salió, en orden: cuándo cuenta el canal.
    ventanas: list[tuple[datetime, datetime]] = field(default_factory=list)


def efectividad(campana: Campana) -> list[FilaEfectividad]:
    """Por canal de la campaña: piezas, entregadas y solicitudes atribuidas.

    Solicitudes atribuidas: de los trámites que promueve la campaña (todos si
    no nombra ninguno), cuya respuesta o etiqueta apunta al canal, y radicadas
    dentro de la ventana de alguna pieza de ese canal (`ventana_de`): lo que
    se radicó antes de que una pieza saliera no es obra suya. Tres consultas.
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
    ventanas: dict[str, list[tuple[datetime, datetime]]] = {c: [] for c in por_canal}
    for pieza in (
        Pieza.objects.filter(campana=campana)
        .exclude(estado=estados.CANCELADA)
        .select_related("tarea")
        .only(
            "canal",
            "estado",
            "programada_para",
            "iniciada_en",
            "visible_hasta",
            "tarea__estado",
            "tarea__realizada_el",
        )
    ):
        ventana = ventana_de(pieza)
        if ventana:
            ventanas[pieza.canal].append(ventana)
    solicitudes = Solicitud.objects.radicadas()
    tramites = list(campana.tramites.values_list("pk", flat=True))
    if tramites:
        solicitudes = solicitudes.filter(tramite__in=tramites)
    contar = {
        canal: Count("pk", filter=filtro_de_atribucion(canal) & _dentro(lista))
        for canal, lista in ventanas.items()
        if lista
    }
    conteos = solicitudes.aggregate(**contar) if contar else {}
    return [
        FilaEfectividad(
            canal=canal,
            etiqueta=Canal(canal).label,
            piezas=fila["piezas"],
            entregadas=fila["entregadas"],
            correos_enviados=fila["correos_enviados"],
            solicitudes=conteos.get(canal, 0),
            ventanas=sorted(ventanas[canal]),
        )
        for canal, fila in sorted(
            por_canal.items(), key=lambda par: list(Canal).index(par[0])
        )
    ]


def _dentro(ventanas: list[tuple[datetime, datetime]]) -> Q:
    condicion = Q()
    for desde, hasta in ventanas:
        condicion |= Q(radicado_en__gte=desde, radicado_en__lt=hasta)
    return condicion


def tareas_vencidas():
    return (
        TareaDifusion.objects.vencidas()
        .select_related("pieza__campana", "responsable")
        .order_by("vence_en")
    )
