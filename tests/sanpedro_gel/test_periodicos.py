from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command

from sanpedro_gel.management.commands.ejecutar_periodicos import ProgramadorEnProceso

pytestmark = pytest.mark.django_db


def test_una_vez_ejecuta_cada_trabajo_del_programa_de_beat(settings, capsys):
    with mock.patch("sanpedro_gel.tasks.call_command") as comando:
        call_command("ejecutar_periodicos", "--una-vez")
    comando.assert_called_once_with("clearsessions")
    salida = capsys.readouterr().out
    for nombre in settings.CELERY_BEAT_SCHEDULE:
        assert f"Ejecutando {nombre}" in salida


def test_el_programador_ejecuta_en_el_proceso_lo_que_vence():
    from sanpedro_gel.celery import app

    app.loader.import_default_modules()
    programador = ProgramadorEnProceso(app=app, schedule={}, lazy=True)
    programador.update_from_dict(
        {
            "limpiar": {
                "task": "sanpedro_gel.tasks.limpiar_sesiones_vencidas",
                "schedule": timedelta(seconds=1),
            }
        }
    )
    entrada = programador.schedule["limpiar"]
    entrada.last_run_at = entrada.default_now() - timedelta(seconds=5)
    with mock.patch("sanpedro_gel.tasks.call_command") as comando:
        programador.tick()
    comando.assert_called_once_with("clearsessions")


def test_un_trabajo_que_falla_no_detiene_el_programador():
    from sanpedro_gel.celery import app

    app.loader.import_default_modules()
    programador = ProgramadorEnProceso(app=app, schedule={}, lazy=True)
    programador.update_from_dict(
        {
            "limpiar": {
                "task": "sanpedro_gel.tasks.limpiar_sesiones_vencidas",
                "schedule": timedelta(seconds=1),
            }
        }
    )
    with mock.patch(
        "sanpedro_gel.tasks.call_command", side_effect=RuntimeError("falla")
    ):
        assert (
            programador.apply_async(programador.schedule["limpiar"], advance=False)
            is None
        )
