"""Hora de los avisos y temas del plan: módulo puro, sin base de datos."""

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from django.utils import timezone

from capacitacion.reglas import (
    Regla,
    calcular_envio,
    describir_horario,
    describir_regla,
    temas_por_componente,
)
from tests.capacitacion.conftest import bogota


def test_la_invitacion_sale_siete_dias_antes_a_las_8_de_bogota():
    inicio = bogota(2026, 12, 15, 14, 30)

    envio = calcular_envio(inicio=inicio, dias_antes=7, hora=time(8, 0))

    assert envio == bogota(2026, 12, 8, 8, 0)
    assert envio.astimezone(UTC) == datetime(2026, 12, 8, 13, 0, tzinfo=UTC)


def test_se_cuenta_en_dias_de_bogota_aunque_el_inicio_venga_en_utc():
    # 2026-12-15 01:00 UTC es todavía el 14 de diciembre a las 20:00 en Bogotá.
    inicio = datetime(2026, 12, 15, 1, 0, tzinfo=UTC)

    envio = Regla(dias_antes=1).momento(inicio)

    assert envio == bogota(2026, 12, 13, 20, 0)


def test_la_zona_activa_no_cambia_la_hora_del_aviso():
    inicio = bogota(2026, 12, 15, 8, 0)
    with timezone.override(ZoneInfo("Europe/Madrid")):
        envio = calcular_envio(inicio=inicio, dias_antes=7, hora=time(8, 0))
    assert envio == bogota(2026, 12, 8, 8, 0)


def test_las_reglas_y_el_horario_se_leen_en_espanol():
    assert describir_regla(7, time(8, 0)) == "7 días antes a las 8:00"
    assert describir_regla(1, None) == "1 día antes, a la hora de inicio"
    assert (
        describir_horario(bogota(2026, 12, 15, 8, 0), bogota(2026, 12, 15, 12, 0))
        == "martes 15 de diciembre de 2026, de 8:00 a. m. a 12:00 m."
    )


def test_los_temas_se_agrupan_por_componente_del_plan():
    grupos = temas_por_componente([8, 1, 5, 2])
    assert [c for c, _ in grupos] == ["Institucional", "Tecnológico", "Demanda"]
    assert grupos[0][1][0].startswith("1. Barreras normativas")
