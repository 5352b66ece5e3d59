"""La cobertura de la capacitación: quiénes del personal ya se formaron en cada
actividad del plan, por dependencia y vinculación, y quiénes faltan.

- Una persona está **convocada** a una actividad si tiene asistencia en una
  jornada (no cancelada, ni de asesoría ciudadana) que trata esa actividad, y
  **capacitada** si asistió a una.
- El personal de cada actividad es el activo del directorio; el de la 7
  (taller técnico) son los administradores de la herramienta.
- Faltan a la jornada quienes aún no han asistido a jornadas que cubran todas
  las actividades 1–6 y 8 (las que la jornada del plan debe tratar); faltan al
  taller los administradores que no han asistido a uno.

Lee con tres consultas (personal, jornadas, asistencias), sin importar cuántas
jornadas haya, y calcula en memoria: el personal de una alcaldía son cientos.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from capacitacion.models import (
    CON_CUPO,
    Asistencia,
    EstadoInscripcion,
    EstadoJornada,
    Jornada,
    TipoJornada,
)
from capacitacion.reglas import TEMAS
from capacitacion.services.jornadas import convocar_jornada
from comunicaciones.indicadores import (
    CoberturaDelPlan,
    JornadaDelPlan,
    SesionesDeAsesoria,
)
from comunicaciones.models import Funcionario, Vinculacion, clave_de_texto
from sanpedro_gel.excepciones import TransicionInvalida
from sanpedro_gel.formato import numero
from sanpedro_gel.hojas import xlsx
from sanpedro_gel.reloj import fin_del_dia, inicio_del_dia
from sanpedro_gel.roles import ADMINISTRADOR_HERRAMIENTA

# Lo que la jornada de capacitación del plan debe tratar con todo el personal.
ACTIVIDADES_DE_LA_JORNADA = (1, 2, 3, 4, 5, 6, 8)
ACTIVIDAD_DEL_TALLER = 7


@dataclass
class Cifra:
    personal: int = 0
    convocados: int = 0
    asistieron: int = 0

    @property
    def porcentaje(self) -> float | None:
        """Capacitados sobre el personal, de 0 a 100."""
        return 100 * self.asistieron / self.personal if self.personal else None

    @property
    def texto(self) -> str:
        if self.porcentaje is None:
            return "—"
        return f"{numero(round(self.porcentaje))} %"


@dataclass
class CoberturaActividad:
    numero: int
    componente: str
    nombre: str
    jornadas: int
    total: Cifra
    por_dependencia: list[tuple[str, Cifra]] = field(default_factory=list)
    por_vinculacion: list[tuple[str, Cifra]] = field(default_factory=list)


@dataclass
class Faltante:
    funcionario: Funcionario
    actividades: list[int]

    @property
    def actividades_texto(self) -> str:
        return ", ".join(str(n) for n in self.actividades)


@dataclass
class Cobertura:
    actividades: list[CoberturaActividad]
    faltan_jornada: list[Faltante]
    faltan_taller: list[Faltante]
    personal: int
    administradores: int


def _jornadas_que_cuentan():
    return Jornada.objects.exclude(estado=EstadoJornada.CANCELADA).exclude(
        tipo=TipoJornada.ASESORIA
    )


def cobertura() -> Cobertura:
    """La cobertura de cada actividad 1–9 y quiénes faltan."""
    personal = list(
        Funcionario.objects.activos()
        .select_related("dependencia", "usuario")
        .prefetch_related("usuario__groups")
        .order_by("dependencia__nombre", "apellidos", "nombres")
    )
    activos = {f.pk: f for f in personal}
    administradores = {
        f.pk
        for f in personal
        if f.usuario is not None
        and any(g.name == ADMINISTRADOR_HERRAMIENTA for g in f.usuario.groups.all())
    }
    temas_de = {
        pk: {t for t in temas if isinstance(t, int)}
        for pk, temas in _jornadas_que_cuentan().values_list("pk", "temas")
    }
    convocado: dict[int, set[int]] = {n: set() for n in TEMAS}
    asistio: dict[int, set[int]] = {n: set() for n in TEMAS}
    jornadas_por_tema: dict[int, int] = {
        n: sum(1 for temas in temas_de.values() if n in temas) for n in TEMAS
    }
    for jornada_id, funcionario_id, asistio_en in Asistencia.objects.filter(
        jornada_id__in=list(temas_de), funcionario_id__in=list(activos)
    ).values_list("jornada_id", "funcionario_id", "asistio_en"):
        for tema in temas_de[jornada_id]:
            if tema in convocado:
                convocado[tema].add(funcionario_id)
                if asistio_en is not None:
                    asistio[tema].add(funcionario_id)

    actividades = []
    for n, (componente, nombre) in TEMAS.items():
        poblacion = administradores if n == ACTIVIDAD_DEL_TALLER else set(activos)
        actividades.append(
            CoberturaActividad(
                numero=n,
                componente=componente,
                nombre=nombre,
                jornadas=jornadas_por_tema[n],
                total=_cifra(poblacion, convocado[n], asistio[n]),
                por_dependencia=_por_grupo(
                    poblacion,
                    activos,
                    lambda f: f.dependencia.nombre,
                    convocado[n],
                    asistio[n],
                ),
                por_vinculacion=_por_grupo(
                    poblacion,
                    activos,
                    lambda f: (
                        Vinculacion(f.vinculacion).label
                        if f.vinculacion in Vinculacion.values
                        else f.vinculacion
                    ),
                    convocado[n],
                    asistio[n],
                    orden=[v.label for v in Vinculacion],
                ),
            )
        )

    faltan_jornada = []
    for f in personal:
        faltan = [n for n in ACTIVIDADES_DE_LA_JORNADA if f.pk not in asistio[n]]
        if faltan:
            faltan_jornada.append(Faltante(f, faltan))
    faltan_taller = [
        Faltante(activos[pk], [ACTIVIDAD_DEL_TALLER])
        for pk in activos
        if pk in administradores and pk not in asistio[ACTIVIDAD_DEL_TALLER]
    ]
    return Cobertura(
        actividades=actividades,
        faltan_jornada=faltan_jornada,
        faltan_taller=faltan_taller,
        personal=len(activos),
        administradores=len(administradores),
    )


def _cifra(poblacion: set[int], convocados: set[int], asistieron: set[int]) -> Cifra:
    return Cifra(
        personal=len(poblacion),
        convocados=len(convocados & poblacion),
        asistieron=len(asistieron & poblacion),
    )


def _por_grupo(poblacion, activos, clave, convocados, asistieron, orden=None):
    grupos: dict[str, set[int]] = {}
    for pk in poblacion:
        grupos.setdefault(clave(activos[pk]), set()).add(pk)
    nombres = [g for g in (orden or sorted(grupos, key=clave_de_texto)) if g in grupos]
    return [(g, _cifra(grupos[g], convocados, asistieron)) for g in nombres]


# --- Exportar y convocar ------------------------------------------------------------


def exportar_xlsx(datos: Cobertura) -> bytes:
    columnas = [
        "Actividad",
        "Componente",
        "Grupo",
        "Valor",
        "Personal",
        "Convocados",
        "Asistieron",
        "% capacitado",
    ]
    filas = []
    for a in datos.actividades:
        actividad = f"{a.numero}. {a.nombre}"
        grupos = [("Total", "Todo el personal", a.total)]
        grupos += [("Dependencia", g, c) for g, c in a.por_dependencia]
        grupos += [("Vinculación", g, c) for g, c in a.por_vinculacion]
        for grupo, valor, cifra in grupos:
            filas.append(
                [
                    actividad,
                    a.componente,
                    grupo,
                    valor,
                    cifra.personal,
                    cifra.convocados,
                    cifra.asistieron,
                    round(cifra.porcentaje, 1) if cifra.porcentaje is not None else "",
                ]
            )
    personas = ["Nombre", "Correo", "Dependencia", "Vinculación", "Actividades"]
    return xlsx(
        [
            ("Cobertura", columnas, filas),
            ("Faltan a la jornada", personas, _filas_de(datos.faltan_jornada)),
            ("Faltan al taller", personas, _filas_de(datos.faltan_taller)),
        ]
    )


def _filas_de(faltantes: list[Faltante]) -> list[list]:
    return [
        [
            f.funcionario.nombre_completo,
            f.funcionario.correo,
            f.funcionario.dependencia.nombre,
            f.funcionario.get_vinculacion_display(),
            f.actividades_texto,
        ]
        for f in faltantes
    ]


def proxima_jornada(*, taller: bool, ahora: datetime | None = None) -> Jornada | None:
    """La próxima jornada en borrador o convocada que cubre lo que falta: un
    taller técnico (actividad 7) o una jornada de capacitación."""
    ahora = ahora or timezone.now()
    tipo = TipoJornada.TALLER if taller else TipoJornada.CAPACITACION
    return (
        Jornada.objects.filter(
            tipo=tipo,
            estado__in=[EstadoJornada.BORRADOR, EstadoJornada.CONVOCADA],
            inicio__gt=ahora,
        )
        .order_by("inicio", "pk")
        .first()
    )


def convocar_faltantes(
    *, taller: bool = False, ahora: datetime | None = None
) -> tuple[Jornada, int]:
    """Convoca a la próxima jornada (o taller) a quienes faltan.

    Los agrega a los convocados con nombre propio de la jornada y la convoca
    (`convocar_jornada`: la primera vez crea sus avisos; después, invita solo a
    los nuevos). Devuelve la jornada y cuántos convocados nuevos hubo.
    Llamarla dos veces no convoca a nadie dos veces.
    """
    ahora = ahora or timezone.now()
    jornada = proxima_jornada(taller=taller, ahora=ahora)
    if jornada is None:
        que = "taller técnico" if taller else "jornada de capacitación"
        raise TransicionInvalida(
            f"No hay un próximo {que} en borrador o convocado: créelo primero."
            if taller
            else f"No hay una próxima {que} en borrador o convocada: créela primero."
        )
    datos = cobertura()
    faltan = datos.faltan_taller if taller else datos.faltan_jornada
    with transaction.atomic():
        jornada.funcionarios.add(*[f.funcionario.pk for f in faltan])
        nuevos = convocar_jornada(jornada_id=jornada.pk, ahora=ahora)
    return jornada, nuevos


# --- Lo que la capacitación aporta al tablero del plan -----------------------------


def jornadas_del_plan(*, desde: date, hasta: date) -> list[JornadaDelPlan]:
    """Las jornadas (no canceladas, sin las de asesoría ciudadana) que empiezan
    en el periodo, con sus convocados y asistentes. Una consulta."""
    return [
        JornadaDelPlan(
            titulo=j.titulo,
            tipo=j.get_tipo_display(),
            inicio=j.inicio,
            estado=j.get_estado_display(),
            convocados=j.num_invitados,
            asistieron=j.num_asistentes,
            actividades=frozenset(t for t in j.temas if isinstance(t, int)),
            url=reverse("admin:capacitacion_jornada_change", args=[j.pk]),
        )
        for j in _jornadas_que_cuentan()
        .filter(inicio__gte=inicio_del_dia(desde), inicio__lt=fin_del_dia(hasta))
        .con_conteos()
        .order_by("inicio", "pk")
    ]


def sesiones_de_asesoria_del_plan(*, desde: date, hasta: date) -> SesionesDeAsesoria:
    """Las asesorías ciudadanas (no canceladas) que empiezan en el periodo:
    cuántas, los ciudadanos inscritos con cupo y los que asistieron. Una
    consulta."""
    cifras = (
        Jornada.objects.filter(
            tipo=TipoJornada.ASESORIA,
            inicio__gte=inicio_del_dia(desde),
            inicio__lt=fin_del_dia(hasta),
        )
        .exclude(estado=EstadoJornada.CANCELADA)
        .aggregate(
            jornadas=Count("pk", distinct=True),
            inscritos=Count(
                "inscripciones", filter=Q(inscripciones__estado__in=CON_CUPO)
            ),
            asistieron=Count(
                "inscripciones",
                filter=Q(inscripciones__estado=EstadoInscripcion.ASISTIO),
            ),
        )
    )
    return SesionesDeAsesoria(**cifras)


def cobertura_del_plan() -> dict[int, CoberturaDelPlan]:
    """Por actividad 1–9, el personal y cuántos ya asistieron (`cobertura()`)."""
    return {
        a.numero: CoberturaDelPlan(
            personal=a.total.personal, asistieron=a.total.asistieron
        )
        for a in cobertura().actividades
    }
