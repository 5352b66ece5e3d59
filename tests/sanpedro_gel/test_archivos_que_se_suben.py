"""Un archivo se acepta solo si se abre como lo que dice ser (sanpedro_gel/archivos.py).

Los archivos de estas pruebas son de verdad, armados con pypdf y Pillow como los
arma un atacante: un PDF que también es ZIP, uno con JavaScript al abrirse, una
«imagen» PNG que sigue en HTML, una foto con su ubicación GPS.
"""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from sanpedro_gel import archivos
from tests.tramites.ayudas import PDF


def _subido(contenido: bytes, nombre="documento.pdf"):
    return SimpleUploadedFile(nombre, contenido)


def _pdf_con(accion: DictionaryObject | None = None, *, incrustado=False) -> bytes:
    escritor = PdfWriter()
    escritor.add_blank_page(width=612, height=792)
    if accion is not None:
        escritor._root_object[NameObject("/OpenAction")] = escritor._add_object(accion)
    if incrustado:
        escritor.add_attachment("factura.exe", b"MZ\x90\x00 programa")
    salida = io.BytesIO()
    escritor.write(salida)
    return salida.getvalue()


def _rechazo(contenido: bytes, nombre="documento.pdf", tipos=("pdf", "jpeg", "png")):
    with pytest.raises(archivos.ArchivoInadmisible) as error:
        archivos.revisar(_subido(contenido, nombre), tipos)
    return error.value.mensaje


def test_un_pdf_sano_se_acepta_tal_cual():
    subido = _subido(PDF)
    formato, guardado = archivos.revisar(subido)
    assert formato.mime == "application/pdf"
    assert guardado is subido


def test_un_pdf_con_javascript_al_abrirse_se_rechaza():
    accion = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('hola')"),
        }
    )
    mensaje = _rechazo(_pdf_con(accion))
    assert "JavaScript" in mensaje
    assert "Guardar como PDF" in mensaje


def test_un_pdf_que_lanza_un_programa_se_rechaza():
    accion = DictionaryObject(
        {
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("cmd.exe"),
        }
    )
    assert "abren programas" in _rechazo(_pdf_con(accion))


def test_un_pdf_con_un_archivo_incrustado_se_rechaza():
    assert "incrustados" in _rechazo(_pdf_con(incrustado=True))


def test_un_pdf_que_tambien_es_zip_se_rechaza():
    zip_ = io.BytesIO()
    with zipfile.ZipFile(zip_, "w") as comprimido:
        comprimido.writestr("pagina.html", "<script>alert(1)</script>")
    poliglota = PDF + zip_.getvalue()
    assert PdfReader(io.BytesIO(poliglota)).pages  # pypdf solo lo abriría
    assert "comprimido" in _rechazo(poliglota)


def test_un_pdf_danado_o_con_clave_se_rechaza_con_su_motivo():
    assert "dañado" in _rechazo(b"%PDF-1.7\nesto no es un pdf")
    escritor = PdfWriter()
    escritor.add_blank_page(width=100, height=100)
    escritor.encrypt("clave-secreta")
    salida = io.BytesIO()
    escritor.write(salida)
    assert "contraseña" in _rechazo(salida.getvalue())


def test_un_png_que_sigue_en_html_se_rechaza():
    disfrazado = b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>"
    mensaje = _rechazo(disfrazado, "foto.png")
    assert "no se puede abrir" in mensaje and "«foto.png»" in mensaje


def test_un_ejecutable_se_rechaza_por_su_contenido():
    assert "no es un PDF, JPG o PNG" in _rechazo(
        b"MZ\x90\x00" + b"\0" * 60, "cedula.pdf"
    )


def test_una_foto_se_guarda_recodificada_sin_su_ubicacion_y_derecha():
    foto = Image.new("RGB", (60, 20), (10, 120, 200))
    exif = Image.Exif()
    exif[0x0112] = 6  # la cámara la tomó girada 90°
    exif[0x010F] = "Teléfono de Ana"
    exif.get_ifd(0x8825)[2] = (6.0, 32.0, 0.0)  # latitud GPS
    entrada = io.BytesIO()
    foto.save(entrada, "JPEG", exif=exif)
    assert Image.open(io.BytesIO(entrada.getvalue())).getexif()

    formato, guardada = archivos.revisar(_subido(entrada.getvalue(), "cédula.jpeg"))

    assert formato.mime == "image/jpeg" and guardada.name == "cédula.jpeg"
    limpia = Image.open(io.BytesIO(guardada.read()))
    assert not limpia.getexif()
    assert limpia.size == (20, 60)  # girada como se ve, no como se guardó
    # Revisarla otra vez (el formulario, luego el servicio) no la recodifica.
    assert archivos.revisar(guardada)[1] is guardada


def test_un_png_transparente_conserva_su_transparencia():
    firma = Image.new("RGBA", (30, 10), (0, 0, 0, 0))
    entrada = io.BytesIO()
    firma.save(entrada, "PNG")
    _, guardada = archivos.revisar(_subido(entrada.getvalue(), "firma.png"), ("png",))
    assert Image.open(io.BytesIO(guardada.read())).getpixel((0, 0))[3] == 0


def test_una_bomba_de_descompresion_se_rechaza(monkeypatch):
    monkeypatch.setattr(archivos, "MAX_PIXELES", 1000)
    entrada = io.BytesIO()
    Image.new("L", (100, 100)).save(entrada, "PNG")
    assert "megapíxeles" in _rechazo(entrada.getvalue(), "plano.png")


FIRMAS = [f.firma for f in archivos.FORMATOS.values()] + [b""]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(firma=st.sampled_from(FIRMAS), resto=st.binary(max_size=2048))
def test_cualquier_contenido_se_acepta_o_se_rechaza_con_un_mensaje(firma, resto):
    try:
        archivos.revisar(_subido(firma + resto))
    except archivos.ArchivoInadmisible as error:
        assert error.mensaje
