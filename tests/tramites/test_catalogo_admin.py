"""Admin del catálogo: lo editan el Administrador web y el Líder GEL."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from tests import factories
from tramites.models import ActividadCIIU, AvisoPrivacidad

pytestmark = pytest.mark.django_db

PAGINAS = [
    "admin:tramites_tramite_changelist",
    "admin:tramites_tramite_add",
    "admin:tramites_actividadciiu_changelist",
    "admin:tramites_actividadciiu_importar",
    "admin:tramites_dianohabil_changelist",
    "admin:tramites_avisoprivacidad_changelist",
]


@pytest.mark.parametrize("persona", ["administrador_web", "lider_gel"])
def test_web_y_lider_gel_editan_el_catalogo(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    for nombre in PAGINAS:
        assert client.get(reverse(nombre)).status_code == 200, nombre


@pytest.mark.parametrize(
    "persona",
    ["revisor_hacienda", "encargado_comunicaciones", "funcionario_sin_permisos"],
)
def test_otros_roles_no_editan_el_catalogo(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    for nombre in PAGINAS:
        assert client.get(reverse(nombre)).status_code == 403, nombre


def test_la_ficha_se_edita_con_sus_normas_y_requisitos(client, administrador_web):
    tramite = factories.TramiteFactory()
    client.force_login(administrador_web)
    html = client.get(
        reverse("admin:tramites_tramite_change", args=[tramite.pk])
    ).content.decode()
    assert "normas-TOTAL_FORMS" in html and "requisitos-TOTAL_FORMS" in html


def test_importar_ciiu_desde_el_admin(client, administrador_web):
    client.force_login(administrador_web)
    archivo = SimpleUploadedFile(
        "ciiu.csv", b"codigo;descripcion\n5630;Expendio de bebidas\n12;Malo\n"
    )
    respuesta = client.post(
        reverse("admin:tramites_actividadciiu_importar"),
        {"archivo": archivo},
        follow=True,
    )
    html = respuesta.content.decode()
    assert "1 creados" in html and "Línea 3" in html
    assert ActividadCIIU.objects.filter(codigo="5630").exists()


def test_un_aviso_aceptado_no_se_reescribe_ni_se_borra(
    client, administrador_web, catalogo
):
    aviso = AvisoPrivacidad.objects.get()
    factories.SolicitudFactory(
        tramite=catalogo["inscripcion"], radicada=True, aviso_privacidad=aviso
    )
    client.force_login(administrador_web)
    url = reverse("admin:tramites_avisoprivacidad_change", args=[aviso.pk])
    html = client.get(url).content.decode()
    assert 'name="texto"' not in html
    assert (
        client.post(
            reverse("admin:tramites_avisoprivacidad_delete", args=[aviso.pk]),
            {"post": "yes"},
        ).status_code
        == 403
    )


@pytest.mark.parametrize("persona", ["administrador_web", "lider_gel"])
def test_la_ficha_enlaza_su_afiche_para_imprimir_en_cada_tamano(
    client, request, persona
):
    tramite = factories.TramiteFactory()
    client.force_login(request.getfixturevalue(persona))

    respuesta = client.get(reverse("admin:tramites_tramite_change", args=[tramite.pk]))

    assert respuesta.status_code == 200
    enlaces = {
        etiqueta: ruta
        for ruta, etiqueta in re.findall(
            r'<a href="([^"]+)"[^>]*>(Afiche para imprimir: [^<]+)</a>',
            respuesta.content.decode(),
        )
    }
    assert enlaces == {
        "Afiche para imprimir: carta (PDF)": reverse(
            "comunicaciones:afiche", kwargs={"slug": tramite.slug, "tamano": "carta"}
        ),
        "Afiche para imprimir: A4 (PDF)": reverse(
            "comunicaciones:afiche", kwargs={"slug": tramite.slug, "tamano": "a4"}
        ),
    }
    for ruta in enlaces.values():
        pdf = client.get(ruta)
        assert pdf.status_code == 200
        assert pdf["Content-Type"] == "application/pdf"
        assert len(PdfReader(io.BytesIO(pdf.content)).pages) == 1


def test_la_ficha_inactiva_no_enlaza_un_afiche_que_daria_404(client, lider_gel):
    tramite = factories.TramiteFactory(activo=False)
    client.force_login(lider_gel)

    respuesta = client.get(reverse("admin:tramites_tramite_change", args=[tramite.pk]))

    html = respuesta.content.decode()
    assert "Afiche para imprimir" not in html
    assert "Trámite inactivo: su afiche se publica cuando se active." in html
