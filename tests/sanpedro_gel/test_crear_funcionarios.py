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

    assert "3 creados" in salida
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

    assert "0 creados, 0 actualizados, 3 sin cambios, 0 rechazados" in salida
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
    assert "1 actualizado," in salida and "actualizado: n.henao@alcaldia.test" in salida
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
    assert "2 creados, 0 actualizados, 0 sin cambios, 3 rechazados" in salida
    assert "Línea 3: el correo es obligatorio." in errores
    assert "Línea 4: la vinculación «pasante» no existe" in errores
    assert "Línea 5: el rol «Superhéroe» no existe" in errores
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

    assert "2 creados" in salida, errores
    maria = Funcionario.objects.get(correo="mj.munoz@alcaldia.test")
    assert (maria.nombres, maria.apellidos) == ("María José", "Muñoz Peña")
    assert maria.dependencia.nombre == "Secretaría de Hacienda"
    assert (
        Funcionario.objects.get(correo="n.zuluaga@alcaldia.test").cargo
        == "Inspector – turno nocturno"
    )


# --- El directorio como lo guarda Excel en español, con sus tropiezos ---------------

DIRECTORIO_EXCEL = (
    "Nombres;Apellidos;Correo electrónico;Cargo;Dependencia;Vinculación;Rol\r\n"
    "Ana María;Ruiz Martínez;Ana.Ruiz@x.co;Profesional de Gestión Documental;"
    "Secretaría General y de Gobierno;Carrera administrativa;\r\n"
    "Jorge Iván;Martínez Gómez;JI.Martinez@X.co;Técnico de Rentas;"
    "Secretaría de Hacienda;contratista;Revisor Hacienda\r\n"
    ";;;;\r\n"
    "Ana;Ruiz;ana.ruiz@x.co;Auxiliar;Oficina de Comunicaciones;contratista;\r\n"
    "Luz Dary;Gómez Peña;L.Gomez@x.co;Comunicadora;Oficina de Comunicaciones;"
    "Contratista;Comunicaciones\r\n"
    "Pedro;Sin Correo;;Conductor;Secretaría de Hacienda;contratista;\r\n"
    "Óscar;Martínez;o.martinez@x.co;Secretario de Gestión del Riesgo;"
    "Oficina de Gestión del Riesgo;Equipo de gobierno;\r\n"
)


@pytest.fixture
def directorio_excel(tmp_path):
    ruta = tmp_path / "directorio.csv"
    ruta.write_bytes(DIRECTORIO_EXCEL.encode("cp1252"))
    return str(ruta)


def _escrituras(consultas) -> list[str]:
    return [
        c["sql"]
        for c in consultas
        if c["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def test_el_directorio_de_excel_carga_cuatro_y_rechaza_con_su_linea(
    directorio_excel, correr
):
    salida, errores = correr(directorio_excel)

    assert "4 creados, 0 actualizados, 0 sin cambios, 2 rechazados" in salida
    assert (
        "Línea 5: el correo ana.ruiz@x.co ya está en la línea 2; se omitió." in errores
    )
    assert "Línea 7: el correo es obligatorio." in errores
    assert "Línea 4" not in errores  # la fila en blanco no es un error
    assert sorted(Funcionario.objects.values_list("correo", flat=True)) == [
        "ana.ruiz@x.co",
        "ji.martinez@x.co",
        "l.gomez@x.co",
        "o.martinez@x.co",
    ]
    ana = Funcionario.objects.get(correo="ana.ruiz@x.co")
    assert (ana.nombres, ana.apellidos, ana.cargo) == (
        "Ana María",
        "Ruiz Martínez",
        "Profesional de Gestión Documental",
    )
    assert ana.dependencia.nombre == "Secretaría General y de Gobierno"
    assert get_user_model().objects.count() == 4
    assert len(mail.outbox) == 4


def test_cargar_otra_vez_el_directorio_de_excel_no_escribe_nada(
    directorio_excel, correr
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    correr(directorio_excel)
    mail.outbox.clear()

    with CaptureQueriesContext(connection) as consultas:
        salida, errores = correr(directorio_excel)

    assert "0 creados, 0 actualizados, 4 sin cambios, 2 rechazados" in salida
    assert "Línea 5: el correo ana.ruiz@x.co ya está en la línea 2" in errores
    assert _escrituras(consultas) == []
    assert mail.outbox == []
    assert Funcionario.objects.count() == 4


def test_el_resumen_dice_singular_y_plural(archivo, correr):
    salida, _ = correr(archivo(FILAS[0]))
    assert "1 creado, 0 actualizados, 0 sin cambios, 0 rechazados" in salida

    salida, _ = correr(archivo(FILAS[0].replace("Rentas", "Catastro"), FILAS[1]))
    assert "1 creado, 1 actualizado, 0 sin cambios, 0 rechazados" in salida

    salida, _ = correr(archivo(FILAS[0], "Sin,Correo,,Cargo,Hacienda,contratista,"))
    assert "0 creados, 1 actualizado, 0 sin cambios, 1 rechazado" in salida


def test_la_cuenta_y_el_funcionario_con_el_correo_en_otras_mayusculas_se_actualizan(
    archivo, correr
):
    from allauth.account.models import EmailAddress

    from comunicaciones.models import Dependencia

    usuario = get_user_model()(email="JC.Ochoa@Alcaldia.test", first_name="Juan")
    usuario.set_unusable_password()
    usuario.save()
    EmailAddress.objects.create(
        user=usuario, email="JC.Ochoa@Alcaldia.test", verified=True, primary=True
    )
    Funcionario.objects.create(
        nombres="Juan",
        apellidos="Ochoa",
        correo="JC.Ochoa@Alcaldia.test",
        dependencia=Dependencia.objects.create(nombre="Secretaría de Hacienda"),
        vinculacion=Vinculacion.CONTRATISTA,
    )

    salida, errores = correr(archivo(FILAS[0]))

    assert "0 creados, 1 actualizado, 0 sin cambios, 0 rechazados" in salida, errores
    assert get_user_model().objects.count() == 1
    assert Funcionario.objects.count() == 1
    assert EmailAddress.objects.count() == 1
    funcionario = Funcionario.objects.get()
    assert funcionario.usuario == usuario
    assert funcionario.vinculacion == Vinculacion.CARRERA_ADMINISTRATIVA
    assert mail.outbox == []

    salida, _ = correr(archivo(FILAS[0]))
    assert "0 creados, 0 actualizados, 1 sin cambios, 0 rechazados" in salida
