"""Propiedades del ingreso y el registro de cuentas (allauth, Hypothesis): con
cualquier dato, nunca un 500; un registro válido guarda el correo como se
escribió, en minúsculas."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from hypothesis import given
from hypothesis import strategies as st

from tests import hipotesis as h

pytestmark = pytest.mark.django_db

ESTADOS_ADMITIDOS = (200, 302, 404, 429)

INGRESO = {"login": "maria.gomez@correo.test", "password": "clave", "remember": "on"}
REGISTRO = {
    "email": "nueva@correo.test",
    "password1": "Una clave larga de verdad 2026",
    "password2": "Una clave larga de verdad 2026",
}


@h.por_http()
@given(datos=h.datos_revueltos(INGRESO, extras=("next",)))
def test_ingresar_con_cualquier_dato_nunca_da_500(client, ciudadano, datos):
    cache.clear()
    respuesta = client.post("/cuentas/ingresar/", datos)
    assert respuesta.status_code in ESTADOS_ADMITIDOS
    client.logout()


@h.por_http()
@given(datos=h.datos_revueltos(REGISTRO, extras=("next",)))
def test_registrarse_con_cualquier_dato_nunca_da_500(client, datos):
    cache.clear()
    respuesta = client.post("/cuentas/registro/", datos)
    assert respuesta.status_code in ESTADOS_ADMITIDOS
    client.logout()


@h.por_http()
@given(datos=h.datos_revueltos({"email": "maria.gomez@correo.test"}))
def test_recuperar_la_clave_con_cualquier_dato_nunca_da_500(client, ciudadano, datos):
    cache.clear()
    respuesta = client.post("/cuentas/clave/recuperar/", datos)
    assert respuesta.status_code in ESTADOS_ADMITIDOS


@h.por_http()
@given(
    correo=h.correo,
    clave=st.text(st.characters(categories=("L", "N")), min_size=12, max_size=40),
)
def test_registro_valido_guarda_el_correo_en_minusculas(client, correo, clave):
    cache.clear()
    get_user_model().objects.all().delete()
    respuesta = client.post(
        "/cuentas/registro/",
        {"email": f" {correo} ", "password1": clave, "password2": clave},
    )
    if respuesta.status_code == 200:
        # Solo la validación de claves de Django puede rechazar (p. ej. «solo
        # números» o demasiado común).
        errores = respuesta.context["form"].errors
        assert set(errores) == {"password1"}, errores
        return
    assert respuesta.status_code == 302
    usuario = get_user_model().objects.get()
    assert usuario.email == correo.lower()
    client.logout()
