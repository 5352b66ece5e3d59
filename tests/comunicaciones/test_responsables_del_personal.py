"""Los «Responsable» del plan son cuentas del personal: ni el selector del admin
ofrece ciudadanos, ni el modelo acepta uno que llegue por otro camino."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from comunicaciones.models import Canal
from comunicaciones.services.tareas import asegurar_tarea
from tests.factories import CampanaFactory, PiezaFactory, UsuarioFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def exfuncionario(db):
    return UsuarioFactory(
        email="Pedro.Arango@alcaldia.test", is_staff=True, is_active=False
    )


def _opciones(respuesta, campo="responsable"):
    return set(respuesta.context["adminform"].form.fields[campo].queryset)


@pytest.mark.parametrize(
    "url",
    ["admin:comunicaciones_pieza_add", "admin:comunicaciones_campana_add"],
)
def test_el_selector_de_responsable_solo_lista_personal_activo(
    client, lider_gel, encargado_comunicaciones, ciudadano, exfuncionario, url
):
    client.force_login(lider_gel)
    opciones = _opciones(client.get(reverse(url)))
    assert {lider_gel, encargado_comunicaciones} <= opciones
    assert ciudadano not in opciones
    assert exfuncionario not in opciones


def test_reasignar_una_tarea_solo_ofrece_personal(
    client, lider_gel, encargado_comunicaciones, ciudadano
):
    pieza = PiezaFactory(canal=Canal.EMISORA, destinatarios="", responsable=lider_gel)
    tarea = asegurar_tarea(pieza)
    client.force_login(lider_gel)
    respuesta = client.get(
        reverse("admin:comunicaciones_tareadifusion_change", args=[tarea.pk])
    )
    opciones = _opciones(respuesta)
    assert encargado_comunicaciones in opciones
    assert ciudadano not in opciones


def test_una_pieza_con_un_ciudadano_de_responsable_no_pasa_la_validacion(
    ciudadano, lider_gel
):
    pieza = PiezaFactory.build(
        campana=CampanaFactory(responsable=lider_gel), responsable=ciudadano
    )
    with pytest.raises(ValidationError) as error:
        pieza.full_clean()
    assert "responsable" in error.value.message_dict


def test_una_campana_con_un_ciudadano_de_responsable_no_pasa_la_validacion(
    ciudadano,
):
    campana = CampanaFactory.build(responsable=ciudadano)
    with pytest.raises(ValidationError) as error:
        campana.full_clean()
    assert "responsable" in error.value.message_dict


def test_el_admin_rechaza_una_pieza_con_un_ciudadano_aunque_llegue_por_post(
    client, lider_gel, ciudadano
):
    campana = CampanaFactory(responsable=lider_gel)
    client.force_login(lider_gel)
    respuesta = client.post(
        reverse("admin:comunicaciones_pieza_add"),
        {
            "campana": campana.pk,
            "canal": Canal.AFICHES,
            "titulo": "Afiche de la inscripción en línea",
            "cuerpo": "Paso a paso.",
            "responsable": ciudadano.pk,
            "cantidad": "20",
        },
    )
    assert respuesta.status_code == 200
    assert "responsable" in respuesta.context["adminform"].form.errors
