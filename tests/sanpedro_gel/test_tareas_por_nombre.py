"""Los servicios encolan por el nombre de la tarea: cada nombre que usan existe."""

import re
from pathlib import Path

import pytest

from sanpedro_gel import tareas

RAIZ = Path(__file__).resolve().parents[2]


def _nombres_encolados():
    patron = re.compile(
        r'"((?:sanpedro_gel|tramites|comunicaciones|capacitacion)\.tasks\.\w+)"'
    )
    for app in ("sanpedro_gel", "tramites", "comunicaciones", "capacitacion"):
        for archivo in (RAIZ / app).rglob("*.py"):
            if "migrations" in archivo.parts:
                continue
            yield from patron.findall(archivo.read_text(encoding="utf-8"))


def test_cada_tarea_nombrada_en_el_codigo_existe():
    nombres = set(_nombres_encolados())
    assert "comunicaciones.tasks.enviar_lote" in nombres
    for nombre in nombres:
        assert tareas.tarea(nombre).name == nombre


def test_un_nombre_equivocado_falla_al_encolar_no_despues_del_commit():
    with pytest.raises(KeyError):
        tareas.encolar_al_confirmar("tramites.tasks.no_existe", 1)
