from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command

from sanpedro_gel.management.commands.ejecutar_periodicos import ProgramadorEnProceso

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sin_cerrar_la_conexion(monkeypatch):
    """El programador cierra las conexiones viejas tras cada trabajo (un proceso
    que corre días); dentro de la transacción de la prueba no se puede."""
    monkeypatch.setattr(
        "sanpedro_gel.management.commands.ejecutar_periodicos.close_old_connections",
        lambda: None,
    )


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


# --- El programador embebido no se muere ------------------------------------------


def test_una_espera_negativa_de_celery_no_tumba_el_ciclo():
    """Regresión: tras un trabajo lento, `tick()` devolvía una espera negativa y
    `time.sleep` lanzaba «sleep length must be non-negative»."""
    from sanpedro_gel.management.commands.ejecutar_periodicos import espera_segura

    assert espera_segura(-3.2) == 0
    assert espera_segura(None) == 1
    assert espera_segura(42) == 5
    assert espera_segura(0.5) == 0.5


def test_el_ciclo_sobrevive_a_cualquier_excepcion_del_programador():
    from sanpedro_gel.management.commands.ejecutar_periodicos import ciclo

    respuestas = iter([RuntimeError("tick roto"), -7.5, ValueError("otro"), 2.0])
    dormidas = []

    class Programador:
        def tick(self):
            respuesta = next(respuestas)
            if isinstance(respuesta, Exception):
                raise respuesta
            return respuesta

    vueltas = iter(range(4))
    ciclo(
        Programador(),
        seguir=lambda: next(vueltas, None) is not None,
        dormir=dormidas.append,
    )
    assert dormidas == [1.0, 0.0, 1.0, 2.0]


def _programador_con(nombre, tarea, cada):
    from sanpedro_gel.celery import app

    app.loader.import_default_modules()
    programador = ProgramadorEnProceso(app=app, schedule={}, lazy=True)
    programador.update_from_dict({nombre: {"task": tarea, "schedule": cada}})
    return programador


def test_un_trabajo_que_falla_queda_anotado_y_vuelve_en_un_minuto(settings):
    from celery.schedules import crontab

    from sanpedro_gel import periodicos
    from sanpedro_gel.models import EjecucionPeriodica

    programador = _programador_con(
        "limpiar-sesiones-vencidas",
        "sanpedro_gel.tasks.limpiar_sesiones_vencidas",
        crontab(hour=3, minute=15),
    )
    entrada = programador.schedule["limpiar-sesiones-vencidas"]
    with mock.patch(
        "sanpedro_gel.tasks.call_command", side_effect=RuntimeError("disco lleno")
    ):
        programador.apply_async(entrada)
    fila = EjecucionPeriodica.objects.get(nombre="limpiar-sesiones-vencidas")
    assert fila.fallas_seguidas == 1 and "disco lleno" in fila.ultimo_error
    assert fila.ultima_ok_en is None
    # Diario, pero debido otra vez en un minuto (no mañana a las 3:15).
    nueva = programador.schedule["limpiar-sesiones-vencidas"]
    debido, espera = programador.is_due(nueva)
    assert not debido and 0 < espera <= 60
    programador.reintentos[nueva.name] -= timedelta(minutes=2)
    assert programador.is_due(nueva)[0] is True
    assert [e.nombre for e in periodicos.con_problemas()] == [
        "limpiar-sesiones-vencidas"
    ]


def test_un_trabajo_que_corre_bien_queda_anotado():
    from sanpedro_gel.models import EjecucionPeriodica

    programador = _programador_con(
        "bandeja-de-salida", "sanpedro_gel.tasks.barrer_buzon", timedelta(minutes=1)
    )
    programador.apply_async(programador.schedule["bandeja-de-salida"])
    fila = EjecucionPeriodica.objects.get(nombre="bandeja-de-salida")
    assert fila.ultima_ok_en is not None and fila.fallas_seguidas == 0


def test_el_intervalo_de_cada_entrada_del_programa():
    from celery.schedules import crontab

    from sanpedro_gel.periodicos import intervalo

    assert intervalo(timedelta(minutes=10)) == timedelta(minutes=10)
    assert intervalo(crontab(hour=6, minute=30)) == timedelta(days=1)
    assert intervalo(crontab(minute=0)) == timedelta(hours=1)
    assert intervalo(crontab(hour=7, minute=0, day_of_week=1)) == timedelta(days=7)


def test_atrasado_es_mas_del_doble_del_intervalo_sin_correr_bien():
    from django.utils import timezone

    from sanpedro_gel import periodicos
    from sanpedro_gel.models import EjecucionPeriodica

    periodicos.asegurar_filas()
    ahora = timezone.now()
    EjecucionPeriodica.objects.update(ultima_ok_en=ahora)
    assert periodicos.con_problemas(ahora=ahora) == []
    # Un minuto de intervalo: a los 121 s sin correr está atrasado.
    tarde = ahora + timedelta(seconds=121)
    atrasados = {e.nombre for e in periodicos.estados(ahora=tarde) if e.atrasado}
    assert "bandeja-de-salida" in atrasados
    assert "limpiar-sesiones-vencidas" not in atrasados


def test_el_lider_gel_ve_en_el_admin_los_trabajos_atrasados(client, lider_gel):
    from django.utils import timezone

    from sanpedro_gel import periodicos
    from sanpedro_gel.models import EjecucionPeriodica

    periodicos.asegurar_filas()
    EjecucionPeriodica.objects.update(
        ultima_ok_en=timezone.now(), vigilado_desde=timezone.now()
    )
    client.force_login(lider_gel)
    assert (
        "Trabajos periódicos con problemas"
        not in client.get("/admin/").content.decode()
    )

    EjecucionPeriodica.objects.filter(nombre="bandeja-de-salida").update(
        ultima_ok_en=timezone.now() - timedelta(hours=1)
    )
    html = client.get("/admin/").content.decode()
    assert "Trabajos periódicos con problemas" in html
    assert "bandeja-de-salida" in html
    listado = client.get("/admin/sanpedro_gel/ejecucionperiodica/")
    assert listado.status_code == 200


def test_otro_funcionario_no_ve_el_aviso(client, revisor_hacienda):
    from django.utils import timezone

    from sanpedro_gel import periodicos
    from sanpedro_gel.models import EjecucionPeriodica

    periodicos.asegurar_filas()
    EjecucionPeriodica.objects.update(vigilado_desde=timezone.now() - timedelta(days=9))
    client.force_login(revisor_hacienda)
    html = client.get("/admin/").content.decode()
    assert "Trabajos periódicos con problemas" not in html
