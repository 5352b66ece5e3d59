"""Importar el catálogo CIIU y el registro ICA desde CSV: idempotente, filas malas
informadas por línea y el resto cargado."""

import pytest
from django.core.management import call_command

from tests import factories
from tramites.models import (
    ActividadCIIU,
    ActividadContribuyente,
    Contribuyente,
    Establecimiento,
)
from tramites.services.importacion import importar_ciiu, importar_registro_ica, leer_csv

pytestmark = pytest.mark.django_db

CABECERA = (
    "matricula,tipo_documento,numero_documento,digito_verificacion,naturaleza,nombre,"
    "regimen,direccion_notificacion,celular,correo,actividad_principal,"
    "actividades_secundarias,inscrito_el,establecimiento,direccion_establecimiento,"
    "zona,barrio_vereda,inicio_actividades,area_m2,empleados,avisos_tableros,aforo"
)


@pytest.fixture
def ciiu(db):
    for codigo in ("1040", "4722", "5630", "4711"):
        factories.ActividadCIIUFactory(codigo=codigo, descripcion=f"Actividad {codigo}")


def csv_registro(*filas):
    return "\n".join([CABECERA, *filas]) + "\n"


BUENA = (
    "ICA-000123,NIT,901245870,1,PERSONA_JURIDICA,Lácteos El Ordeño S.A.S.,ORDINARIO,"
    "Carrera 50 # 52-14,310 456 7890,Conta@ElOrdeno.test,1040,4722 4711,2019-03-01,"
    'Quesera El Ordeño,Vereda Santa Bárbara,RURAL,Santa Bárbara,20/02/2019,"320,5",14,sí,'
)
SEGUNDO_LOCAL = (
    "ICA-000123,NIT,901245870,1,PERSONA_JURIDICA,Lácteos El Ordeño S.A.S.,ORDINARIO,"
    "Carrera 50 # 52-14,3104567890,conta@elordeno.test,1040,4722 4711,2019-03-01,"
    "Punto de venta,Carrera 50 # 52-14,URBANA,Centro,2020-06-01,45,3,si,"
)
DV_MALO = (
    "ICA-000124,NIT,901245870,7,PERSONA_JURIDICA,Otra S.A.S.,ORDINARIO,Calle 1,,,"
    "1040,,2019-03-01,,,,,,,,,"
)
CIIU_INEXISTENTE = (
    "ICA-000125,CC,43555111,,PERSONA_NATURAL,Ana Gil,SIMPLE,Calle 2,,,9999,,2020-01-01"
    ",,,,,,,,,"
)
BAR = (
    "ICA-000098,CC,71222333,,PERSONA_NATURAL,Carlos Jaramillo,SIMPLE,Calle 51 # 50-10,"
    "3001234567,,5630,,2016-09-05,Bar La Fonda,Calle 51 # 50-10,URBANA,Centro,"
    "2016-09-01,140,6,si,80"
)


def test_carga_el_registro_y_reporta_las_filas_malas_por_linea(ciiu, tmp_path, capsys):
    archivo = tmp_path / "registro.csv"
    archivo.write_text(
        csv_registro(BUENA, DV_MALO, SEGUNDO_LOCAL, CIIU_INEXISTENTE, BAR)
    )
    call_command("importar_registro_ica", str(archivo))
    salida = capsys.readouterr()
    assert (
        "Línea 3: «digito_verificacion»: El dígito de verificación no corresponde"
        in salida.err
    )
    assert "Línea 5: La actividad CIIU 9999 no está en el catálogo." in salida.err
    assert "2 filas con errores" in salida.out

    ordeno = Contribuyente.objects.get(matricula="ICA-000123")
    assert (ordeno.numero_documento, ordeno.digito_verificacion) == ("901245870", "1")
    assert ordeno.celular == "3104567890" and ordeno.correo == "conta@elordeno.test"
    assert set(
        ActividadContribuyente.objects.filter(contribuyente=ordeno).values_list(
            "actividad_id", "principal"
        )
    ) == {("1040", True), ("4722", False), ("4711", False)}
    quesera = Establecimiento.objects.get(nombre_comercial="Quesera El Ordeño")
    assert str(quesera.area_m2) == "320.50" and quesera.zona == "RURAL"
    assert ordeno.establecimientos.count() == 2
    bar = Establecimiento.objects.get(nombre_comercial="Bar La Fonda")
    assert bar.aforo == 80 and bar.actividad_id == "5630"


def test_importar_dos_veces_no_cambia_nada(ciiu):
    filas = leer_csv(csv_registro(BUENA, SEGUNDO_LOCAL, BAR))
    primera = importar_registro_ica(filas)
    assert (primera.creados, primera.errores) == (3, [])
    versiones = Contribuyente.history.count() + Establecimiento.history.count()
    segunda = importar_registro_ica(filas)
    assert (segunda.creados, segunda.actualizados, segunda.sin_cambios) == (0, 0, 3)
    assert Contribuyente.history.count() + Establecimiento.history.count() == versiones
    assert Contribuyente.objects.count() == 2 and Establecimiento.objects.count() == 3


def test_un_cambio_en_el_archivo_actualiza_y_deja_version(ciiu):
    importar_registro_ica(leer_csv(csv_registro(BAR)))
    cambiado = BAR.replace(",80", ",95").replace(
        "Carlos Jaramillo", "Carlos M. Jaramillo"
    )
    resultado = importar_registro_ica(leer_csv(csv_registro(cambiado)))
    assert resultado.actualizados == 1
    bar = Contribuyente.objects.get(matricula="ICA-000098")
    assert bar.nombre == "Carlos M. Jaramillo"
    assert bar.establecimientos.get().aforo == 95
    assert bar.history.count() == 2


def test_el_mismo_documento_no_puede_quedar_activo_en_dos_matriculas(ciiu):
    otro = BAR.replace("ICA-000098", "ICA-000099")
    resultado = importar_registro_ica(leer_csv(csv_registro(BAR, otro)))
    assert resultado.errores == [
        (3, "El documento 71222333 ya está activo con la matrícula ICA-000098.")
    ]


def test_acepta_punto_y_coma_y_bom_de_excel(ciiu):
    contenido = "\ufeff" + csv_registro(BAR).replace(",", ";")
    resultado = importar_registro_ica(leer_csv(contenido.encode("utf-8")))
    assert resultado.creados == 1, resultado.errores


def test_importar_ciiu_es_idempotente_y_reporta_lineas(tmp_path, capsys):
    archivo = tmp_path / "ciiu.csv"
    archivo.write_text(
        "codigo,descripcion,seccion,permite_ampliacion_horario\n"
        "141,Cría de ganado bovino y bufalino,A,no\n"
        "5630,Expendio de bebidas alcohólicas,I,si\n"
        "56300,Código largo,I,no\n"
        "9200,Juegos de azar,Z,si\n"
    )
    call_command("importar_ciiu", str(archivo))
    salida = capsys.readouterr()
    assert "Línea 4: El código CIIU debe tener 4 dígitos" in salida.err
    assert "Línea 5: La sección CIIU es una letra de la A a la U." in salida.err
    assert ActividadCIIU.objects.get(codigo="0141").descripcion.startswith("Cría")
    assert ActividadCIIU.objects.get(codigo="5630").permite_ampliacion_horario
    resultado = importar_ciiu(leer_csv(archivo.read_bytes()))
    assert (resultado.creados, resultado.actualizados, resultado.sin_cambios) == (
        0,
        0,
        2,
    )


@pytest.mark.parametrize(
    ("separador", "codificacion", "bom"),
    [
        (";", "cp1252", b""),  # Excel es-CO: «CSV (delimitado por comas)»
        (";", "utf-8", b"\xef\xbb\xbf"),  # Excel: «CSV UTF-8»
        ("\t", "utf-8", b""),
    ],
)
def test_acepta_el_registro_como_lo_guarda_excel_en_espanol(
    ciiu, tmp_path, capsys, separador, codificacion, bom
):
    fila = BUENA.replace("Quesera El Ordeño", "Quesera “El Ordeño” – sede 2")
    lineas = [CABECERA, fila.replace(',"320,5",', ",320.5,")]
    texto = "\r\n".join(linea.replace(",", separador) for linea in lineas) + "\r\n"
    archivo = tmp_path / "registro.csv"
    archivo.write_bytes(bom + texto.encode(codificacion))

    call_command("importar_registro_ica", str(archivo))

    assert "1 creados" in capsys.readouterr().out
    ordeno = Contribuyente.objects.get(matricula="ICA-000123")
    assert ordeno.nombre == "Lácteos El Ordeño S.A.S."
    assert ordeno.establecimientos.get().nombre_comercial == (
        "Quesera “El Ordeño” – sede 2"
    )


def test_un_archivo_que_no_es_csv_se_rechaza_con_un_mensaje_claro(tmp_path):
    from django.core.management.base import CommandError

    archivo = tmp_path / "registro.xlsx"
    archivo.write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00")
    with pytest.raises(CommandError, match="no es un CSV"):
        call_command("importar_registro_ica", str(archivo))
