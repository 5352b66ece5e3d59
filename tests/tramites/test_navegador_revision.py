"""En el navegador: el revisor pide subsanación, la ciudadana completa lo pedido,
el revisor aprueba, y la ciudadana descarga su certificado y lo verifica."""

import re

import pytest

from tests import factories
from tests.factories import CLAVE
from tests.tramites.ayudas import PDF, archivo, datos_inscripcion, texto_pdf
from tramites import demo, services
from tramites.models import AvisoPrivacidad, Contribuyente, Estado, Solicitud
from tramites.pasos import definicion_de
from tramites.services.adjuntos import adjuntar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def radicar_inscripcion(ciudadano) -> Solicitud:
    demo.cargar_catalogo()
    solicitud = factories.SolicitudFactory(
        tramite=demo.Tramite.objects.get(tipo="INSCRIPCION_ICA"),
        solicitante=ciudadano,
        datos=datos_inscripcion(),
    )
    for requisito in definicion_de(solicitud.tramite.tipo).documentos_faltantes(
        solicitud
    ):
        adjuntar(solicitud=solicitud, requisito=requisito, archivo=archivo())
    services.radicar_solicitud(
        solicitud_id=solicitud.pk,
        actor=ciudadano,
        aviso=AvisoPrivacidad.objects.first(),
    )
    return Solicitud.objects.get(pk=solicitud.pk)


def entrar_al_admin(pagina, usuario):
    pagina.goto("/admin/login/")
    pagina.locator("#id_username").fill(usuario.email)
    pagina.locator("#id_password").fill(CLAVE)
    pagina.locator("input[type=submit]").click()
    pagina.get_by_role("link", name="Terminar sesión").or_(
        pagina.get_by_role("button", name="Terminar sesión")
    ).first.wait_for()


def salir_del_admin(pagina):
    pagina.get_by_role("button", name="Terminar sesión").click()
    pagina.wait_for_load_state()


def entrar_al_portal(pagina, usuario):
    pagina.goto("/cuentas/ingresar/")
    pagina.locator("#id_login").fill(usuario.email)
    pagina.locator("#id_password").fill(CLAVE)
    pagina.get_by_role("button", name="Ingresar").click()
    pagina.get_by_role("heading", name="Mi cuenta").wait_for()


def salir_del_portal(pagina):
    pagina.goto("/cuenta/")
    pagina.get_by_role("button", name="Cerrar sesión").click()
    pagina.wait_for_load_state()


def abrir_en_la_mesa(pagina, radicado):
    pagina.goto("/admin/tramites/solicitud/")
    pagina.get_by_role("link", name=radicado).click()
    pagina.get_by_role("heading", name=re.compile(f"Solicitud {radicado}")).wait_for()


def test_subsanacion_aprobacion_descarga_y_verificacion(
    pagina, ciudadano, revisor_hacienda, tmp_path
):
    solicitud = radicar_inscripcion(ciudadano)
    radicado = solicitud.radicado

    # El revisor toma la solicitud y pide completar el RUT y el correo.
    entrar_al_admin(pagina, revisor_hacienda)
    abrir_en_la_mesa(pagina, radicado)
    pagina.get_by_role("button", name="Iniciar revisión").click()
    pagina.get_by_text("La solicitud está en revisión").wait_for()
    pagina.get_by_role("link", name="Solicitar subsanación").click()
    pagina.get_by_label("RUT").fill(
        "El RUT adjunto no es legible; adjunte una copia clara."
    )
    pagina.get_by_label("Contribuyente", exact=False).first.fill(
        "El correo es personal: indique el de la empresa."
    )
    pagina.get_by_role("button", name="Solicitar subsanación").click()
    pagina.get_by_text("el término quedó suspendido").wait_for()
    assert Solicitud.objects.get(pk=solicitud.pk).estado == Estado.REQUIERE_SUBSANACION
    salir_del_admin(pagina)

    # La ciudadana ve exactamente lo pedido, lo completa y lo envía.
    entrar_al_portal(pagina, ciudadano)
    pagina.goto(f"/tramites/mis-tramites/{solicitud.pk}/")
    assert "El RUT adjunto no es legible" in pagina.content()
    pagina.get_by_role("link", name="Completar mi solicitud").click()
    pagina.get_by_role("heading", name="Complete su solicitud").wait_for()
    pagina.locator("input[type=file]").set_input_files(
        {"name": "rut-legible.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    pagina.locator("#id_paso-contribuyente-correo").fill("tesoreria@elordeno.test")
    pagina.get_by_role("button", name="Enviar mi respuesta").click()
    pagina.get_by_text("Su solicitud volvió a revisión").wait_for()
    solicitud.refresh_from_db()
    assert solicitud.estado == Estado.EN_REVISION
    assert solicitud.datos["contribuyente"]["correo"] == "tesoreria@elordeno.test"
    salir_del_portal(pagina)

    # El revisor aprueba: el contribuyente entra al registro.
    entrar_al_admin(pagina, revisor_hacienda)
    abrir_en_la_mesa(pagina, radicado)
    pagina.get_by_role("link", name="Aprobar").click()
    pagina.get_by_label("Observaciones (opcional)").fill("Documentos completos.")
    pagina.get_by_role("button", name="Aprobar la solicitud").click()
    pagina.get_by_text("Solicitud aprobada").first.wait_for()
    contribuyente = Contribuyente.objects.get(numero_documento="900123456")
    salir_del_admin(pagina)

    # La ciudadana descarga el certificado y lo verifica con su código.
    entrar_al_portal(pagina, ciudadano)
    pagina.goto(f"/tramites/mis-tramites/{solicitud.pk}/")
    with pagina.expect_download() as descarga:
        pagina.get_by_role(
            "link", name=re.compile("Descargar certificado de inscripción")
        ).click()
    ruta = tmp_path / "certificado.pdf"
    descarga.value.save_as(ruta)
    texto = texto_pdf(ruta.read_bytes())
    assert "Certificado de inscripción" in texto
    assert contribuyente.matricula in texto and radicado in texto
    codigo = solicitud.documentos.get().codigo_verificacion
    assert codigo in texto

    pagina.get_by_role("link", name="verificar").click()
    pagina.get_by_text("Documento auténtico").wait_for()
    contenido = pagina.content()
    assert "Vigente." in contenido
    assert contribuyente.matricula in contenido and codigo in contenido
