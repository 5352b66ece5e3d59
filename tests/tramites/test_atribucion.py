"""Atribución: «¿Cómo se enteró?» y la etiqueta `origen` del enlace de campaña,
conservada a través del registro y el ingreso hasta la radicación."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from tests import factories
from tests.tramites.ayudas import datos_inscripcion
from tramites.middleware import limpiar_origen
from tramites.models import Adjunto, AvisoPrivacidad, Solicitud

pytestmark = pytest.mark.django_db

CLAVE = "Quesillo-Con-Bocadillo-2026"


def test_la_etiqueta_se_limpia():
    assert limpiar_origen("  Afiche Café Internet #3 ") == "afiche-caf-internet-3"
    assert limpiar_origen("x" * 100) == "x" * 60
    assert limpiar_origen("<script>") == "script"


def completar_y_radicar(client, solicitud, catalogo):
    solicitud.datos = datos_inscripcion()
    solicitud.save()
    for requisito in ("rut", "cedula", "camara"):
        Adjunto.objects.create(
            solicitud=solicitud,
            requisito=catalogo["requisitos"][requisito],
            archivo="adjuntos/x.pdf",
            nombre_original="x.pdf",
            tipo_contenido="application/pdf",
            tamano=10,
            sha256="0" * 64,
        )
    return client.post(
        reverse("tramites:revision", args=[solicitud.pk]),
        {
            "aviso": AvisoPrivacidad.objects.get().pk,
            "acepta_aviso": "on",
            "como_se_entero": "AFICHE",
        },
    )


def test_el_origen_sobrevive_al_registro_y_al_ingreso(client, catalogo):
    ficha = reverse("tramites:ficha", args=[catalogo["inscripcion"].slug])
    client.get(ficha + "?origen=afiche-parque-principal")

    client.post(
        reverse("account_signup"),
        {"email": "rosa.arango@correo.test", "password1": CLAVE, "password2": CLAVE},
    )
    enlace = re.search(
        r"https?://\S+/cuentas/confirmar-correo/\S+/", mail.outbox[-1].body
    )
    client.post(urlsplit(enlace.group(0)).path)
    respuesta = client.post(
        reverse("account_login"),
        {"login": "rosa.arango@correo.test", "password": CLAVE},
    )
    assert respuesta.status_code == 302

    client.post(reverse("tramites:iniciar", args=[catalogo["inscripcion"].slug]))
    solicitud = Solicitud.objects.get(solicitante__email="rosa.arango@correo.test")
    assert solicitud.origen == "afiche-parque-principal"
    completar_y_radicar(client, solicitud, catalogo)
    solicitud.refresh_from_db()
    assert solicitud.radicado
    assert (solicitud.origen, solicitud.como_se_entero) == (
        "afiche-parque-principal",
        "AFICHE",
    )


def test_el_ultimo_enlace_manda(client, ciudadano, catalogo):
    client.get("/?origen=emisora-mayo")
    client.get("/tramites/?origen=banner-portal")
    client.force_login(ciudadano)
    solicitud = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"], solicitante=ciudadano
    )
    completar_y_radicar(client, solicitud, catalogo)
    solicitud.refresh_from_db()
    assert solicitud.origen == "banner-portal"


def test_sin_sesion_se_usa_el_origen_guardado_en_el_borrador(
    client, ciudadano, catalogo
):
    solicitud = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"], solicitante=ciudadano, origen="correo-boletin"
    )
    client.force_login(ciudadano)
    completar_y_radicar(client, solicitud, catalogo)
    solicitud.refresh_from_db()
    assert solicitud.origen == "correo-boletin" and solicitud.como_se_entero == "AFICHE"
