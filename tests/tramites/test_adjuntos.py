"""Adjuntos: se aceptan por contenido, con límites, en almacenamiento privado, y
solo se descargan por la vista que revisa permisos y deja constancia."""

import hashlib

import pytest
from django.urls import reverse

from tests import factories
from tests.tramites.ayudas import EJECUTABLE, JPEG, PDF, PNG, archivo
from tramites.models import Adjunto, DescargaArchivo, Estado
from tramites.services.adjuntos import ArchivoRechazado, adjuntar, quitar

pytestmark = pytest.mark.django_db


@pytest.fixture
def solicitud(catalogo, ciudadano):
    return factories.SolicitudFactory(
        tramite=catalogo["inscripcion"], solicitante=ciudadano
    )


@pytest.fixture
def rut(catalogo):
    return catalogo["requisitos"]["rut"]


@pytest.mark.parametrize(
    ("nombre", "contenido", "tipo", "extension"),
    [
        ("rut.pdf", PDF, "application/pdf", ".pdf"),
        ("foto cédula.JPG", JPEG, "image/jpeg", ".jpg"),
        ("escaneo.png", PNG, "image/png", ".png"),
        # El nombre no importa: un PDF llamado .png se guarda como PDF.
        ("mal-nombrado.png", PDF, "application/pdf", ".pdf"),
    ],
)
def test_pdf_jpeg_y_png_se_aceptan_por_su_contenido(
    solicitud, rut, settings, nombre, contenido, tipo, extension
):
    adjunto = adjuntar(
        solicitud=solicitud, requisito=rut, archivo=archivo(nombre, contenido)
    )
    assert adjunto.tipo_contenido == tipo
    assert adjunto.nombre_original == nombre
    with adjunto.archivo.open("rb") as guardado:
        bytes_guardados = guardado.read()
    # El PDF se guarda tal cual; una imagen, recodificada sin metadatos.
    assert (bytes_guardados == contenido) == (tipo == "application/pdf")
    assert adjunto.tamano == len(bytes_guardados)
    assert adjunto.sha256 == hashlib.sha256(bytes_guardados).hexdigest()
    # Nombre generado en el almacenamiento privado, nunca el del ciudadano.
    assert adjunto.archivo.name.startswith("adjuntos/")
    assert adjunto.archivo.name.endswith(extension)
    assert nombre.split(".")[0] not in adjunto.archivo.name
    ruta = settings.PRIVATE_MEDIA_ROOT / adjunto.archivo.name
    assert ruta.read_bytes() == bytes_guardados


def test_un_ejecutable_renombrado_se_rechaza(solicitud, rut):
    with pytest.raises(ArchivoRechazado, match="no es un PDF, JPG o PNG") as error:
        adjuntar(
            solicitud=solicitud,
            requisito=rut,
            archivo=archivo("rut.pdf", EJECUTABLE, "application/pdf"),
        )
    assert "«rut.pdf»" in error.value.mensaje
    assert not Adjunto.objects.exists()


def test_un_archivo_vacio_se_rechaza(solicitud, rut):
    with pytest.raises(ArchivoRechazado, match="está vacío"):
        adjuntar(solicitud=solicitud, requisito=rut, archivo=archivo("rut.pdf", b""))


def test_un_archivo_demasiado_grande_se_rechaza(solicitud, rut, settings):
    settings.ARCHIVO_MAX_MB = 1
    grande = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ArchivoRechazado, match="el máximo por archivo es 1 MB"):
        adjuntar(solicitud=solicitud, requisito=rut, archivo=archivo("rut.pdf", grande))
    assert not any(settings.PRIVATE_MEDIA_ROOT.rglob("*.pdf"))


def test_el_total_de_la_solicitud_tiene_limite(solicitud, catalogo, settings):
    settings.SOLICITUD_MAX_MB = 1
    medio = PDF + b"0" * (600 * 1024)
    requisitos = catalogo["requisitos"]
    adjuntar(
        solicitud=solicitud,
        requisito=requisitos["rut"],
        archivo=archivo("a.pdf", medio),
    )
    with pytest.raises(ArchivoRechazado, match="sumarían 1,2 MB; el máximo es 1 MB"):
        adjuntar(
            solicitud=solicitud,
            requisito=requisitos["cedula"],
            archivo=archivo("b.pdf", medio),
        )
    # Reemplazar el mismo requisito no suma el archivo que se va.
    adjuntar(
        solicitud=solicitud,
        requisito=requisitos["rut"],
        archivo=archivo("c.pdf", medio),
    )


def test_reemplazar_en_borrador_borra_el_anterior(
    solicitud, rut, settings, django_capture_on_commit_callbacks
):
    primero = adjuntar(solicitud=solicitud, requisito=rut, archivo=archivo("v1.pdf"))
    ruta = settings.PRIVATE_MEDIA_ROOT / primero.archivo.name
    with django_capture_on_commit_callbacks(execute=True):
        segundo = adjuntar(
            solicitud=solicitud, requisito=rut, archivo=archivo("v2.pdf")
        )
    assert list(Adjunto.objects.all()) == [segundo]
    assert not ruta.exists()


def test_en_subsanacion_el_anterior_queda_en_el_expediente(solicitud, rut):
    primero = adjuntar(solicitud=solicitud, requisito=rut, archivo=archivo("v1.pdf"))
    type(solicitud).objects.filter(pk=solicitud.pk).update(
        estado=Estado.REQUIERE_SUBSANACION
    )
    segundo = adjuntar(solicitud=solicitud, requisito=rut, archivo=archivo("v2.pdf"))
    primero.refresh_from_db()
    assert primero.vigente is False and segundo.vigente is True


def test_una_solicitud_radicada_no_cambia_sus_documentos(solicitud, rut):
    adjunto = adjuntar(solicitud=solicitud, requisito=rut, archivo=archivo())
    type(solicitud).objects.filter(pk=solicitud.pk).update(estado=Estado.RADICADO)
    with pytest.raises(ArchivoRechazado, match="ya fue radicada"):
        adjuntar(solicitud=solicitud, requisito=rut, archivo=archivo())
    with pytest.raises(ArchivoRechazado, match="ya fue radicada"):
        quitar(adjunto=adjunto)


def test_un_requisito_de_otro_tramite_se_rechaza(solicitud, catalogo):
    with pytest.raises(ArchivoRechazado, match="no corresponde a este trámite"):
        adjuntar(
            solicitud=solicitud,
            requisito=catalogo["requisitos"]["poliza"],
            archivo=archivo(),
        )


def test_quitar_dos_veces_no_falla(
    solicitud, rut, settings, django_capture_on_commit_callbacks
):
    adjunto = adjuntar(solicitud=solicitud, requisito=rut, archivo=archivo())
    ruta = settings.PRIVATE_MEDIA_ROOT / adjunto.archivo.name
    with django_capture_on_commit_callbacks(execute=True):
        quitar(adjunto=adjunto)
        quitar(adjunto=adjunto)
    assert not Adjunto.objects.exists() and not ruta.exists()


# --- Descarga ------------------------------------------------------------------------


def test_el_dueno_descarga_y_queda_registrado_con_su_ip(
    client, solicitud, rut, ciudadano
):
    adjunto = adjuntar(solicitud=solicitud, requisito=rut, archivo=archivo("rut.pdf"))
    client.force_login(ciudadano)
    respuesta = client.get(
        reverse("tramites:adjunto", args=[adjunto.pk]), REMOTE_ADDR="181.50.10.7"
    )
    assert respuesta.status_code == 200
    assert b"".join(respuesta.streaming_content) == PDF
    assert respuesta["Content-Type"] == "application/pdf"
    assert 'filename="rut.pdf"' in respuesta["Content-Disposition"]
    assert "no-store" in respuesta["Cache-Control"]
    descarga = DescargaArchivo.objects.get()
    assert (descarga.usuario, descarga.adjunto, descarga.archivo, descarga.ip) == (
        ciudadano,
        adjunto,
        "adjunto",
        "181.50.10.7",
    )


def test_otro_ciudadano_y_un_funcionario_sin_rol_reciben_404(
    client, solicitud, rut, otro_ciudadano, funcionario_sin_permisos
):
    adjunto = adjuntar(solicitud=solicitud, requisito=rut, archivo=archivo())
    url = reverse("tramites:adjunto", args=[adjunto.pk])
    for persona in (otro_ciudadano, funcionario_sin_permisos):
        client.force_login(persona)
        assert client.get(url).status_code == 404
    assert not DescargaArchivo.objects.exists()
    client.logout()
    assert client.get(url).status_code == 302


def test_el_revisor_del_tramite_descarga_lo_radicado(
    client, solicitud, rut, revisor_hacienda, revisor_gobierno
):
    adjunto = adjuntar(solicitud=solicitud, requisito=rut, archivo=archivo())
    url = reverse("tramites:adjunto", args=[adjunto.pk])
    client.force_login(revisor_hacienda)
    # Un borrador es solo del ciudadano.
    assert client.get(url).status_code == 404
    type(solicitud).objects.filter(pk=solicitud.pk).update(estado=Estado.RADICADO)
    assert client.get(url).status_code == 200
    client.force_login(revisor_gobierno)
    assert client.get(url).status_code == 404
    assert DescargaArchivo.objects.get().usuario == revisor_hacienda


def test_con_nginx_la_descarga_sale_por_x_accel_redirect(
    client, solicitud, rut, ciudadano, settings
):
    settings.PRIVATE_MEDIA_X_ACCEL_PREFIX = "/privado-interno/"
    adjunto = adjuntar(
        solicitud=solicitud, requisito=rut, archivo=archivo("mi rut.pdf")
    )
    client.force_login(ciudadano)
    respuesta = client.get(reverse("tramites:adjunto", args=[adjunto.pk]))
    assert respuesta.status_code == 200
    assert respuesta["X-Accel-Redirect"] == f"/privado-interno/{adjunto.archivo.name}"
    assert respuesta.content == b""
    assert "mi rut.pdf" in respuesta["Content-Disposition"]
    assert DescargaArchivo.objects.count() == 1


def test_detras_de_un_proxy_se_registra_la_ip_del_cliente(
    client, solicitud, rut, ciudadano, settings
):
    settings.PROXIES_CONFIABLES = ["127.0.0.1"]
    adjunto = adjuntar(solicitud=solicitud, requisito=rut, archivo=archivo())
    client.force_login(ciudadano)
    client.get(
        reverse("tramites:adjunto", args=[adjunto.pk]),
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="10.0.0.1, 190.24.5.9",
    )
    assert DescargaArchivo.objects.get().ip == "190.24.5.9"
