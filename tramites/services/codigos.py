"""Códigos de verificación: de las solicitudes y de los documentos expedidos."""

import secrets

# Sin 0/O ni 1/I: el código se dicta por teléfono y se copia a mano.
ALFABETO_CODIGO = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def codigo_libre(*, longitud: int, modelos) -> str:
    """Un código al azar de `longitud` caracteres que ningún `codigo_verificacion`
    de `modelos` usa todavía. Cada tabla tiene además su restricción única como
    respaldo ante dos generaciones simultáneas."""
    while True:
        codigo = "".join(secrets.choice(ALFABETO_CODIGO) for _ in range(longitud))
        if not any(
            modelo.objects.filter(codigo_verificacion=codigo).exists()
            for modelo in modelos
        ):
            return codigo


def generar_codigo_verificacion() -> str:
    """Un código de 8 caracteres que no usa ninguna solicitud ni ningún documento.

    Una sola página (/verificar/<código>/) resuelve los dos, así que el código
    debe ser único entre ambas tablas.
    """
    from tramites.models import DocumentoExpedido, Solicitud

    return codigo_libre(longitud=8, modelos=(Solicitud, DocumentoExpedido))
