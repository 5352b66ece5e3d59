"""La jornada como evento de calendario (iCalendar, RFC 5545) para adjuntar a la
invitación: un clic y queda en la agenda del funcionario."""

from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings


def _texto(valor: str) -> str:
    return (
        valor.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _utc(momento: datetime) -> str:
    return momento.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def evento_ics(jornada, *, secuencia: int = 0, cancelado: bool = False) -> bytes:
    """El VEVENT de la jornada. Mismo UID siempre: un cambio de fecha (secuencia
    mayor) o una cancelación reemplazan el evento en la agenda, no lo duplican."""
    dominio = urlsplit(settings.PORTAL_URL).hostname or "portal"
    lineas = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Portal GEL//Capacitacion//ES",
        f"METHOD:{'CANCEL' if cancelado else 'PUBLISH'}",
        "BEGIN:VEVENT",
        f"UID:jornada-{jornada.pk}@{dominio}",
        f"SEQUENCE:{secuencia}",
        f"DTSTAMP:{_utc(jornada.actualizada_en)}",
        f"DTSTART:{_utc(jornada.inicio)}",
        f"DTEND:{_utc(jornada.fin)}",
        f"SUMMARY:{_texto(jornada.titulo)}",
        f"LOCATION:{_texto(jornada.lugar)}",
        f"DESCRIPTION:{_texto(jornada.descripcion)}",
        f"STATUS:{'CANCELLED' if cancelado else 'CONFIRMED'}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(lineas) + "\r\n").encode()
