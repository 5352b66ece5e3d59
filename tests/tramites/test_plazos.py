"""Términos en días hábiles: módulo puro, sin base de datos."""

from datetime import date

import pytest

from tramites import plazos


def test_el_9_de_julio_de_la_ley_2578_se_corre_al_lunes_13_en_2026():
    assert date(2026, 7, 13) in plazos.festivos(2026)
    assert not plazos.es_habil(date(2026, 7, 13))
    assert date(2027, 7, 12) in plazos.festivos(2027)
    assert len(plazos.festivos(2026)) == 19


def test_se_cuenta_desde_el_dia_siguiente():
    # Radicado el viernes 10 de julio de 2026: sábado, domingo y el festivo
    # del lunes 13 no cuentan; el primer día hábil es el martes 14.
    assert plazos.sumar_dias_habiles(date(2026, 7, 10), 1) == date(2026, 7, 14)


def test_quince_dias_habiles_atraviesan_el_festivo_de_julio_y_el_20():
    # 1 de julio (miércoles) + 15 días hábiles: se saltan los fines de semana,
    # el 13 de julio (Ley 2578) y el 20 de julio.
    assert plazos.sumar_dias_habiles(date(2026, 7, 1), 15) == date(2026, 7, 24)


def test_semana_santa_2026():
    # Jueves 2 y viernes 3 de abril de 2026 son festivos.
    assert plazos.sumar_dias_habiles(date(2026, 3, 31), 2) == date(2026, 4, 6)


def test_fin_de_ano_con_dia_no_habil_local():
    # Radicado el 23 de diciembre de 2026; 25 es festivo y el decreto municipal
    # suspende términos el 31.
    locales = {date(2026, 12, 31)}
    assert plazos.sumar_dias_habiles(date(2026, 12, 23), 5) == date(2026, 12, 31)
    assert plazos.sumar_dias_habiles(date(2026, 12, 23), 5, locales) == date(2027, 1, 4)


def test_dias_habiles_entre():
    assert plazos.dias_habiles_entre(date(2026, 7, 10), date(2026, 7, 24)) == 8
    assert plazos.dias_habiles_entre(date(2026, 7, 24), date(2026, 7, 10)) == -8
    assert plazos.dias_habiles_entre(date(2026, 7, 10), date(2026, 7, 10)) == 0


def test_cero_dias_es_el_mismo_dia_y_negativo_es_un_error():
    assert plazos.sumar_dias_habiles(date(2026, 7, 10), 0) == date(2026, 7, 10)
    with pytest.raises(ValueError):
        plazos.sumar_dias_habiles(date(2026, 7, 10), -1)


def test_dias_habiles_entre_coincide_con_contar_dia_por_dia():
    # El cálculo por semanas da lo mismo que recorrer cada día, también con
    # días locales, cambios de año y el festivo de la Ley 2578.
    from datetime import timedelta
    from random import Random

    azar = Random(2026)
    locales = {date(2026, 12, 31), date(2027, 3, 19), date(2026, 7, 15)}
    for _ in range(400):
        desde = date(2025, 6, 1) + timedelta(days=azar.randrange(900))
        hasta = desde + timedelta(days=azar.randrange(-60, 800))
        inicio, fin = sorted([desde, hasta])
        esperado = sum(
            1
            for n in range(1, (fin - inicio).days + 1)
            if plazos.es_habil(inicio + timedelta(days=n), locales)
        )
        signo = -1 if hasta < desde else 1
        assert plazos.dias_habiles_entre(desde, hasta, locales) == signo * esperado
