"""Lecturas de la encuesta de comunicaciones: resultados por pregunta, sus
exportaciones y el ranking de canales del último diagnóstico.

Solo leen. El número de consultas no crece con las preguntas ni con las
respuestas: los conteos salen agrupados de la base.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from comunicaciones.models import (
    Audiencia,
    Contestacion,
    Dependencia,
    Encuesta,
    Nivel,
    Pregunta,
    RangoEdad,
    Respuesta,
    TipoPregunta,
    Vinculacion,
    ZonaEncuesta,
)
from sanpedro_gel import peticiones
from sanpedro_gel.formato import fecha_larga, numero
from sanpedro_gel.hojas import csv_para_excel, xlsx
from sanpedro_gel.reloj import en_bogota

# En una encuesta anónima, un filtro que deja menos respuestas que esto no se
# muestra: con tres personas de una dependencia se adivina quién dijo qué.
MINIMO_ANONIMO = 5

FILTROS_INTERNOS = ("dependencia", "vinculacion")
FILTROS_EXTERNOS = ("zona", "rango_edad", "origen")


@dataclass
class Fila:
    etiqueta: str
    n: int
    porcentaje: float  # de quienes respondieron la pregunta (0–100)

    @property
    def texto(self) -> str:
        return f"{numero(round(self.porcentaje))} %"


@dataclass
class ResultadoPregunta:
    numero: int
    pregunta: Pregunta
    respondieron: int
    filas: list[Fila] = field(default_factory=list)
    promedio: float | None = None
    textos: list[str] = field(default_factory=list)

    @property
    def promedio_texto(self) -> str:
        return numero(self.promedio, 1) if self.promedio is not None else "—"


@dataclass
class Resultados:
    encuesta: Encuesta
    filtros: dict[str, str]
    total: int
    preguntas: list[ResultadoPregunta]
    # Anónima con un filtro que deja muy pocas respuestas: no se muestran.
    protegido: bool = False

    @property
    def filtrado(self) -> bool:
        return any(self.filtros.values())


def filtros_validos(encuesta: Encuesta, datos) -> dict[str, str]:
    """Los filtros de la petición que aplican a la encuesta; lo demás se ignora."""
    if encuesta.es_interna:
        dependencia = str(datos.get("dependencia") or "")
        vinculacion = datos.get("vinculacion") or ""
        return {
            "dependencia": dependencia if peticiones.id_de(dependencia) else "",
            "vinculacion": vinculacion if vinculacion in Vinculacion.values else "",
        }
    zona = datos.get("zona") or ""
    edad = datos.get("rango_edad") or ""
    origen = str(datos.get("origen") or "")[:60]
    return {
        "zona": zona if zona in ZonaEncuesta.values else "",
        "rango_edad": edad if edad in RangoEdad.values else "",
        "origen": origen,
    }


def respuestas_filtradas(encuesta: Encuesta, filtros: dict[str, str]) -> QuerySet:
    respuestas = Respuesta.objects.filter(encuesta=encuesta)
    if filtros.get("dependencia"):
        respuestas = respuestas.filter(dependencia_id=int(filtros["dependencia"]))
    for campo in ("vinculacion", "zona", "rango_edad"):
        if filtros.get(campo):
            respuestas = respuestas.filter(**{campo: filtros[campo]})
    if filtros.get("origen"):
        origen = filtros["origen"]
        respuestas = respuestas.filter(
            Q(origen=origen) | Q(origen__startswith=f"{origen}-")
        )
    return respuestas


def resultados(encuesta: Encuesta, filtros: dict[str, str] | None = None) -> Resultados:
    """Conteos, porcentajes, promedio de las escalas y textos, por pregunta.

    Los porcentajes son sobre quienes respondieron esa pregunta (en la de
    selección múltiple suman más de 100). Cinco consultas.
    """
    filtros = filtros or {}
    respuestas = respuestas_filtradas(encuesta, filtros)
    total = respuestas.count()
    preguntas = list(encuesta.preguntas.prefetch_related("opciones"))
    if encuesta.anonima and any(filtros.values()) and 0 < total < MINIMO_ANONIMO:
        return Resultados(encuesta, filtros, total, [], protegido=True)

    contestaciones = Contestacion.objects.filter(respuesta__in=respuestas)
    respondieron = dict(
        contestaciones.values_list("pregunta")
        .annotate(n=Count("respuesta", distinct=True))
        .order_by()
    )
    conteos: dict[tuple[int, object], int] = {}
    for pregunta_id, opcion_id, valor, n in (
        contestaciones.exclude(opcion__isnull=True, valor__isnull=True)
        .values_list("pregunta", "opcion", "valor")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        conteos[(pregunta_id, opcion_id or f"v{valor}")] = n
    textos: dict[int, list[str]] = {}
    for pregunta_id, texto in (
        contestaciones.exclude(texto="")
        .order_by("respuesta_id")
        .values_list("pregunta", "texto")
    ):
        textos.setdefault(pregunta_id, []).append(texto)

    salida = []
    for numero_pregunta, pregunta in enumerate(preguntas, start=1):
        base = respondieron.get(pregunta.pk, 0)
        resultado = ResultadoPregunta(numero_pregunta, pregunta, base)
        if pregunta.tiene_opciones:
            pares = [
                (o.texto, conteos.get((pregunta.pk, o.pk), 0))
                for o in pregunta.opciones.all()
            ]
        elif pregunta.tipo == TipoPregunta.ESCALA:
            pares = [
                (str(v), conteos.get((pregunta.pk, f"v{v}"), 0))
                for v in range(5, 0, -1)
            ]
            suma = sum(int(etiqueta) * n for etiqueta, n in pares)
            resultado.promedio = suma / base if base else None
        else:
            pares = []
            resultado.textos = textos.get(pregunta.pk, [])
        resultado.filas = [
            Fila(etiqueta, n, 100 * n / base if base else 0) for etiqueta, n in pares
        ]
        salida.append(resultado)
    return Resultados(encuesta, filtros, total, salida)


def opciones_de_filtro(encuesta: Encuesta) -> dict:
    """Las opciones de los filtros de la página de resultados."""
    if encuesta.es_interna:
        return {
            "dependencias": Dependencia.objects.filter(
                pk__in=Respuesta.objects.filter(encuesta=encuesta).values("dependencia")
            ).order_by("nombre"),
            "vinculaciones": Vinculacion.choices,
        }
    return {"zonas": ZonaEncuesta.choices, "rangos": RangoEdad.choices}


# --- Exportar ---------------------------------------------------------------------

COLUMNAS = ["Número", "Pregunta", "Tipo", "Respuesta", "Personas", "Porcentaje"]


def _filas_de_resultados(datos: Resultados):
    for r in datos.preguntas:
        tipo = r.pregunta.get_tipo_display()
        for fila in r.filas:
            yield [
                r.numero,
                r.pregunta.texto,
                tipo,
                fila.etiqueta,
                fila.n,
                round(fila.porcentaje, 1),
            ]
        if r.promedio is not None:
            yield [r.numero, r.pregunta.texto, tipo, "Promedio", r.respondieron, ""]
            yield [r.numero, r.pregunta.texto, tipo, numero(r.promedio, 2), "", ""]
        for texto in r.textos:
            yield [r.numero, r.pregunta.texto, tipo, texto, 1, ""]


def exportar_csv(datos: Resultados) -> bytes:
    return csv_para_excel(COLUMNAS, _filas_de_resultados(datos))


def exportar_xlsx(datos: Resultados) -> bytes:
    """Resultados por pregunta y, en una encuesta nominal, quién respondió qué."""
    hojas = [("Resultados", COLUMNAS, list(_filas_de_resultados(datos)))]
    encuesta = datos.encuesta
    if not encuesta.anonima and not datos.protegido:
        preguntas = [r.pregunta for r in datos.preguntas]
        hojas.append(
            (
                "Respuestas",
                ["Nombre", "Dependencia", "Vinculación", "Fecha"]
                + [p.texto for p in preguntas],
                _filas_nominales(encuesta, datos.filtros, preguntas),
            )
        )
    return xlsx(hojas)


def _filas_nominales(encuesta, filtros, preguntas):
    respuestas = (
        respuestas_filtradas(encuesta, filtros)
        .select_related("funcionario", "dependencia")
        .prefetch_related("contestaciones__opcion")
    )
    filas = []
    for respuesta in respuestas:
        por_pregunta: dict[int, list[str]] = {}
        for c in respuesta.contestaciones.all():
            valor = c.opcion.texto if c.opcion_id else (c.valor or c.texto)
            por_pregunta.setdefault(c.pregunta_id, []).append(str(valor))
        filas.append(
            [
                respuesta.funcionario.nombre_completo if respuesta.funcionario else "",
                respuesta.dependencia.nombre if respuesta.dependencia else "",
                Vinculacion(respuesta.vinculacion).label
                if respuesta.vinculacion in Vinculacion.values
                else "",
                respuesta.recibida_el.isoformat(),
            ]
            + ["; ".join(por_pregunta.get(p.pk, [])) for p in preguntas]
        )
    return filas


# --- Ranking de canales --------------------------------------------------------------


@dataclass
class Ranking:
    audiencia: str
    encuesta: Encuesta
    fecha: date
    respuestas: int
    filas: list[Fila]

    @property
    def publico(self) -> str:
        return (
            "servidores públicos"
            if self.audiencia == Audiencia.INTERNA
            else "ciudadanos"
        )

    @property
    def texto(self) -> str:
        """«Según el diagnóstico del 31 de marzo de 2026 (servidores públicos,
        18 respuestas): Correo directo 83 %, Página web 61 %, …»."""
        canales = ", ".join(f"{f.etiqueta} {f.texto}" for f in self.filas)
        return (
            f"Según el diagnóstico del {fecha_larga(self.fecha)} ({self.publico}, "
            f"{self.respuestas} respuestas): {canales}."
        )


def ranking_de_canales(audiencia: str, *, ahora=None) -> Ranking | None:
    """Los canales de la pregunta de canales de `audiencia` en la encuesta más
    reciente que ya abrió y tiene respuestas, del más al menos elegido.

    Su fecha es la del cierre o, si sigue abierta, la de hoy.
    """
    ahora = ahora or timezone.now()
    pregunta = (
        Pregunta.objects.filter(
            ranking_de=audiencia,
            encuesta__abre_en__lte=ahora,
            contestaciones__isnull=False,
        )
        .select_related("encuesta")
        .order_by("-encuesta__cierra_en", "-encuesta__pk")
        .first()
    )
    if pregunta is None:
        return None
    encuesta = pregunta.encuesta
    (resultado,) = [
        r for r in resultados(encuesta).preguntas if r.pregunta.pk == pregunta.pk
    ]
    filas = sorted(
        (f for f in resultado.filas if f.n), key=lambda f: (-f.n, f.etiqueta)
    )
    fecha = min(encuesta.cierra_en, ahora)
    return Ranking(
        audiencia=audiencia,
        encuesta=encuesta,
        fecha=en_bogota(fecha).date(),
        respuestas=resultado.respondieron,
        filas=filas,
    )


def diagnostico_para(nivel: str | None = None) -> str:
    """El texto del ranking que se muestra junto a la elección del canal: el
    del público de la campaña (`Nivel`) o, sin campaña, el de ambos."""
    publicos = {
        Nivel.INTERNO: [Audiencia.INTERNA],
        Nivel.EXTERNO: [Audiencia.EXTERNA],
    }.get(nivel, [Audiencia.INTERNA, Audiencia.EXTERNA])
    textos = [r.texto for a in publicos if (r := ranking_de_canales(a)) is not None]
    return " ".join(textos) or "Aún no hay un diagnóstico de canales con respuestas."
