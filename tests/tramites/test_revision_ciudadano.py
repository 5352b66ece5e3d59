"""Lo que el ciudadano hace durante la revisión: completar lo pedido, pedir un mes
más, descargar lo expedido y calificar el trámite."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import RequisitoFactory
from tests.tramites.ayudas import PDF
from tests.tramites.mesa import en_revision, momento
from tramites.models import Calificacion, DescargaArchivo, Estado, Solicitud
from tramites.services import revision

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("definicion_mesa", "ciiu")]


@pytest.fixture
def pedida(ciudadano, revisor_hacienda):
    solicitud = en_revision(ciudadano, revisor_hacienda)
    rut = RequisitoFactory(tramite=solicitud.tramite, nombre="RUT actualizado")
    RequisitoFactory(tramite=solicitud.tramite, nombre="Cédula del representante")
    revision.solicitar_subsanacion(
        solicitud_id=solicitud.pk,
        actor=revisor_hacienda,
        requisitos={rut.pk: "El RUT adjunto es de 2019."},
        pasos={"contribuyente": ("Datos del contribuyente", "Corrija el correo.")},
        observacion="Cualquier duda, llame a Hacienda.",
    )
    return Solicitud.objects.get(pk=solicitud.pk)


def campos(solicitud):
    subsanacion = solicitud.subsanaciones.get()
    documento = subsanacion.items.get(paso="")
    return subsanacion, documento


def test_la_pagina_muestra_exactamente_lo_pedido(client, ciudadano, pedida):
    client.force_login(ciudadano)
    pagina = client.get(reverse("tramites:subsanar", args=[pedida.pk])).content.decode()
    assert "RUT actualizado" in pagina and "El RUT adjunto es de 2019." in pagina
    assert "Datos del contribuyente" in pagina and "Corrija el correo." in pagina
    assert "Cualquier duda, llame a Hacienda." in pagina
    assert "Cédula del representante" not in pagina  # no se pidió
    assert 'name="paso-contribuyente-correo"' in pagina
    assert 'name="paso-registro_mercantil' not in pagina
    assert "Pedir un mes más" in pagina


def test_responder_devuelve_la_solicitud_a_revision(client, ciudadano, pedida):
    _, documento = campos(pedida)
    client.force_login(ciudadano)
    datos = {
        f"paso-contribuyente-{k}": v
        for k, v in pedida.datos["contribuyente"].items()
        if isinstance(v, str)
    }
    datos["paso-contribuyente-correo"] = "tesoreria@elordeno.test"
    datos[f"item_{documento.pk}"] = SimpleUploadedFile("rut-2026.pdf", PDF)
    datos["comentario"] = "Adjunto el RUT de 2026."
    respuesta = client.post(reverse("tramites:subsanar", args=[pedida.pk]), datos)
    assert respuesta.status_code == 302
    pedida.refresh_from_db()
    assert pedida.estado == Estado.EN_REVISION
    assert pedida.datos["contribuyente"]["correo"] == "tesoreria@elordeno.test"
    assert pedida.adjuntos.get(vigente=True).nombre_original == "rut-2026.pdf"
    assert pedida.subsanaciones.get().respuesta == "Adjunto el RUT de 2026."


def test_un_archivo_renombrado_se_rechaza_y_no_se_pierde_lo_escrito(
    client, ciudadano, pedida
):
    _, documento = campos(pedida)
    client.force_login(ciudadano)
    respuesta = client.post(
        reverse("tramites:subsanar", args=[pedida.pk]),
        {
            f"item_{documento.pk}": SimpleUploadedFile(
                "rut.pdf", b"MZ\x90\x00ejecutable"
            ),
            "paso-contribuyente-correo": "nuevo@correo.test",
            "comentario": "Mi comentario",
        },
    )
    pagina = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "<title>Error:" in pagina
    assert "no es un PDF, JPG o PNG" in pagina
    assert 'value="nuevo@correo.test"' in pagina
    assert "Mi comentario" in pagina
    assert Solicitud.objects.get(pk=pedida.pk).estado == Estado.REQUIERE_SUBSANACION


def test_otro_ciudadano_recibe_404(client, otro_ciudadano, pedida):
    client.force_login(otro_ciudadano)
    for nombre in ("subsanar", "calificar"):
        assert (
            client.get(reverse(f"tramites:{nombre}", args=[pedida.pk])).status_code
            == 404
        )
    assert (
        client.post(reverse("tramites:ampliar_plazo", args=[pedida.pk])).status_code
        == 404
    )


def test_pedir_un_mes_mas_desde_la_pagina(client, ciudadano, pedida):
    client.force_login(ciudadano)
    plazo = pedida.subsanaciones.get().plazo_hasta
    respuesta = client.post(
        reverse("tramites:ampliar_plazo", args=[pedida.pk]), follow=True
    )
    pagina = respuesta.content.decode()
    assert "Le concedimos un mes más" in pagina
    assert "Ya pidió la ampliación del plazo" in pagina
    assert pedida.subsanaciones.get().plazo_hasta > plazo
    respuesta = client.post(
        reverse("tramites:ampliar_plazo", args=[pedida.pk]), follow=True
    )
    assert "la ley la permite una sola vez" in respuesta.content.decode()


def test_descargar_el_documento_expedido(
    client, ciudadano, otro_ciudadano, revisor_hacienda, lider_gel
):
    solicitud = en_revision(ciudadano, revisor_hacienda)
    documento = revision.aprobar(solicitud_id=solicitud.pk, actor=revisor_hacienda)
    url = reverse("tramites:documento_expedido", args=[solicitud.pk, documento.pk])

    client.force_login(otro_ciudadano)
    assert client.get(url).status_code == 404
    client.force_login(ciudadano)
    respuesta = client.get(url)
    assert respuesta.status_code == 200
    assert b"".join(respuesta.streaming_content).startswith(b"%PDF")
    client.force_login(lider_gel)
    assert client.get(url).status_code == 200
    assert list(
        DescargaArchivo.objects.order_by("pk").values_list("usuario__email", "archivo")
    ) == [
        (ciudadano.email, "certificado_inscripcion"),
        (lider_gel.email, "certificado_inscripcion"),
    ]


def test_calificar_una_sola_vez_tras_la_decision(client, ciudadano, revisor_hacienda):
    solicitud = en_revision(ciudadano, revisor_hacienda)
    url = reverse("tramites:calificar", args=[solicitud.pk])
    client.force_login(ciudadano)
    assert client.get(url).status_code == 302  # aún no decidida
    revision.aprobar(solicitud_id=solicitud.pk, actor=revisor_hacienda)

    respuesta = client.post(url, {"comentario": "Sin puntaje"})
    pagina = respuesta.content.decode()
    assert "<title>Error:" in pagina and "Elija una calificación de 1 a 5." in pagina
    assert "Sin puntaje" in pagina

    respuesta = client.post(url, {"puntaje": "4", "comentario": "Rápido y claro."})
    assert respuesta.status_code == 302
    respuesta = client.post(
        url, {"puntaje": "1", "comentario": "Otra vez"}, follow=True
    )
    assert "Ya calificó este trámite" in respuesta.content.decode()
    calificacion = Calificacion.objects.get()
    assert (calificacion.puntaje, calificacion.comentario) == (4, "Rápido y claro.")


def test_verificar_un_documento_expedido_en_la_pagina_publica(
    client, ciudadano, revisor_hacienda, fijar_hoy
):
    fijar_hoy(momento(2026, 7, 10))
    solicitud = en_revision(ciudadano, revisor_hacienda)
    documento = revision.aprobar(solicitud_id=solicitud.pk, actor=revisor_hacienda)
    codigo = documento.codigo_verificacion
    respuesta = client.get(f"/verificar/{codigo[:4].lower()}-{codigo[4:]}/")
    pagina = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Documento auténtico" in pagina
    assert "Certificado de inscripción en el Registro de Industria y Comercio" in pagina
    assert "Vigente." in pagina and "sigue activa" in pagina
    assert "ICA-000001" in pagina and "Lácteos El Ordeño S.A.S." in pagina
    # La constancia de la misma solicitud sigue verificándose por su código.
    constancia = client.get(f"/verificar/{solicitud.codigo_verificacion}/")
    assert "Constancia de radicación" in constancia.content.decode()
