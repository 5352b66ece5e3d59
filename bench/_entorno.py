"""Arranque común de los scripts de medición: Django con una base de datos de
prueba desechable (la de DATABASE_URL con prefijo test_, o SQLite en memoria)."""

import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent


def iniciar_django():
    sys.path.insert(0, str(RAIZ))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanpedro_gel.settings")
    os.environ.setdefault(
        "PRIVATE_MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-privado-")
    )
    os.environ.setdefault("PORTAL_VAR_DIR", tempfile.mkdtemp(prefix="bench-var-"))
    import django

    django.setup()
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CELERY_TASK_ALWAYS_EAGER = True


@contextmanager
def base_de_pruebas():
    from django.test.utils import (
        setup_databases,
        setup_test_environment,
        teardown_databases,
        teardown_test_environment,
    )

    setup_test_environment()
    antiguas = setup_databases(verbosity=0, interactive=False)
    try:
        yield
    finally:
        teardown_databases(antiguas, verbosity=0)
        teardown_test_environment()


def percentil(valores, p):
    ordenados = sorted(valores)
    indice = max(0, min(len(ordenados) - 1, round(p / 100 * len(ordenados) + 0.5) - 1))
    return ordenados[indice]
