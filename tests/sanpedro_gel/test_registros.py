"""El registro de funciones que las apps de arriba inscriben en las de abajo
(sin base de datos)."""

from sanpedro_gel.registros import Registro


def primera():
    return 1


def segunda():
    return 2


def test_se_recorre_en_el_orden_en_que_se_inscribio_y_sin_repetir():
    registro = Registro()
    registro.registrar(segunda)
    registro.registrar(primera)
    registro.registrar(segunda)

    assert list(registro) == [segunda, primera]
    assert len(registro) == 2


def test_registrar_sirve_de_decorador_y_devuelve_la_funcion():
    registro = Registro()

    @registro.registrar
    def aporte():
        return "aporte"

    assert aporte() == "aporte"
    assert list(registro) == [aporte]


def test_inscribir_mientras_se_recorre_no_cambia_ese_recorrido():
    registro = Registro([primera])
    vistas = []
    for funcion in registro:
        vistas.append(funcion)
        registro.registrar(segunda)

    assert vistas == [primera]
    assert list(registro) == [primera, segunda]


def test_una_copia_parte_de_lo_inscrito_sin_tocar_el_original():
    original = Registro([primera])
    copia = Registro(original)
    copia.registrar(segunda)

    assert list(original) == [primera]
    assert list(copia) == [primera, segunda]
