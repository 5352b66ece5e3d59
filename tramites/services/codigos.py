"""Códigos de verificación: de las solicitudes y de los documentos expedidos."""

import secrets

# Sin 0/O ni 1/I: el código se dicta por teléfono y se copia a mano.
ALFABETO_CODIGO = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def generar_codigo_verificacion() -> str:
    """Un código de 8 caracteres que no usa ninguna solicitud ni ningún documento.

    Una sola página (/verificar/<código>/) resuelve los dos, así que el código
    debe ser único entre ambas tablas; cada tabla tiene además su restricción
    única como respaldo ante dos generaciones simultáneas.
    """
    from tramites.models import DocumentoExpedido, Solicitud

    while True:
        codigo = "".join(secrets.choice(ALFABETO_CODIGO) for _ in range(8))
        if (
            not Solicitud.objects.filter(codigo_verificacion=codigo).exists()
            and not DocumentoExpedido.objects.filter(
                codigo_verificacion=codigo
            ).exists()
        ):
            return codigo
