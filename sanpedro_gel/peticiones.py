"""Datos de la petición HTTP que varias partes del portal necesitan igual."""

from django.conf import settings


def ip_del_cliente(request) -> str | None:
    """La IP del cliente, la misma para el bloqueo de ingresos y los registros.

    Sin proxies (`PROXIES_DE_CONFIANZA = 0`) es REMOTE_ADDR. Detrás de N
    proxies de confianza, cada uno agrega al final de X-Forwarded-For la IP que
    vio: se toma la N-ésima desde la derecha. Lo que el cliente haya escrito a
    la izquierda de esa cabecera se ignora, porque la puede falsificar.
    """
    proxies = settings.PROXIES_DE_CONFIANZA
    if proxies:
        reenviada = request.META.get("HTTP_X_FORWARDED_FOR", "")
        cadena = [ip.strip() for ip in reenviada.split(",") if ip.strip()]
        if len(cadena) >= proxies:
            return cadena[-proxies]
    return request.META.get("REMOTE_ADDR") or None
