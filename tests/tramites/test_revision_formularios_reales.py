"""La mesa de revisión con los formularios reales de los trámites: lo radicado se
muestra con el resumen del formulario, y la subsanación usa el formulario del
paso pedido y el servicio de adjuntos."""

import pytest
from django.urls import reverse

from tests import factories
from tests.tramites.ayudas import EJECUTABLE, archivo, datos_inscripcion
from tramites import services
from tramites.models import AvisoPrivacidad, Contribuyente, Estado, Solicitud
from tramites.pasos import definicion_de
from tramites.services import revision
from tramites.services.adjuntos import adjuntar

pytestmark = pytest.mark.django_db


@pytest.fixture
def radicada_de_verdad(catalogo, ciudadano):
    solicitud = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"],
        solicitante=ciudadano,
        datos=datos_inscripcion(),
    )
    definicion = definicion_de(solicitud.tramite.tipo)
    for requisito in definicion.documentos_faltantes(solicitud):
        adjuntar(solicitud=solicitud, requisito=requisito, archivo=archivo())
    services.radicar_solicitud(
        solicitud_id=solicitud.pk,
        actor=ciudadano,
        aviso=AvisoPrivacidad.objects.get(),
    )
    return Solicitud.objects.get(pk=solicitud.pk)


def test_el_detalle_usa_el_resumen_del_formulario(
    client, radicada_de_verdad, revisor_hacienda
):
    client.force_login(revisor_hacienda)
    pagina = client.get(
        reverse("admin:tramites_solicitud_change", args=[radicada_de_verdad.pk])
    ).content.decode()
    resumen = definicion_de(radicada_de_verdad.tramite.tipo).resumen(radicada_de_verdad)
    titulo, filas = resumen[0]
    assert f"<h3>{titulo}</h3>" in pagina
    etiqueta, valor = filas[0]
    assert etiqueta in pagina


def test_subsanar_con_el_formulario_del_paso_y_aprobar(
    client, catalogo, radicada_de_verdad, ciudadano, revisor_hacienda
):
    solicitud = radicada_de_verdad
    revision.iniciar_revision(solicitud_id=solicitud.pk, actor=revisor_hacienda)
    rut = catalogo["requisitos"]["rut"]
    revision.solicitar_subsanacion(
        solicitud_id=solicitud.pk,
        actor=revisor_hacienda,
        requisitos={rut.pk: "El RUT adjunto no es legible."},
        pasos={"contribuyente": ("Contribuyente", "Corrija el correo electrónico.")},
    )
    solicitud.refresh_from_db()
    subsanacion = solicitud.subsanaciones.get()
    documento = subsanacion.items.get(paso="")

    client.force_login(ciudadano)
    url = reverse("tramites:subsanar", args=[solicitud.pk])
    pagina = client.get(url).content.decode()
    assert 'name="paso-contribuyente-correo"' in pagina
    assert "El RUT adjunto no es legible." in pagina

    formulario = definicion_de(solicitud.tramite.tipo).formulario(
        "contribuyente", solicitud
    )
    formulario.prefix = "paso-contribuyente"
    datos = formulario.datos_a_post(solicitud.datos["contribuyente"])
    datos["paso-contribuyente-correo"] = "escriba-bien"
    datos[f"item_{documento.pk}"] = archivo("rut.pdf", EJECUTABLE)
    pagina = client.post(url, datos).content.decode()
    # Los dos errores a la vez: el del formulario real y el del archivo.
    assert "no es un PDF, JPG o PNG" in pagina
    assert 'value="escriba-bien"' in pagina
    assert Solicitud.objects.get(pk=solicitud.pk).estado == Estado.REQUIERE_SUBSANACION

    datos["paso-contribuyente-correo"] = "tesoreria@elordeno.test"
    datos[f"item_{documento.pk}"] = archivo("rut-legible.pdf")
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 302
    solicitud.refresh_from_db()
    assert solicitud.estado == Estado.EN_REVISION
    assert solicitud.datos["contribuyente"]["correo"] == "tesoreria@elordeno.test"
    rut_vigente = solicitud.adjuntos.get(requisito=rut, vigente=True)
    assert rut_vigente.nombre_original == "rut-legible.pdf"
    assert solicitud.adjuntos.filter(requisito=rut, vigente=False).count() == 1

    # El detalle del ciudadano ya no pide nada; tras aprobar ofrece el certificado.
    detalle = client.get(
        reverse("tramites:solicitud", args=[solicitud.pk])
    ).content.decode()
    assert "Completar mi solicitud" not in detalle
    revision.aprobar(solicitud_id=solicitud.pk, actor=revisor_hacienda)
    contribuyente = Contribuyente.objects.get(numero_documento="900123456")
    assert contribuyente.correo == "tesoreria@elordeno.test"
    detalle = client.get(
        reverse("tramites:solicitud", args=[solicitud.pk])
    ).content.decode()
    assert "Descargar certificado de inscripción" in detalle
    assert "Califique el trámite" in detalle


def test_el_detalle_del_ciudadano_lo_invita_a_completar(
    client, catalogo, radicada_de_verdad, ciudadano, revisor_hacienda
):
    revision.iniciar_revision(
        solicitud_id=radicada_de_verdad.pk, actor=revisor_hacienda
    )
    revision.solicitar_subsanacion(
        solicitud_id=radicada_de_verdad.pk,
        actor=revisor_hacienda,
        requisitos={catalogo["requisitos"]["rut"].pk: "Adjunte el RUT de 2026."},
    )
    client.force_login(ciudadano)
    detalle = client.get(
        reverse("tramites:solicitud", args=[radicada_de_verdad.pk])
    ).content.decode()
    assert "Adjunte el RUT de 2026." in detalle
    assert reverse("tramites:subsanar", args=[radicada_de_verdad.pk]) in detalle
