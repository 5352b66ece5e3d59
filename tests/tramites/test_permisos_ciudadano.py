"""Un ciudadano jamás ve borradores, solicitudes ni archivos de otro: 404 en toda
URL con id, igual que si no existiera."""

import pytest
from django.urls import URLPattern, get_resolver, reverse

from tests import factories
from tests.tramites.ayudas import archivo
from tramites.services.adjuntos import adjuntar

pytestmark = pytest.mark.django_db


def rutas_con_id():
    """Todas las rutas del portal de trámites que llevan un id (`pk`)."""
    resolver = get_resolver()
    nombres = []
    for patron in resolver.url_patterns:
        if getattr(patron, "namespace", None) != "tramites":
            continue
        for subpatron in patron.url_patterns:
            if (
                isinstance(subpatron, URLPattern)
                and "pk" in subpatron.pattern.converters
            ):
                nombres.append((subpatron.name, subpatron.pattern.converters))
    return nombres


def test_la_lista_de_rutas_con_id_no_esta_vacia():
    nombres = {nombre for nombre, _ in rutas_con_id()}
    assert {
        "solicitud",
        "paso",
        "documentos",
        "revision",
        "confirmacion",
        "descartar",
        "constancia",
        "adjunto",
    } <= nombres


@pytest.mark.parametrize("radicada", [False, True], ids=["borrador", "radicada"])
def test_otro_ciudadano_recibe_404_en_toda_url_con_id(
    client,
    catalogo,
    ciudadano,
    otro_ciudadano,
    radicada,
    django_capture_on_commit_callbacks,
):
    solicitud = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"], solicitante=ciudadano
    )
    adjunto = adjuntar(
        solicitud=solicitud, requisito=catalogo["requisitos"]["rut"], archivo=archivo()
    )
    if radicada:
        type(solicitud).objects.filter(pk=solicitud.pk).update(
            estado="RADICADO",
            radicado="ICA-2026-000009",
            codigo_verificacion="ABCD2345",
        )
    client.force_login(otro_ciudadano)
    probadas = 0
    for nombre, convertidores in rutas_con_id():
        argumentos = {"pk": adjunto.pk if nombre == "adjunto" else solicitud.pk}
        if "clave" in convertidores:
            argumentos["clave"] = "contribuyente"
        if "documento_pk" in convertidores:
            argumentos["documento_pk"] = 1
        url = reverse(f"tramites:{nombre}", kwargs=argumentos)
        for metodo in (client.get, client.post):
            respuesta = metodo(url)
            assert respuesta.status_code in (404, 405), (url, respuesta.status_code)
            probadas += 1
    assert probadas >= 16
    solicitud.refresh_from_db()
    assert solicitud.adjuntos.count() == 1
