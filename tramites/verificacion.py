"""Verificación pública de documentos por su código (QR de los PDF).

Cada clase de documento que el portal expide registra aquí un buscador: una
función que recibe el código ya normalizado y devuelve un `DocumentoVerificado`
o None. La vista /verificar/<codigo>/ prueba los buscadores en orden. Así
certificados y resoluciones se suman sin tocar la vista:

    from tramites.verificacion import DocumentoVerificado, registrar_buscador

    @registrar_buscador
    def buscar_resolucion(codigo): ...
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse

from tramites.formato import fecha_hora, fecha_larga
from tramites.models import Solicitud


@dataclass(frozen=True)
class DocumentoVerificado:
    """Lo esencial de un documento, para quien tiene su código."""

    tipo: str  # «Constancia de radicación», «Resolución», «Certificado»…
    titulo: str  # p. ej. el radicado o el número de la resolución
    codigo: str
    filas: list[tuple[str, str]] = field(default_factory=list)
    nota: str = ""
    # Certificados y resoluciones: si hoy sigue en vigor (la nota dice por qué).
    # None para los documentos que no tienen vigencia (constancias).
    vigente: bool | None = None


Buscador = Callable[[str], DocumentoVerificado | None]
_BUSCADORES: list[Buscador] = []


def registrar_buscador(buscador: Buscador) -> Buscador:
    if buscador not in _BUSCADORES:
        _BUSCADORES.append(buscador)
    return buscador


def url_de_verificacion(codigo: str) -> str:
    """La dirección absoluta de /verificar/<codigo>/ (la que lleva el QR)."""
    return settings.PORTAL_URL + reverse("verificar", kwargs={"codigo": codigo})


def normalizar_codigo(codigo: str) -> str:
    """Mayúsculas, sin espacios ni guiones: como se dicta por teléfono."""
    return re.sub(r"[\s\-]", "", str(codigo or "")).upper()[:40]


def buscar(codigo: str) -> DocumentoVerificado | None:
    codigo = normalizar_codigo(codigo)
    if not codigo:
        return None
    for buscador in _BUSCADORES:
        documento = buscador(codigo)
        if documento is not None:
            return documento
    return None


def enmascarar(documento: str) -> str:
    documento = str(documento or "")
    return (
        documento
        if len(documento) <= 4
        else "•" * (len(documento) - 4) + documento[-4:]
    )


@registrar_buscador
def buscar_constancia(codigo: str) -> DocumentoVerificado | None:
    solicitud = (
        Solicitud.objects.radicadas()
        .select_related("tramite")
        .filter(codigo_verificacion=codigo)
        .first()
    )
    if solicitud is None:
        return None
    return DocumentoVerificado(
        tipo="Constancia de radicación",
        titulo=solicitud.radicado,
        codigo=solicitud.codigo_verificacion,
        filas=[
            ("Trámite", solicitud.tramite.nombre),
            ("Radicado", solicitud.radicado),
            ("Fecha y hora de radicación", fecha_hora(solicitud.radicado_en)),
            ("Solicitante", solicitud.nombre_solicitante),
            ("Documento del solicitante", enmascarar(solicitud.documento)),
            ("Estado actual", solicitud.get_estado_display()),
            ("Fecha máxima de respuesta", fecha_larga(solicitud.vence_el)),
        ],
        nota="La constancia prueba que la Alcaldía recibió la solicitud en esa fecha "
        "y hora; no es la decisión del trámite.",
    )
