"""Las cifras de la asesoría ciudadana para el tablero del plan.

Del periodo (preguntas recibidas en él, en hora de Colombia): cuántas por canal,
por trámite y por clase de petición; de las respondidas, cuántas dentro del
término y el promedio de días hábiles; cuántas siguen abiertas y cuántas de
ellas ya vencieron. De las preguntas frecuentes publicadas, los votos «¿le
sirvió?» acumulados (los votos no llevan fecha). Y la asistencia a las sesiones
de asesoría del periodo, que aporta `capacitacion` por el registro de
indicadores (`sesiones_asesoria`).

Lee con un número fijo de consultas, sin importar cuántas preguntas haya.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Avg, Count, F, Q, Sum

from comunicaciones import indicadores
from comunicaciones.models import (
    ABIERTAS,
    CanalPregunta,
    ClaseDePeticion,
    PreguntaCiudadana,
    PreguntaFrecuente,
)
from sanpedro_gel import reloj
from sanpedro_gel.formato import numero, porcentaje
from sanpedro_gel.reloj import fin_del_dia, inicio_del_dia

SIN_TRAMITE = "Sin trámite"
FRECUENTES_EN_EL_TABLERO = 10


@dataclass(frozen=True)
class Conteo:
    """Una fila «etiqueta: cantidad (parte del total)»."""

    etiqueta: str
    cantidad: int
    total: int

    @property
    def porcentaje(self) -> float | None:
        return 100 * self.cantidad / self.total if self.total else None

    @property
    def texto(self) -> str:
        return porcentaje(self.cantidad, self.total)

    @property
    def cantidad_texto(self) -> str:
        return numero(self.cantidad)


@dataclass(frozen=True)
class UtilidadFrecuente:
    pregunta: str
    si: int
    no: int

    @property
    def porcentaje(self) -> float | None:
        votos = self.si + self.no
        return 100 * self.si / votos if votos else None

    @property
    def texto(self) -> str:
        return porcentaje(self.si, self.si + self.no)


@dataclass
class CifrasAsesoria:
    recibidas: int = 0
    por_canal: list[Conteo] = field(default_factory=list)
    por_tramite: list[Conteo] = field(default_factory=list)
    por_clase: list[Conteo] = field(default_factory=list)
    respondidas: int = 0
    a_tiempo: int = 0
    promedio: float | None = None
    abiertas: int = 0
    vencidas: int = 0
    votos_si: int = 0
    votos_no: int = 0
    frecuentes: list[UtilidadFrecuente] = field(default_factory=list)
    sesiones: indicadores.SesionesDeAsesoria | None = None

    @property
    def porcentaje_a_tiempo(self) -> str:
        return porcentaje(self.a_tiempo, self.respondidas)

    @property
    def barra_a_tiempo(self) -> float | None:
        return 100 * self.a_tiempo / self.respondidas if self.respondidas else None

    @property
    def promedio_dias(self) -> str:
        if self.promedio is None:
            return "—"
        valor = round(self.promedio, 1)
        return f"{numero(valor)} {'día hábil' if valor == 1 else 'días hábiles'}"

    @property
    def utilidad(self) -> str:
        return porcentaje(self.votos_si, self.votos_si + self.votos_no)

    @property
    def barra_utilidad(self) -> float | None:
        votos = self.votos_si + self.votos_no
        return 100 * self.votos_si / votos if votos else None

    @property
    def asistencia(self) -> str:
        if self.sesiones is None:
            return "—"
        return porcentaje(self.sesiones.asistieron, self.sesiones.inscritos)

    @property
    def barra_asistencia(self) -> float | None:
        s = self.sesiones
        return 100 * s.asistieron / s.inscritos if s and s.inscritos else None


def cifras_asesoria(
    *, desde: date, hasta: date, hoy: date | None = None
) -> CifrasAsesoria:
    """Las cifras de la asesoría del periodo. Cuatro consultas, más la del
    aporte de capacitación."""
    hoy = hoy or reloj.hoy()
    del_periodo = PreguntaCiudadana.objects.filter(
        recibida_en__gte=inicio_del_dia(desde), recibida_en__lt=fin_del_dia(hasta)
    )
    # 1. Por canal, clase y trámite a la vez; se suman en memoria.
    por_canal: dict[str, int] = {}
    por_clase: dict[str, int] = {}
    por_tramite: dict[int | None, list] = {}
    for fila in (
        del_periodo.values("canal", "clase", "tramite", "tramite__nombre")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        por_canal[fila["canal"]] = por_canal.get(fila["canal"], 0) + fila["n"]
        por_clase[fila["clase"]] = por_clase.get(fila["clase"], 0) + fila["n"]
        nombre = fila["tramite__nombre"] or SIN_TRAMITE
        por_tramite.setdefault(fila["tramite"], [nombre, 0])[1] += fila["n"]
    total = sum(por_canal.values())

    # 2. Término, promedio, abiertas y vencidas.
    respondidas = Q(respondida_en__isnull=False)
    abiertas = Q(estado__in=ABIERTAS)
    resumen = del_periodo.aggregate(
        respondidas=Count("pk", filter=respondidas),
        a_tiempo=Count(
            "pk", filter=respondidas & Q(respondida_en__date__lte=F("vence_el"))
        ),
        promedio=Avg("dias_habiles_respuesta", filter=respondidas),
        abiertas=Count("pk", filter=abiertas),
        vencidas=Count("pk", filter=abiertas & Q(vence_el__lt=hoy)),
    )

    # 3 y 4. Utilidad de las preguntas frecuentes publicadas.
    publicadas = PreguntaFrecuente.objects.filter(publicada=True)
    votos = publicadas.aggregate(si=Sum("le_sirvio"), no=Sum("no_le_sirvio"))
    frecuentes = [
        UtilidadFrecuente(f["pregunta"], f["le_sirvio"], f["no_le_sirvio"])
        for f in publicadas.annotate(votos=F("le_sirvio") + F("no_le_sirvio"))
        .filter(votos__gt=0)
        .order_by("-votos", "-le_sirvio", "pregunta")
        .values("pregunta", "le_sirvio", "no_le_sirvio")[:FRECUENTES_EN_EL_TABLERO]
    ]

    tramites = sorted(
        por_tramite.items(), key=lambda p: (p[0] is None, -p[1][1], p[1][0])
    )
    return CifrasAsesoria(
        recibidas=total,
        por_canal=[
            Conteo(etiqueta, por_canal.get(valor, 0), total)
            for valor, etiqueta in CanalPregunta.choices
        ],
        por_tramite=[Conteo(nombre, n, total) for _, (nombre, n) in tramites],
        por_clase=[
            Conteo(etiqueta, por_clase.get(valor, 0), total)
            for valor, etiqueta in ClaseDePeticion.choices
        ],
        respondidas=resumen["respondidas"],
        a_tiempo=resumen["a_tiempo"],
        promedio=resumen["promedio"],
        abiertas=resumen["abiertas"],
        vencidas=resumen["vencidas"],
        votos_si=votos["si"] or 0,
        votos_no=votos["no"] or 0,
        frecuentes=frecuentes,
        sesiones=indicadores.leer("sesiones_asesoria", desde=desde, hasta=hasta),
    )
