"""La cobertura de la capacitación por actividad, dependencia y vinculación,
contra un conjunto conocido de asistencias; quiénes faltan y el botón que los
convoca."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from capacitacion.models import Asistencia, Jornada
from capacitacion.services import cobertura
from comunicaciones.models import Vinculacion
from sanpedro_gel.roles import ADMINISTRADOR_HERRAMIENTA
from tests.factories import (
    DependenciaFactory,
    FuncionarioFactory,
    JornadaFactory,
    UsuarioFactory,
)

pytestmark = pytest.mark.django_db


def _persona(nombre, dependencia, vinculacion, *, admin=False, activo=True):
    usuario = None
    if admin:
        usuario = UsuarioFactory(email=f"{nombre.lower()}@alcaldia.test")
        usuario.groups.add(Group.objects.get(name=ADMINISTRADOR_HERRAMIENTA))
    return FuncionarioFactory(
        nombres=nombre,
        apellidos="Arango Úsuga",
        dependencia=dependencia,
        vinculacion=vinculacion,
        activo=activo,
        usuario=usuario,
    )


def _jornada(tipo, temas, estado="REALIZADA", dias=-10):
    inicio = timezone.now() + timedelta(days=dias)
    return JornadaFactory(
        tipo=tipo,
        temas=temas,
        estado=estado,
        inicio=inicio,
        fin=inicio + timedelta(hours=4),
        alcance="SELECCION",
    )


def _asistencia(jornada, funcionario, asistio):
    Asistencia.objects.create(
        jornada=jornada,
        funcionario=funcionario,
        invitado_en=jornada.inicio - timedelta(days=7),
        asistio_en=jornada.inicio if asistio else None,
        estado="ASISTIO" if asistio else "CONVOCADA",
    )


@pytest.fixture
def personal():
    hacienda = DependenciaFactory(nombre="Secretaría de Hacienda")
    gobierno = DependenciaFactory(nombre="Secretaría General y de Gobierno")
    v = Vinculacion
    p = {
        "ana": _persona("Ana", hacienda, v.CARRERA_ADMINISTRATIVA),
        "beto": _persona("Beto", hacienda, v.CONTRATISTA),
        "carla": _persona("Carla", gobierno, v.EQUIPO_GOBIERNO),
        "dario": _persona("Darío", gobierno, v.CARRERA_ADMINISTRATIVA),
        "eva": _persona("Eva", gobierno, v.CONTRATISTA, admin=True),
        "fabio": _persona("Fabio", hacienda, v.CARRERA_ADMINISTRATIVA, admin=True),
        "retirado": _persona("Gildardo", hacienda, v.CONTRATISTA, activo=False),
    }
    jornada = _jornada("CAPACITACION", [1, 2, 3, 4, 5, 6, 8])
    socializacion = _jornada("SOCIALIZACION", [9, 1])
    taller = _jornada("TALLER", [7])
    cancelada = _jornada("CAPACITACION", [1], estado="CANCELADA")
    for clave, asistio in (
        ("ana", True),
        ("beto", False),
        ("dario", True),
        ("retirado", True),
    ):
        _asistencia(jornada, p[clave], asistio)
    _asistencia(socializacion, p["carla"], True)
    _asistencia(taller, p["eva"], True)
    _asistencia(cancelada, p["beto"], True)
    return p


def _cifra(c):
    return (c.personal, c.convocados, c.asistieron, c.texto)


def test_cobertura_por_actividad_dependencia_y_vinculacion(personal):
    datos = cobertura.cobertura()
    actividad = {a.numero: a for a in datos.actividades}

    assert datos.personal == 6 and datos.administradores == 2
    assert actividad[1].jornadas == 2
    assert _cifra(actividad[1].total) == (6, 4, 3, "50 %")
    assert _cifra(actividad[2].total) == (6, 3, 2, "33 %")
    assert _cifra(actividad[7].total) == (2, 1, 1, "50 %")
    assert _cifra(actividad[9].total) == (6, 1, 1, "17 %")
    assert [(g, _cifra(c)) for g, c in actividad[1].por_dependencia] == [
        ("Secretaría de Hacienda", (3, 2, 1, "33 %")),
        ("Secretaría General y de Gobierno", (3, 2, 2, "67 %")),
    ]
    assert [(g, _cifra(c)) for g, c in actividad[1].por_vinculacion] == [
        ("Equipo de gobierno", (1, 1, 1, "100 %")),
        ("Carrera administrativa", (3, 2, 2, "67 %")),
        ("Contratista", (2, 1, 0, "0 %")),
    ]
    assert [(g, _cifra(c)) for g, c in actividad[7].por_dependencia] == [
        ("Secretaría de Hacienda", (1, 0, 0, "0 %")),
        ("Secretaría General y de Gobierno", (1, 1, 1, "100 %")),
    ]


def test_quienes_faltan_a_la_jornada_y_al_taller(personal):
    datos = cobertura.cobertura()

    assert {
        f.funcionario.nombres: f.actividades_texto for f in datos.faltan_jornada
    } == {
        "Beto": "1, 2, 3, 4, 5, 6, 8",
        "Carla": "2, 3, 4, 5, 6, 8",
        "Eva": "1, 2, 3, 4, 5, 6, 8",
        "Fabio": "1, 2, 3, 4, 5, 6, 8",
    }
    assert [f.funcionario.nombres for f in datos.faltan_taller] == ["Fabio"]


def test_las_consultas_no_crecen_con_las_jornadas(personal, django_assert_num_queries):
    with django_assert_num_queries(4):
        cobertura.cobertura()
    for _ in range(5):
        otra = _jornada("CAPACITACION", [1, 2])
        _asistencia(otra, personal["beto"], True)
    with django_assert_num_queries(4):
        cobertura.cobertura()


def test_el_boton_convoca_a_los_que_faltan_a_la_proxima_jornada(
    client, lider_gel, personal
):
    proxima = _jornada(
        "CAPACITACION", [1, 2, 3, 4, 5, 6, 8], estado="BORRADOR", dias=12
    )
    _jornada("CAPACITACION", [1], estado="BORRADOR", dias=30)
    client.force_login(lider_gel)
    url = reverse("admin:capacitacion_jornada_convocar_faltantes")

    pagina = client.get(reverse("admin:capacitacion_jornada_cobertura"))
    # También falta la Líder GEL (está en el directorio y no ha asistido).
    assert "Faltan a la jornada de capacitación (5)" in pagina.text
    assert f"Convocar a los que faltan a «{proxima.titulo}»" in pagina.text

    respuesta = client.post(url, {"a": "jornada"}, follow=True)
    assert "5 personas convocadas" in respuesta.text
    proxima.refresh_from_db()
    assert proxima.estado == "CONVOCADA"
    convocados = set(proxima.asistencias.values_list("funcionario__nombres", flat=True))
    assert convocados == {"Beto", "Carla", "Eva", "Fabio", "Luisa"}
    assert proxima.avisos.filter(tipo="INVITACION").count() == 1

    otra_vez = client.post(url, {"a": "jornada"}, follow=True)
    assert "0 personas convocadas" in otra_vez.text
    assert proxima.asistencias.count() == 5


def test_sin_proximo_taller_el_boton_lo_dice(client, lider_gel, personal):
    client.force_login(lider_gel)

    respuesta = client.post(
        reverse("admin:capacitacion_jornada_convocar_faltantes"),
        {"a": "taller"},
        follow=True,
    )

    assert "No hay un próximo taller técnico en borrador o convocado" in respuesta.text
    assert Jornada.objects.filter(estado="CONVOCADA").count() == 0


def test_exportar_la_cobertura_a_xlsx(admin_client, personal):
    respuesta = admin_client.get(
        reverse("admin:capacitacion_jornada_cobertura"), {"formato": "xlsx"}
    )

    libro = load_workbook(io.BytesIO(respuesta.content))
    assert libro.sheetnames == ["Cobertura", "Faltan a la jornada", "Faltan al taller"]
    filas = list(libro["Cobertura"].values)
    assert filas[0][:4] == ("Actividad", "Componente", "Grupo", "Valor")
    assert (
        "1. Barreras normativas locales: ajuste al Estatuto Tributario",
        "Institucional",
        "Total",
        "Todo el personal",
        6,
        4,
        3,
        50,
    ) in filas
    assert len(list(libro["Faltan a la jornada"].values)) == 5


def test_quien_no_ve_asistencias_no_ve_la_cobertura(client, encargado_comunicaciones):
    client.force_login(encargado_comunicaciones)
    assert (
        client.get(reverse("admin:capacitacion_jornada_cobertura")).status_code == 403
    )
