"""Los datos abiertos de los trámites (Ley 1712 de 2014): cifras agregadas por
mes, sin un solo dato personal, para `/transparencia/datos-abiertos/`.

Se publican los meses cerrados (el mes en curso aún cambia) en hora de
Colombia. Ninguna cifra menor que `MINIMO` sale tal cual: se escribe «<5», y un
porcentaje o un promedio calculado sobre menos de `MINIMO` casos no se publica
(de él se deduciría la cifra escondida). Pocas consultas agregadas por
conjunto, sin importar cuántas solicitudes haya.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth

from sanpedro_gel import hojas, reloj
from sanpedro_gel.reloj import BOGOTA, inicio_del_dia
from tramites.models import ComoSeEntero, RadicacionesVentanilla, Solicitud, Tramite
from tramites.services.adopcion import meses_atras, meses_entre, primer_dia
from tramites.services.tablero import DECIDIDAS

MINIMO = 5
OCULTA = "<5"
SIN_DATO = ""
MESES_PUBLICADOS = 24


@dataclass(frozen=True)
class Campo:
    nombre: str
    tipo: str
    descripcion: str


@dataclass(frozen=True)
class Conjunto:
    slug: str
    titulo: str
    descripcion: str
    campos: tuple[Campo, ...]

    @property
    def archivo(self) -> str:
        return f"{self.slug}.csv"


MES = Campo("mes", "texto (AAAA-MM)", "Mes calendario, en hora de Colombia.")
TRAMITE = Campo(
    "tramite", "texto", "Nombre del trámite, como está inscrito en el SUIT."
)

CONJUNTOS = (
    Conjunto(
        "radicaciones-por-canal",
        "Solicitudes radicadas por trámite, mes y canal",
        "Cuántas solicitudes de cada trámite se radicaron en el portal y cuántas "
        "en la ventanilla, y la parte que se hizo en línea.",
        (
            MES,
            TRAMITE,
            Campo(
                "en_linea",
                "entero o «<5»",
                "Solicitudes radicadas en este portal durante el mes.",
            ),
            Campo(
                "ventanilla",
                "entero o «<5»; vacío si la dependencia no lo ha anotado",
                "Solicitudes recibidas en la ventanilla durante el mes, según el "
                "registro de la dependencia.",
            ),
            Campo(
                "porcentaje_en_linea",
                "decimal con punto (0–100); vacío si no se publica",
                "en_linea / (en_linea + ventanilla) × 100. No se publica si alguna "
                "de las dos cifras es menor que 5.",
            ),
        ),
    ),
    Conjunto(
        "decisiones-por-mes",
        "Decisiones por trámite y mes",
        "Las solicitudes decididas (aprobadas o rechazadas) en el mes, cuántas "
        "dentro del término legal y los días hábiles que tomó decidirlas.",
        (
            MES,
            TRAMITE,
            Campo("decididas", "entero o «<5»", "Solicitudes decididas en el mes."),
            Campo(
                "porcentaje_a_tiempo",
                "decimal con punto (0–100); vacío si no se publica",
                "Parte de las decididas dentro del término legal en días hábiles. "
                "No se publica con menos de 5 decisiones.",
            ),
            Campo(
                "promedio_dias_habiles",
                "decimal con punto; vacío si no se publica",
                "Promedio de días hábiles entre la radicación y la decisión. No se "
                "publica con menos de 5 decisiones.",
            ),
        ),
    ),
    Conjunto(
        "como-se-entero",
        "Solicitudes en línea por canal de difusión",
        "Por mes, las solicitudes radicadas en el portal según la respuesta a "
        "«¿Cómo se enteró de este trámite?».",
        (
            MES,
            Campo("canal", "texto", "El canal que la persona marcó al radicar."),
            Campo("solicitudes", "entero o «<5»", "Solicitudes radicadas en el mes."),
        ),
    ),
)
POR_SLUG = {c.slug: c for c in CONJUNTOS}


def cifra(valor: int | None) -> str | int:
    """Una cifra publicable: «<5» si es menor que el mínimo (y no es cero)."""
    if valor is None:
        return SIN_DATO
    if 0 < valor < MINIMO:
        return OCULTA
    return valor


def _decimal(valor: float | None) -> str:
    return SIN_DATO if valor is None else f"{valor:.1f}"


def periodo_desde(
    primera: datetime | None, hoy: date | None = None
) -> tuple[date, date] | None:
    """Del mes de `primera` (a lo sumo `MESES_PUBLICADOS` atrás) al último mes
    cerrado; None si aún no hay un mes que publicar."""
    if primera is None:
        return None
    ultimo = primer_dia(primer_dia(hoy or reloj.hoy()) - date.resolution)
    desde = max(
        primer_dia(primera.astimezone(BOGOTA).date()),
        meses_atras(ultimo, MESES_PUBLICADOS),
    )
    return (desde, ultimo) if desde <= ultimo else None


def periodo(hoy: date | None = None) -> tuple[date, date] | None:
    """El periodo publicado de las solicitudes, desde la primera radicada."""
    primera = (
        Solicitud.objects.radicadas()
        .order_by("radicado_en")
        .values_list("radicado_en", flat=True)
        .first()
    )
    return periodo_desde(primera, hoy)


def mes_de(valor) -> date:
    """El mes de TruncMonth como fecha (en SQLite llega como datetime)."""
    return valor.date() if hasattr(valor, "date") else valor


def _texto_mes(mes: date) -> str:
    return f"{mes.year}-{mes.month:02d}"


def _en_el_periodo(campo: str, desde: date, hasta: date) -> Q:
    fin = date(hasta.year + hasta.month // 12, hasta.month % 12 + 1, 1)
    return Q(
        **{f"{campo}__gte": inicio_del_dia(desde), f"{campo}__lt": inicio_del_dia(fin)}
    )


def _por_mes_y_tramite(consulta, campo: str, **agregados) -> dict:
    return {
        (mes_de(f["mes"]), f["tramite"]): f
        for f in consulta.annotate(mes=TruncMonth(campo, tzinfo=BOGOTA))
        .values("mes", "tramite")
        .annotate(**agregados)
        .order_by()
    }


def radicaciones_por_canal(desde: date, hasta: date) -> list[list]:
    meses = meses_entre(desde, hasta)
    tramites = list(Tramite.objects.order_by("orden", "nombre"))
    en_linea = _por_mes_y_tramite(
        Solicitud.objects.radicadas().filter(
            _en_el_periodo("radicado_en", desde, hasta)
        ),
        "radicado_en",
        n=Count("pk"),
    )
    ventanilla = {
        (mes, tramite): cantidad
        for tramite, mes, cantidad in RadicacionesVentanilla.objects.filter(
            mes__gte=desde, mes__lte=hasta
        ).values_list("tramite", "mes", "cantidad")
    }
    filas = []
    for mes in meses:
        for tramite in tramites:
            linea = en_linea.get((mes, tramite.pk), {}).get("n", 0)
            fisica = ventanilla.get((mes, tramite.pk))
            porcentaje = None
            if fisica is not None and linea >= MINIMO and fisica >= MINIMO:
                porcentaje = 100 * linea / (linea + fisica)
            filas.append(
                [
                    _texto_mes(mes),
                    tramite.nombre,
                    cifra(linea),
                    cifra(fisica),
                    _decimal(porcentaje),
                ]
            )
    return filas


def decisiones_por_mes(desde: date, hasta: date) -> list[list]:
    tramites = list(Tramite.objects.order_by("orden", "nombre"))
    decididas = _por_mes_y_tramite(
        Solicitud.objects.filter(
            _en_el_periodo("decidida_en", desde, hasta), estado__in=DECIDIDAS
        ),
        "decidida_en",
        n=Count("pk"),
        a_tiempo=Count("pk", filter=Q(decidida_a_tiempo=True)),
        promedio=Avg("dias_habiles_para_decidir"),
    )
    filas = []
    for mes in meses_entre(desde, hasta):
        for tramite in tramites:
            dato = decididas.get((mes, tramite.pk), {"n": 0})
            publicable = dato["n"] >= MINIMO
            filas.append(
                [
                    _texto_mes(mes),
                    tramite.nombre,
                    cifra(dato["n"]),
                    _decimal(
                        100 * dato["a_tiempo"] / dato["n"] if publicable else None
                    ),
                    _decimal(dato["promedio"] if publicable else None),
                ]
            )
    return filas


def como_se_entero(desde: date, hasta: date) -> list[list]:
    conteos = {
        (mes_de(f["mes"]), f["como_se_entero"]): f["n"]
        for f in Solicitud.objects.radicadas()
        .filter(_en_el_periodo("radicado_en", desde, hasta))
        .annotate(mes=TruncMonth("radicado_en", tzinfo=BOGOTA))
        .values("mes", "como_se_entero")
        .annotate(n=Count("pk"))
        .order_by()
    }
    canales = [*ComoSeEntero.choices, ("", "Sin respuesta")]
    return [
        [_texto_mes(mes), etiqueta, cifra(conteos.get((mes, valor), 0))]
        for mes in meses_entre(desde, hasta)
        for valor, etiqueta in canales
    ]


FILAS = {
    "radicaciones-por-canal": radicaciones_por_canal,
    "decisiones-por-mes": decisiones_por_mes,
    "como-se-entero": como_se_entero,
}


def filas(conjunto: Conjunto, hoy: date | None = None) -> list[list]:
    limites = periodo(hoy)
    return FILAS[conjunto.slug](*limites) if limites else []


def csv(conjunto: Conjunto, hoy: date | None = None) -> bytes:
    """El CSV del conjunto: UTF-8, coma, punto decimal (lo que esperan los
    portales de datos abiertos como datos.gov.co)."""
    return hojas.csv_abierto([c.nombre for c in conjunto.campos], filas(conjunto, hoy))
