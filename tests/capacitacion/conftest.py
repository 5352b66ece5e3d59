"""Utilidades de las pruebas de capacitación."""

from datetime import datetime, timedelta

import pytest

from capacitacion.services import despacho
from sanpedro_gel.reloj import BOGOTA


def bogota(*args) -> datetime:
    return datetime(*args, tzinfo=BOGOTA)


@pytest.fixture
def despachar(django_capture_on_commit_callbacks):
    """Corre el despacho ejecutando lo que encola tras confirmar (tareas en línea)."""

    def _despachar(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return despacho.ejecutar_despacho(**kwargs)

    return _despachar


@pytest.fixture
def en_linea(django_capture_on_commit_callbacks):
    """Ejecuta los on_commit (tareas encoladas) de lo que corra dentro."""

    def _en_linea():
        return django_capture_on_commit_callbacks(execute=True)

    return _en_linea


UNA_SEMANA = timedelta(days=7)
