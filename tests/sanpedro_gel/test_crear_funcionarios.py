import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from comunicaciones.models import Funcionario, Vinculacion

pytestmark = pytest.mark.django_db

CABECERA = "nombres,apellidos,correo,cargo,dependencia,vinculacion,rol\n"
FILAS = [
    "Juan Camilo,Ochoa Mejía,JC.Ochoa@alcaldia.test,Profesional de Rentas,Secretaría de Hacienda,carrera administrativa,Revisor Hacienda",
    "Sandra,Posada,s.posada@alcaldia.test,Inspectora,Secretaría General y de Gobierno,Carrera Administrativa,revisor gobierno",
    "Natalia,Henao,n.henao@alcaldia.test,Comunicadora,Oficina de Comunicaciones,contratista,",
]


@pytest.fixture
def archivo(tmp_path):
    def escribir(*filas):
        ruta = tmp_path / "funcionarios.csv"
        ruta.write_text(CABECERA + "\n".join(filas) + "\n", encoding="utf-8")
        return str(ruta)

    return escribir


@pytest.fixture
def correr(capsys, django_capture_on_commit_callbacks):
    """Corre el comando ejecutando lo que agenda para después del commit."""

    def _correr(ruta):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("crear_funcionarios", ruta)
        salida = capsys.readouterr()
        return salida.out, salida.err

    return _correr


def test_crea_cuentas_sin_clave_con_rol_y_envia_el_enlace(archivo, correr):
    salida, _ = correr(archivo(*FILAS))

    assert "Creados: 3" in salida
    usuario = get_user_model().objects.get(email="jc.ochoa@alcaldia.test")
    assert not usuario.has_usable_password()
    assert usuario.is_staff
    assert list(usuario.groups.values_list("name", flat=True)) == ["Revisor Hacienda"]
    assert usuario.funcionario.vinculacion == Vinculacion.CARRERA_ADMINISTRATIVA
    sin_rol = get_user_model().objects.get(email="n.henao@alcaldia.test")
    assert not sin_rol.is_staff
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        ["jc.ochoa@alcaldia.test", "s.posada@alcaldia.test", "n.henao@alcaldia.test"]
    )


def test_el_enlace_del_correo_define_la_clave_y_permite_entrar_al_admin(
    archivo, correr, client
):
    correr(archivo(FILAS[0]))
    enlace = re.search(
        r"http://\S+/cuentas/clave/restablecer/\S+/", mail.outbox[0].body
    ).group(0)
    ruta = urlsplit(enlace).path
    respuesta = client.get(ruta)
    formulario = respuesta.url if respuesta.status_code == 302 else ruta
    client.post(
        formulario,
        {"password1": "Rentas-Municipales-26", "password2": "Rentas-Municipales-26"},
    )
    client.logout()
    respuesta = client.post(
        "/admin/login/?next=/admin/",
        {"username": "jc.ochoa@alcaldia.test", "password": "Rentas-Municipales-26"},
    )
    assert respuesta.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_volver_a_cargar_el_mismo_archivo_no_crea_nada_dos_veces(archivo, correr):
    ruta = archivo(*FILAS)
    correr(ruta)
    mail.outbox.clear()

    salida, _ = correr(ruta)

    assert "Creados: 0 · Actualizados: 0 · Sin cambios: 3" in salida
    assert Funcionario.objects.count() == 3
    assert get_user_model().objects.count() == 3
    assert mail.outbox == []


def test_informa_lo_actualizado(archivo, correr):
    correr(archivo(*FILAS))
    cambiada = (
        FILAS[2].replace("Comunicadora", "Jefe de prensa").rstrip(",")
        + ",Comunicaciones"
    )
    salida, _ = correr(archivo(FILAS[0], FILAS[1], cambiada))
    assert (
        "Actualizados: 1" in salida and "actualizado: n.henao@alcaldia.test" in salida
    )
    usuario = get_user_model().objects.get(email="n.henao@alcaldia.test")
    assert usuario.is_staff and usuario.groups.filter(name="Comunicaciones").exists()


def test_filas_malas_se_informan_con_su_linea_y_el_resto_carga(archivo, correr):
    salida, errores = correr(
        archivo(
            FILAS[0],
            "Sin,Correo,,Cargo,Hacienda,contratista,",
            "Mal,Vinculo,mal@alcaldia.test,Cargo,Hacienda,pasante,",
            "Rol,Raro,rol@alcaldia.test,Cargo,Hacienda,contratista,Superhéroe",
            FILAS[2],
        ),
    )
    assert "Creados: 2" in salida and "Con errores: 3" in salida
    assert "línea 3: El correo es obligatorio." in errores
    assert "línea 4: La vinculación «pasante» no existe" in errores
    assert "línea 5: El rol «Superhéroe» no existe" in errores
    assert Funcionario.objects.count() == 2


def test_cabecera_incompleta_es_un_error_claro(tmp_path):
    from django.core.management.base import CommandError

    ruta = tmp_path / "malo.csv"
    ruta.write_text("nombre,correo\nAna,ana@x.test\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Faltan columnas"):
        call_command("crear_funcionarios", str(ruta))


@pytest.mark.parametrize(
    ("codificacion", "bom"),
    [
        ("cp1252", b""),  # Excel es-CO: «CSV (delimitado por comas)», con «;»
        ("utf-8", b"\xef\xbb\xbf"),  # Excel: «CSV UTF-8», con «;» y BOM
        ("utf-8", b""),
    ],
)
def test_acepta_el_csv_como_lo_guarda_excel_en_espanol(
    tmp_path, correr, codificacion, bom
):
    texto = (
        "Nombres;Apellidos;Correo;Cargo;Dependencia;Vinculación;Rol\r\n"
        "María José;Muñoz Peña;MJ.Munoz@alcaldia.test;Técnica de Rentas;"
        "Secretaría de Hacienda;Carrera administrativa;Revisor Hacienda\r\n"
        ";;;;;;\r\n"
        "Néstor;Zuluaga;n.zuluaga@alcaldia.test;Inspector – turno nocturno;"
        "Secretaría General y de Gobierno;contratista;\r\n"
    )
    ruta = tmp_path / "directorio.csv"
    ruta.write_bytes(bom + texto.encode(codificacion))

    salida, errores = correr(str(ruta))

    assert "Creados: 2" in salida, errores
    maria = Funcionario.objects.get(correo="mj.munoz@alcaldia.test")
    assert (maria.nombres, maria.apellidos) == ("María José", "Muñoz Peña")
    assert maria.dependencia.nombre == "Secretaría de Hacienda"
    assert (
        Funcionario.objects.get(correo="n.zuluaga@alcaldia.test").cargo
        == "Inspector – turno nocturno"
    )
