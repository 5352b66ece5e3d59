"""La bandeja de la mesa de revisión: días hábiles restantes, búsqueda y
exportación a CSV y XLSX."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from sanpedro_gel import hojas
from tramites import plazos
from tramites.models import (
    DiaNoHabil,
    Estado,
    ExportacionBandeja,
    FormatoExportacion,
)

ACTIVOS = (Estado.RADICADO, Estado.EN_REVISION)
# Sin decidir: lo que la bandeja muestra por defecto.
PENDIENTES = (Estado.RADICADO, Estado.EN_REVISION, Estado.REQUIERE_SUBSANACION)
# Umbral de «por vencer» que resalta la bandeja y trae el resumen diario.
DIAS_POR_VENCER = 3

_RADICADO = re.compile(r"^(ICA|NOV|HOR)(-\d{0,4}(-\d{0,6})?)?$")
_DOCUMENTO = re.compile(r"^[\d.\- ]{3,}$")


@dataclass(frozen=True)
class Plazo:
    """Lo que la bandeja muestra del término de una solicitud."""

    dias: int | None
    texto: str
    clase: str


class Reloj:
    """Días hábiles restantes de muchas solicitudes con una sola consulta.

    Los días no hábiles locales se leen una vez (son pocas filas por año), así
    que el número de consultas de la bandeja no crece con las filas.
    """

    def __init__(self, hoy: date, locales: frozenset[date]):
        self.hoy = hoy
        self.locales = locales

    @classmethod
    def de_hoy(cls) -> "Reloj":
        hoy = timezone.localdate()
        locales = frozenset(
            DiaNoHabil.objects.filter(
                fecha__gte=hoy - timedelta(days=800),
                fecha__lte=hoy + timedelta(days=800),
            ).values_list("fecha", flat=True)
        )
        return cls(hoy, locales)

    def restantes(self, solicitud) -> int | None:
        if solicitud.estado == Estado.REQUIERE_SUBSANACION:
            return solicitud.dias_habiles_restantes
        if solicitud.estado not in ACTIVOS or solicitud.vence_el is None:
            return None
        dias = plazos.dias_habiles_entre(self.hoy, solicitud.vence_el, self.locales)
        if solicitud.vence_el < self.hoy:
            # Vencida un viernes y consultada el sábado: 0 hábiles de por medio,
            # pero vencida.
            return min(dias, -1)
        return dias

    def plazo(self, solicitud) -> Plazo:
        dias = self.restantes(solicitud)
        if solicitud.estado == Estado.REQUIERE_SUBSANACION:
            quedan = f" (quedan {dias})" if dias is not None and dias > 0 else ""
            return Plazo(dias, f"Suspendido{quedan}", "plazo-suspendido")
        if dias is None:
            return Plazo(None, "—", "")
        if dias < 0:
            return Plazo(dias, f"Vencida hace {-dias}", "plazo-vencido")
        if dias == 0:
            return Plazo(dias, "Vence hoy", "plazo-proximo")
        if dias <= DIAS_POR_VENCER:
            return Plazo(dias, str(dias), "plazo-proximo")
        return Plazo(dias, str(dias), "")


def filtro_de_busqueda(termino: str) -> Q | None:
    """La condición de búsqueda de la bandeja, elegida por la forma del término.

    Un radicado (o su comienzo) busca por prefijo de radicado; algo con forma de
    número de documento, por prefijo de documento; lo demás, por nombre. Así
    cada búsqueda usa su índice en vez de recorrer la tabla con tres LIKE.
    """
    termino = " ".join(termino.split())
    if not termino:
        return None
    mayusculas = termino.upper()
    if _RADICADO.match(mayusculas):
        return Q(radicado__startswith=mayusculas)
    if _DOCUMENTO.match(termino):
        digitos = re.sub(r"\D", "", termino)
        if digitos:
            return Q(documento__startswith=digitos)
    if re.fullmatch(r"[A-Za-z0-9]{5,14}", termino) and any(
        c.isdigit() for c in termino
    ):
        # Pasaportes y permisos de migrantes: letras y dígitos.
        return Q(documento__startswith=mayusculas)
    return Q(nombre_solicitante__icontains=termino)


# --- Exportación ---------------------------------------------------------------------

COLUMNAS = [
    "Radicado",
    "Trámite",
    "Solicitante",
    "Documento",
    "Estado",
    "Radicada el",
    "Vence el",
    "Días hábiles restantes",
    "Asignada a",
]


def filas(solicitudes, reloj: Reloj):
    for s in solicitudes:
        yield [
            s.radicado or "",
            s.tramite.nombre,
            s.nombre_solicitante,
            s.documento,
            s.get_estado_display(),
            timezone.localtime(s.radicado_en).strftime("%Y-%m-%d %H:%M")
            if s.radicado_en
            else "",
            s.vence_el.isoformat() if s.vence_el else "",
            reloj.plazo(s).texto,
            (s.asignado_a.get_full_name() or s.asignado_a.email)
            if s.asignado_a
            else "",
        ]


def exportar(*, solicitudes, formato: str, usuario, filtros: str) -> bytes:
    """El archivo CSV o XLSX de `solicitudes` y la constancia de la exportación.

    `solicitudes` es la consulta ya filtrada de la bandeja. Cada llamada deja
    una fila `ExportacionBandeja` (quién, cuándo, con qué filtro, cuántas filas).
    """
    reloj = Reloj.de_hoy()
    consulta = solicitudes.select_related("tramite", "asignado_a")
    contadas = []

    def contar(filas_de_la_consulta):
        for fila in filas_de_la_consulta:
            contadas.append(None)
            yield fila

    datos = contar(filas(consulta.iterator(chunk_size=2000), reloj))
    if formato == FormatoExportacion.CSV:
        contenido = hojas.csv_para_excel(COLUMNAS, datos)
    else:
        contenido = hojas.xlsx([("Solicitudes", COLUMNAS, datos)])
    total = len(contadas)
    ExportacionBandeja.objects.create(
        usuario=usuario, formato=formato, filtros=filtros[:500], filas=total
    )
    return contenido
