# El catálogo de trámites de las pruebas de tramites, para la descarga por nginx.
from tests.tramites.conftest import catalogo  # noqa: F401
