"""Códigos de verificación y la verificación pública de documentos (QR).

Cada documento que el portal expide lleva un código al azar sin 0/O ni 1/I (se
dicta por teléfono y se copia a mano) y un QR a /verificar/<código>/. Cada app
que expide documentos registra un buscador: una función que recibe el código
ya normalizado y devuelve un `DocumentoVerificado` o None. La vista prueba los
buscadores en orden, así una clase nueva de documento se suma sin tocarla:

    from sanpedro_gel.verificacion import DocumentoVerificado, registrar_buscador

    @registrar_buscador
    def buscar_resolucion(codigo): ...

Los buscadores se registran al importar su módulo desde `AppConfig.ready()`.
"""

import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sanpedro_gel.enlaces import url_del_portal
from sanpedro_gel.registros import Registro

ALFABETO_CODIGO = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


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
_BUSCADORES = Registro()
registrar_buscador = _BUSCADORES.registrar


def codigo_libre(*, longitud: int, modelos: Iterable) -> str:
    """Un código al azar de `longitud` caracteres que ningún `codigo_verificacion`
    de `modelos` usa todavía. Cada tabla tiene además su restricción única como
    respaldo ante dos generaciones simultáneas."""
    modelos = tuple(modelos)
    while True:
        codigo = "".join(secrets.choice(ALFABETO_CODIGO) for _ in range(longitud))
        if not any(
            modelo.objects.filter(codigo_verificacion=codigo).exists()
            for modelo in modelos
        ):
            return codigo


def url_de_verificacion(codigo: str) -> str:
    """La dirección absoluta de /verificar/<codigo>/ (la que lleva el QR)."""
    return url_del_portal("verificar", codigo=codigo)


def normalizar_codigo(codigo: str) -> str:
    """Mayúsculas, sin espacios ni guiones: como se dicta por teléfono."""
    return re.sub(r"[\s\-]", "", str(codigo or "")).upper()[:40]


def buscar(codigo: str) -> DocumentoVerificado | None:
    codigo = normalizar_codigo(codigo)
    # Un NUL (/verificar/%00/) haría fallar la consulta en PostgreSQL con un
    # 500; ningún código lo lleva.
    if not codigo or "\x00" in codigo:
        return None
    for buscador in _BUSCADORES:
        documento = buscador(codigo)
        if documento is not None:
            return documento
    return None


def enmascarar(documento: str) -> str:
    """43555111 → ••••5111: lo justo para que el titular reconozca su documento."""
    documento = str(documento or "")
    if len(documento) <= 4:
        return documento
    return "•" * (len(documento) - 4) + documento[-4:]
