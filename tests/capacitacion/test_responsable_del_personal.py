"""El responsable de una jornada es una cuenta del personal."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import JornadaFactory, UsuarioFactory

pytestmark = pytest.mark.django_db


def test_el_selector_de_responsable_de_la_jornada_solo_lista_personal_activo(
    client, lider_gel, revisor_hacienda, ciudadano
):
    retirada = UsuarioFactory(email="luz.restrepo@alcaldia.test", is_staff=True)
    retirada.is_active = False
    retirada.save()
    client.force_login(lider_gel)
    respuesta = client.get(reverse("admin:capacitacion_jornada_add"))
    opciones = set(respuesta.context["adminform"].form.fields["responsable"].queryset)
    assert {lider_gel, revisor_hacienda} <= opciones
    assert ciudadano not in opciones
    assert retirada not in opciones


def test_una_jornada_con_un_ciudadano_de_responsable_no_pasa_la_validacion(
    ciudadano,
):
    jornada = JornadaFactory.build(responsable=ciudadano)
    with pytest.raises(ValidationError) as error:
        jornada.full_clean()
    assert "responsable" in error.value.message_dict
