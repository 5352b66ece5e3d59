from django.conf import settings


def portal(request):
    """Datos de la entidad para el encabezado, el pie y los avisos legales."""
    return {"entidad": settings.ENTIDAD, "portal_url": settings.PORTAL_URL}
