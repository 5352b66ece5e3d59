import gc
import io

import pytest
from django.core import mail
from pypdf import PdfReader

from sanpedro_gel.correo import CorreoEnArchivos, construir_correo, enviar_correo
from sanpedro_gel.pdf import qr_svg_data_uri, render_pdf


def texto_de_pdf(contenido: bytes) -> str:
    return "\n".join(
        pagina.extract_text() for pagina in PdfReader(io.BytesIO(contenido)).pages
    )


def test_render_pdf_produce_un_pdf_legible_con_las_fuentes_del_proyecto(settings):
    settings.ENTIDAD = {**settings.ENTIDAD, "nit": "890.980.093-8"}
    contenido = render_pdf("pdf/base.html", {})
    assert contenido.startswith(b"%PDF-")
    texto = texto_de_pdf(contenido)
    assert "Alcaldía de San Pedro de los Milagros" in texto
    assert "NIT 890.980.093-8" in texto
    fuentes = {
        str(fuente["/BaseFont"])
        for pagina in PdfReader(io.BytesIO(contenido)).pages
        for fuente in pagina["/Resources"]["/Font"].values()
    }
    assert any("Work" in f or "WorkSans" in f for f in fuentes), fuentes


def test_render_pdf_pausa_el_recolector_solo_mientras_dibuja(monkeypatch):
    from weasyprint import HTML

    durante = []
    original = HTML.write_pdf

    def espiar(self, *args, **kwargs):
        durante.append(gc.isenabled())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(HTML, "write_pdf", espiar)
    render_pdf("pdf/base.html", {})
    assert durante == [False]
    assert gc.isenabled()


def test_render_pdf_reactiva_el_recolector_aunque_falle(monkeypatch):
    from weasyprint import HTML

    def fallar(self, *args, **kwargs):
        raise RuntimeError("falla de prueba")

    monkeypatch.setattr(HTML, "write_pdf", fallar)
    with pytest.raises(RuntimeError):
        render_pdf("pdf/base.html", {})
    assert gc.isenabled()


def test_qr_es_una_imagen_svg_embebible():
    uri = qr_svg_data_uri("https://portal.test/verificar/ABCD2345/")
    assert uri.startswith("data:image/svg+xml")


def test_construir_correo_usa_las_tres_plantillas(settings):
    from comunicaciones.models import Dependencia, Funcionario

    funcionario = Funcionario(
        nombres="Ana",
        apellidos="Ruiz",
        correo="ana@alcaldia.test",
        cargo="Técnica",
        dependencia=Dependencia(nombre="Hacienda"),
    )
    mensaje = construir_correo(
        "comunicaciones/emails/bienvenida_funcionario",
        {"funcionario": funcionario, "enlace": "https://portal.test/x/"},
        ["ana@alcaldia.test"],
        adjuntos=[("constancia.pdf", b"%PDF-1.7", "application/pdf")],
    )
    assert (
        mensaje.subject
        == "Su cuenta en el Portal GEL de la Alcaldía de San Pedro de los Milagros"
    )
    assert "https://portal.test/x/" in mensaje.body
    html, tipo = mensaje.alternatives[0]
    assert tipo == "text/html" and "Definir mi contraseña" in html
    assert mensaje.attachments[0][0] == "constancia.pdf"


@pytest.mark.django_db
def test_enviar_correo_entrega_al_backend():
    from comunicaciones.models import Dependencia, Funcionario

    funcionario = Funcionario(
        nombres="Ana",
        apellidos="Ruiz",
        correo="ana@alcaldia.test",
        dependencia=Dependencia(nombre="H"),
    )
    enviar_correo(
        "comunicaciones/emails/bienvenida_funcionario",
        {"funcionario": funcionario, "enlace": "https://portal.test/x/"},
        ["ana@alcaldia.test"],
    )
    assert len(mail.outbox) == 1


def test_backend_de_archivos_guarda_eml_y_anuncia_los_enlaces(tmp_path, capsys):
    from django.core.mail import EmailMessage

    backend = CorreoEnArchivos(file_path=tmp_path)
    enviados = backend.send_messages(
        [
            EmailMessage(
                "Asunto", "Abra https://portal.test/confirmar/1/ ya", to=["a@b.test"]
            )
        ]
    )
    assert enviados == 1
    archivos = list(tmp_path.glob("*.eml"))
    assert len(archivos) == 1 and b"Asunto" in archivos[0].read_bytes()
    assert "https://portal.test/confirmar/1/" in capsys.readouterr().out


def variante_pdf(contenido: bytes) -> tuple[str, str]:
    """(parte, conformidad) de PDF/A según los metadatos XMP del documento."""
    import re

    raiz = PdfReader(io.BytesIO(contenido)).trailer["/Root"]
    xmp = raiz["/Metadata"].get_object().get_data().decode()
    parte = re.search(r'pdfaid:part="(\d)"', xmp)
    conformidad = re.search(r'pdfaid:conformance="(\w)"', xmp)
    return (parte and parte.group(1), conformidad and conformidad.group(1))


def test_render_pdf_produce_pdf_a_etiquetado():
    contenido = render_pdf("pdf/base.html", {})
    assert variante_pdf(contenido) == ("3", "A")
    raiz = PdfReader(io.BytesIO(contenido)).trailer["/Root"]
    assert "/StructTreeRoot" in raiz  # estructura para lectores de pantalla
    assert bool(raiz["/MarkInfo"]["/Marked"])
    assert str(raiz["/Lang"]).startswith("es")
