"""En el navegador: una ciudadana radica una inscripción ICA con adjuntos, ve el
radicado y descarga la constancia."""

import re

import pytest

from tests.factories import CLAVE
from tests.tramites.ayudas import JPEG, PDF, texto_pdf
from tramites import demo
from tramites.models import Solicitud

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_una_ciudadana_radica_una_inscripcion_y_descarga_la_constancia(
    pagina, ciudadano, tmp_path
):
    demo.cargar_catalogo()
    pagina.goto("/cuentas/ingresar/")
    pagina.locator("#id_login").fill(ciudadano.email)
    pagina.locator("#id_password").fill(CLAVE)
    pagina.get_by_role("button", name="Ingresar").click()
    pagina.get_by_role("heading", name="Mi cuenta").wait_for()

    pagina.get_by_role("link", name="Trámites en línea", exact=True).click()
    pagina.get_by_role(
        "link", name="Inscripción en el Registro de Industria y Comercio"
    ).click()
    pagina.get_by_role("link", name="Iniciar trámite en línea").first.click()
    pagina.get_by_role("button", name="Comenzar una solicitud nueva").click()

    # Paso 1: contribuyente (un error primero: el celular no es colombiano).
    pagina.get_by_label("Persona natural").check()
    pagina.locator("#id_tipo_documento").select_option("CC")
    pagina.locator("#id_numero_documento").fill("43.555.111")
    pagina.locator("#id_nombre").fill("María Gómez Restrepo")
    pagina.get_by_label("Régimen Simple de Tributación (SIMPLE)").check()
    pagina.locator("#id_direccion_notificacion").fill("Calle 49 # 48-20")
    pagina.locator("#id_celular").fill("210 456 7890")
    pagina.get_by_role("button", name="Guardar y continuar", exact=True).click()
    resumen = pagina.locator("#resumen-errores")
    resumen.wait_for()
    assert "Error:" in pagina.title()
    assert pagina.locator("#id_numero_documento").input_value() == "43.555.111"
    pagina.locator("#id_celular").fill("310 456 7890")
    pagina.get_by_role("button", name="Guardar y continuar", exact=True).click()

    # Paso 2: registro mercantil.
    pagina.get_by_role("heading", name="Registro mercantil").wait_for()
    pagina.get_by_label("No", exact=True).check()
    pagina.get_by_role("button", name="Guardar y continuar", exact=True).click()

    # Paso 3: actividades (código escrito; la lista del catálogo ayuda).
    pagina.get_by_role("heading", name="Actividades económicas").wait_for()
    pagina.locator("#id_principal").fill("4722")
    pagina.get_by_role("button", name="Guardar y continuar", exact=True).click()

    # Paso 4: establecimientos.
    pagina.get_by_role("heading", name="Establecimientos").wait_for()
    pagina.locator("#id_establecimientos-0-nombre_comercial").fill("Lácteos Doña María")
    pagina.locator("#id_establecimientos-0-direccion").fill("Carrera 49 # 50-12")
    pagina.locator("#id_establecimientos-0-zona_0").check()
    pagina.locator("#id_establecimientos-0-barrio_vereda").fill("Centro")
    pagina.locator("#id_establecimientos-0-actividad").fill("4722")
    pagina.locator("#id_establecimientos-0-inicio_actividades").fill("2025-11-03")
    pagina.locator("#id_establecimientos-0-area_m2").fill("32.5")
    pagina.locator("#id_establecimientos-0-empleados").fill("1")
    pagina.locator("#id_establecimientos-0-avisos_tableros_0").check()
    pagina.get_by_role("button", name="Guardar y continuar", exact=True).click()

    # Paso 5: representación.
    pagina.get_by_role("heading", name="Representación").wait_for()
    pagina.locator("#id_actua_apoderado_1").check()
    pagina.get_by_role("button", name="Guardar y continuar", exact=True).click()

    # Documentos.
    pagina.get_by_role("heading", name="Documentos", exact=True).wait_for()
    campos = pagina.locator("input[type=file]")
    assert campos.count() == 2
    campos.nth(0).set_input_files(
        {"name": "rut.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    campos.nth(1).set_input_files(
        {"name": "cedula.jpg", "mimeType": "image/jpeg", "buffer": JPEG}
    )
    pagina.get_by_role("button", name="Guardar y continuar", exact=True).click()

    # Revisión y radicación.
    pagina.get_by_role("heading", name="Revise su solicitud").wait_for()
    assert "Lácteos Doña María" in pagina.content()
    pagina.get_by_label("Afiche").check()
    pagina.get_by_label(re.compile("Leí el aviso de privacidad")).check()
    pagina.get_by_role("button", name="Radicar").click()

    pagina.get_by_role("heading", name="Su solicitud fue radicada").wait_for()
    radicado = pagina.locator("#radicado").inner_text()
    assert re.fullmatch(r"ICA-\d{4}-000001", radicado)
    solicitud = Solicitud.objects.get(radicado=radicado)
    assert solicitud.adjuntos.count() == 2 and solicitud.como_se_entero == "AFICHE"

    with pagina.expect_download() as descarga:
        pagina.get_by_role("link", name=re.compile("Descargar la constancia")).click()
    assert descarga.value.suggested_filename == f"constancia-{radicado}.pdf"
    ruta = tmp_path / "constancia.pdf"
    descarga.value.save_as(ruta)
    texto = texto_pdf(ruta.read_bytes())
    assert radicado in texto and "rut.pdf" in texto and "cedula.jpg" in texto
