"""Comprobaciones de arranque del portal (`manage.py check`, `runserver`)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Warning, register


def _origen(url: str) -> tuple[str, str, int | None]:
    partes = urlsplit(url)
    puerto = partes.port or {"http": 80, "https": 443}.get(partes.scheme)
    return partes.scheme, (partes.hostname or "").lower(), puerto


@register()
def portal_url_coincide(app_configs=None, **kwargs):
    """PORTAL_URL (la de los correos, PDF y QR) debe ser la dirección con que se
    sirve el portal: si no, los enlaces que recibe el ciudadano no abren."""
    servido = settings.PORTAL_SERVIDO
    if not servido or _origen(servido) == _origen(settings.PORTAL_URL):
        return []
    return [
        Warning(
            f"PORTAL_URL es {settings.PORTAL_URL} pero el portal se sirve en "
            f"{servido}: los enlaces de los correos, los PDF y los QR apuntarán a "
            "otra dirección.",
            hint="Quite PORTAL_URL de .env para que `make run` la tome de HOST y "
            "PORT, o corríjala.",
            id="sanpedro_gel.W001",
        )
    ]
