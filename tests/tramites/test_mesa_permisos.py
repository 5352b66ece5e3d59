"""Permisos por rol en cada URL de la mesa de revisión y del registro ICA en el
admin: Hacienda trabaja ICA, Gobierno horarios, el Líder GEL lee todo y los
demás roles no ven nada; escribir la URL a mano no salta la regla."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import ContribuyenteFactory, EstablecimientoFactory
from tests.tramites.ayudas import PDF
from tests.tramites.mesa import datos_horario, radicada
from tramites.models import Adjunto, Estado, Solicitud, TipoTramite

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("definicion_mesa", "ciiu")]

ACCIONES = [
    "asignarme",
    "iniciar_revision",
    "subsanacion",
    "aprobar",
    "rechazar",
    "prorrogar",
]


@pytest.fixture
def solicitudes(ciudadano):
    ica = radicada(ciudadano)
    bar = EstablecimientoFactory()
    horario = radicada(
        ciudadano, datos_horario(bar), tipo=TipoTramite.AMPLIACION_HORARIO
    )
    for solicitud in (ica, horario):
        Adjunto.objects.create(
            solicitud=solicitud,
            archivo=SimpleUploadedFile("rut.pdf", PDF),
            nombre_original="rut.pdf",
            tipo_contenido="application/pdf",
            tamano=15,
            sha256="0" * 64,
        )
    return {"ica": ica, "horario": horario}


def urls_de(solicitud):
    adjunto = solicitud.adjuntos.get()
    urls = {
        "detalle": reverse("admin:tramites_solicitud_change", args=[solicitud.pk]),
        "adjunto": reverse("tramites:adjunto", args=[adjunto.pk]),
    }
    for accion in ACCIONES:
        urls[accion] = reverse(
            f"admin:tramites_solicitud_{accion}", args=[solicitud.pk]
        )
    return urls


GENERALES = {
    "bandeja": ("admin:tramites_solicitud_changelist", []),
    "csv": ("admin:tramites_solicitud_exportar", ["csv"]),
    "xlsx": ("admin:tramites_solicitud_exportar", ["xlsx"]),
    "tablero": ("admin:tramites_solicitud_tablero", []),
    "contribuyentes": ("admin:tramites_contribuyente_changelist", []),
    "establecimientos": ("admin:tramites_establecimiento_changelist", []),
    "actividades": ("admin:tramites_actividadcontribuyente_changelist", []),
    "calificaciones": ("admin:tramites_calificacion_changelist", []),
    "exportaciones": ("admin:tramites_exportacionbandeja_changelist", []),
}


REVISOR = {
    **dict.fromkeys(GENERALES, 200),
    "tablero": 403,
    "calificaciones": 403,
    "exportaciones": 403,
}


@pytest.mark.parametrize(
    "persona, esperado",
    [
        ("revisor_hacienda", REVISOR),
        ("revisor_gobierno", REVISOR),
        ("lider_gel", dict.fromkeys(GENERALES, 200)),
        ("encargado_comunicaciones", dict.fromkeys(GENERALES, 403)),
        ("administrador_web", dict.fromkeys(GENERALES, 403)),
        ("administrador_herramienta", dict.fromkeys(GENERALES, 403)),
        ("funcionario_sin_permisos", dict.fromkeys(GENERALES, 403)),
    ],
)
def test_urls_generales_por_rol(client, request, persona, esperado, solicitudes):
    client.force_login(request.getfixturevalue(persona))
    for nombre, (url, args) in GENERALES.items():
        respuesta = client.get(reverse(url, args=args))
        assert respuesta.status_code == esperado[nombre], (persona, nombre)


def test_el_ciudadano_no_entra_al_admin(client, ciudadano, solicitudes):
    client.force_login(ciudadano)
    urls = urls_de(solicitudes["ica"])
    urls.pop("adjunto")  # es suyo: lo descarga por el portal
    for url in urls.values():
        respuesta = client.get(url)
        assert respuesta.status_code == 302 and "/admin/login/" in respuesta["Location"]


# (persona, trámite) → código esperado en el detalle, el adjunto y las acciones.
CASOS = [
    ("revisor_hacienda", "ica", 200, 200),
    # Una solicitud de otra dependencia responde como una que no existe.
    ("revisor_hacienda", "horario", 404, 404),
    ("revisor_gobierno", "ica", 404, 404),
    ("revisor_gobierno", "horario", 200, 200),
    ("lider_gel", "ica", 200, 403),
    ("lider_gel", "horario", 200, 403),
    ("encargado_comunicaciones", "ica", 404, 404),
    ("administrador_web", "horario", 404, 404),
    ("administrador_herramienta", "ica", 404, 404),
    ("funcionario_sin_permisos", "horario", 404, 404),
]


@pytest.mark.parametrize("persona, tramite, ver, decidir", CASOS)
def test_urls_de_una_solicitud_por_rol(
    client, request, persona, tramite, ver, decidir, solicitudes
):
    usuario = request.getfixturevalue(persona)
    client.force_login(usuario)
    solicitud = solicitudes[tramite]
    urls = urls_de(solicitud)
    assert client.get(urls["detalle"]).status_code == ver
    # La descarga del adjunto es la vista común: a quien no ve, 404.
    assert client.get(urls["adjunto"]).status_code == (200 if ver == 200 else 404)
    for accion in ACCIONES:
        assert client.get(urls[accion]).status_code == decidir, accion
    # Enviar el formulario a mano tampoco sirve a quien no decide.
    if decidir != 200:
        for accion in ACCIONES:
            respuesta = client.post(
                urls[accion], {"estado_visto": "RADICADO", "asignado_visto": ""}
            )
            assert respuesta.status_code == decidir, accion
        solicitud.refresh_from_db()
        assert solicitud.estado == Estado.RADICADO
        assert solicitud.asignado_a is None


def test_gobierno_no_distingue_una_solicitud_de_hacienda_de_una_que_no_existe(
    client, revisor_gobierno, solicitudes
):
    client.force_login(revisor_gobierno)
    existente = solicitudes["ica"].pk
    inexistente = Solicitud.objects.order_by("-pk").first().pk + 1000
    for pk in (existente, inexistente, "abc", "99999999999999999999999"):
        url = f"/admin/tramites/solicitud/{pk}/change/"
        assert client.get(url).status_code == 404, pk


def test_parametros_que_no_son_un_id_no_dan_500(client, revisor_hacienda, solicitudes):
    client.force_login(revisor_hacienda)
    lista = reverse("admin:tramites_solicitud_changelist")
    for valor in ("999999999999999999999", "abc", "1e3", "-1", "٣"):
        respuesta = client.get(lista, {"asignada": valor})
        assert respuesta.status_code in (200, 302), valor
        if respuesta.status_code == 200:
            assert solicitudes["ica"].radicado not in respuesta.content.decode()


def test_guardar_el_formulario_del_admin_no_cambia_el_estado(
    client, revisor_hacienda, solicitudes
):
    client.force_login(revisor_hacienda)
    solicitud = solicitudes["ica"]
    respuesta = client.post(
        reverse("admin:tramites_solicitud_change", args=[solicitud.pk]),
        {"estado": "APROBADO", "asignado_a": revisor_hacienda.pk},
    )
    assert respuesta.status_code == 403
    assert Solicitud.objects.get(pk=solicitud.pk).estado == Estado.RADICADO
    for url in (
        reverse("admin:tramites_solicitud_add"),
        reverse("admin:tramites_solicitud_delete", args=[solicitud.pk]),
    ):
        assert client.get(url).status_code == 403


def test_un_borrador_no_aparece_en_la_mesa(client, revisor_hacienda, ciudadano):
    from tests.factories import SolicitudFactory

    borrador = SolicitudFactory(solicitante=ciudadano)
    client.force_login(revisor_hacienda)
    url = reverse("admin:tramites_solicitud_change", args=[borrador.pk])
    assert client.get(url).status_code == 404


def test_el_registro_es_de_solo_lectura_para_los_roles(client, revisor_hacienda):
    contribuyente = ContribuyenteFactory()
    client.force_login(revisor_hacienda)
    url = reverse("admin:tramites_contribuyente_change", args=[contribuyente.pk])
    respuesta = client.get(url)
    assert respuesta.status_code == 200
    assert 'name="_save"' not in respuesta.content.decode()
    respuesta = client.post(url, {"nombre": "Otro nombre"})
    assert respuesta.status_code == 403
    assert client.get(reverse("admin:tramites_contribuyente_add")).status_code == 403


def test_el_menu_del_admin_muestra_la_mesa_solo_a_quien_la_usa(
    client, revisor_gobierno, encargado_comunicaciones
):
    client.force_login(revisor_gobierno)
    assert "Solicitudes" in client.get(reverse("admin:index")).content.decode()
    client.force_login(encargado_comunicaciones)
    assert (
        "tramites/solicitud/" not in client.get(reverse("admin:index")).content.decode()
    )
