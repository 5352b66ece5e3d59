"""La adopción de los trámites en línea: por trámite y mes, la parte de las
solicitudes que se radicó en el portal frente a la que llegó por la ventanilla,
contra la meta del Líder GEL. También las radicaciones en línea de cada mes
por «¿Cómo se enteró?», para el tablero del plan.

Solo lee; cuatro consultas sin importar cuántos meses o solicitudes haya.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count
from django.db.models.functions import TruncMonth

from sanpedro_gel.formato import numero
from sanpedro_gel.reloj import BOGOTA, fin_del_dia, inicio_del_dia
from tramites.models import (
    ComoSeEntero,
    MetaAdopcion,
    RadicacionesVentanilla,
    Solicitud,
    Tramite,
)

MESES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]


def nombre_del_mes(mes: date) -> str:
    """«marzo de 2026»."""
    return f"{MESES[mes.month - 1]} de {mes.year}"


def primer_dia(fecha: date) -> date:
    return fecha.replace(day=1)


def meses_entre(desde: date, hasta: date) -> list[date]:
    """El primer día de cada mes de `desde` a `hasta`, ambos incluidos."""
    meses, mes = [], primer_dia(desde)
    while mes <= hasta:
        meses.append(mes)
        mes = date(mes.year + mes.month // 12, mes.month % 12 + 1, 1)
    return meses


def meses_atras(hasta: date, cuantos: int) -> date:
    """El primer día del mes que, contando el de `hasta`, deja `cuantos` meses."""
    mes = primer_dia(hasta)
    for _ in range(cuantos - 1):
        mes = primer_dia(mes - timedelta(days=1))
    return mes


def _mes(valor) -> date:
    return valor.date() if hasattr(valor, "date") else valor


@dataclass
class Celda:
    mes: date
    en_linea: int
    ventanilla: int | None  # None: la ventanilla aún no anotó ese mes

    @property
    def total(self) -> int | None:
        return None if self.ventanilla is None else self.en_linea + self.ventanilla

    @property
    def porcentaje(self) -> float | None:
        """En línea / (en línea + ventanilla), de 0 a 100; None sin dato o sin
        solicitudes."""
        if not self.total:
            return None
        return 100 * self.en_linea / self.total

    @property
    def texto(self) -> str:
        if self.porcentaje is None:
            return "sin dato de ventanilla" if self.ventanilla is None else "—"
        return f"{numero(round(self.porcentaje, 1))} %"

    @property
    def nombre_mes(self) -> str:
        return nombre_del_mes(self.mes)


@dataclass
class FilaAdopcion:
    tramite: Tramite
    meta: int | None
    celdas: list[Celda] = field(default_factory=list)

    @property
    def ultima_con_dato(self) -> Celda | None:
        for celda in reversed(self.celdas):
            if celda.porcentaje is not None:
                return celda
        return None

    @property
    def cumple(self) -> bool | None:
        ultima = self.ultima_con_dato
        if self.meta is None or ultima is None:
            return None
        return ultima.porcentaje >= self.meta


def _en_linea(desde: date, hasta: date):
    return Solicitud.objects.radicadas().filter(
        radicado_en__gte=inicio_del_dia(primer_dia(desde)),
        radicado_en__lt=fin_del_dia(hasta),
    )


def adopcion(*, desde: date, hasta: date) -> list[FilaAdopcion]:
    """Por trámite activo, una celda por mes de `desde` a `hasta`.

    Un mes se cuenta en hora de Colombia: una radicación del 31 de marzo a las
    11:30 p. m. es de marzo aunque en UTC ya sea abril.
    """
    meses = meses_entre(desde, hasta)
    tramites = list(Tramite.objects.filter(activo=True).order_by("orden", "nombre"))
    en_linea = {
        (f["tramite"], _mes(f["mes"])): f["n"]
        for f in _en_linea(desde, hasta)
        .annotate(mes=TruncMonth("radicado_en", tzinfo=BOGOTA))
        .values("tramite", "mes")
        .annotate(n=Count("pk"))
        .order_by()
    }
    ventanilla = {
        (tramite_id, mes): cantidad
        for tramite_id, mes, cantidad in RadicacionesVentanilla.objects.filter(
            mes__gte=meses[0] if meses else desde, mes__lte=hasta
        ).values_list("tramite", "mes", "cantidad")
    }
    metas = dict(MetaAdopcion.objects.values_list("tramite", "porcentaje"))
    return [
        FilaAdopcion(
            tramite=t,
            meta=metas.get(t.pk),
            celdas=[
                Celda(
                    mes=m,
                    en_linea=en_linea.get((t.pk, m), 0),
                    ventanilla=ventanilla.get((t.pk, m)),
                )
                for m in meses
            ],
        )
        for t in tramites
    ]


@dataclass
class MesPorCanal:
    mes: date
    total: int
    por_canal: dict[str, int]

    @property
    def nombre_mes(self) -> str:
        return nombre_del_mes(self.mes)


def en_linea_por_canal(*, desde: date, hasta: date) -> list[MesPorCanal]:
    """Por mes, las radicaciones en línea según «¿Cómo se enteró?» (la
    etiqueta del canal; «Sin respuesta» si no contestó). Una consulta."""
    conteos: dict[date, dict[str, int]] = {m: {} for m in meses_entre(desde, hasta)}
    etiquetas = dict(ComoSeEntero.choices)
    for fila in (
        _en_linea(desde, hasta)
        .annotate(mes=TruncMonth("radicado_en", tzinfo=BOGOTA))
        .values("mes", "como_se_entero")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        etiqueta = etiquetas.get(fila["como_se_entero"], "Sin respuesta")
        mes = conteos.setdefault(_mes(fila["mes"]), {})
        mes[etiqueta] = mes.get(etiqueta, 0) + fila["n"]
    return [
        MesPorCanal(mes=m, total=sum(c.values()), por_canal=c)
        for m, c in sorted(conteos.items())
    ]
