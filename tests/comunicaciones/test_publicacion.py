"""Portada, noticias e intranet: cada pieza se ve solo dentro de su ventana."""

import io
import re
from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from comunicaciones import estados
from comunicaciones.models import Pieza
from comunicaciones.services import despacho, piezas
from tests.factories import (
    CampanaFactory,
    DependenciaFactory,
    FuncionarioFactory,
    PiezaFactory,
    TramiteFactory,
)

pytestmark = pytest.mark.django_db

AHORA = timezone.now()


def _en(momento):
    """Congela timezone.now() en `momento` para las vistas y los servicios."""
    return mock.patch("django.utils.timezone.now", return_value=momento)


def _banner(**datos):
    return PiezaFactory(
        **{
            "banner": True,
            "programada": True,
            "titulo": "Inscriba su negocio sin hacer fila",
            "programada_para": AHORA + timedelta(hours=1),
            "visible_hasta": AHORA + timedelta(days=2),
            **datos,
        }
    )


# --- Banner ---------------------------------------------------------------------


def test_el_banner_aparece_a_su_hora_y_se_va_al_terminar_su_ventana(client):
    banner = _banner()

    with _en(AHORA + timedelta(minutes=59)):
        assert banner.titulo not in client.get("/").content.decode()
    with _en(AHORA + timedelta(hours=1)):
        assert banner.titulo in client.get("/").content.decode()
    with _en(AHORA + timedelta(days=2)):
        assert banner.titulo not in client.get("/").content.decode()


def test_el_banner_se_ve_a_su_hora_aunque_el_despachador_no_haya_pasado(client):
    banner = _banner()
    with _en(AHORA + timedelta(hours=1, seconds=1)):
        html = client.get("/").content.decode()
    assert banner.titulo in html
    # …y cuando pasa, lo marca publicado sin cambiar lo que se ve.
    despacho.ejecutar_despacho(ahora=AHORA + timedelta(hours=1, minutes=1))
    banner.refresh_from_db()
    assert banner.estado == estados.ENVIADA
    with _en(AHORA + timedelta(hours=2)):
        assert banner.titulo in client.get("/").content.decode()


def test_un_banner_cancelado_o_en_borrador_no_se_ve(client):
    cancelado = _banner()
    piezas.cancelar_pieza(pieza_id=cancelado.pk)
    borrador = PiezaFactory(
        banner=True, titulo="Borrador del banner", programada_para=AHORA
    )
    with _en(AHORA + timedelta(hours=3)):
        html = client.get("/").content.decode()
    assert cancelado.titulo not in html
    assert borrador.titulo not in html


def test_el_banner_tiene_imagen_con_texto_alternativo_y_enlace_con_origen(client):
    banner = _banner(enlace="/tramites/inscripcion-ica/?paso=1")
    with _en(AHORA + timedelta(hours=2)):
        html = client.get("/").content.decode()
    assert f'alt="{banner.texto_alternativo}"' in html
    assert 'href="/tramites/inscripcion-ica/?paso=1&amp;origen=banner"' in html


def test_sin_enlace_el_banner_lleva_a_la_ficha_del_tramite_de_la_campana(client):
    tramite = TramiteFactory()
    campana = CampanaFactory()
    campana.tramites.add(tramite)
    _banner(campana=campana, enlace="", etiqueta_origen="banner-ica")
    with _en(AHORA + timedelta(hours=2)):
        html = client.get("/").content.decode()
    assert f'href="{tramite.get_absolute_url()}?origen=banner-ica"' in html


def test_la_portada_muestra_las_tarjetas_de_los_tramites_activos(client):
    activo = TramiteFactory()
    inactivo = TramiteFactory(horario=True, activo=False)
    html = client.get("/").content.decode()
    assert f'href="{activo.get_absolute_url()}"' in html
    assert activo.nombre in html
    assert inactivo.nombre not in html


def test_la_portada_hace_pocas_consultas(client, django_assert_max_num_queries):
    for n in range(3):
        _banner(titulo=f"Banner {n}", programada_para=AHORA - timedelta(hours=1))
        PiezaFactory(
            noticia=True, programada=True, titulo=f"Noticia {n}", cuerpo="Texto."
        )
    TramiteFactory()
    with django_assert_max_num_queries(8):
        assert client.get("/").status_code == 200


# --- Noticias -------------------------------------------------------------------


def test_la_noticia_se_publica_a_su_hora_en_la_lista_y_en_su_pagina(client):
    noticia = PiezaFactory(
        noticia=True,
        programada=True,
        titulo="Asesoría en los colegios",
        cuerpo="Los **miércoles** <script>alert(1)</script>en el colegio.",
        programada_para=AHORA + timedelta(hours=1),
    )
    detalle = reverse(
        "comunicaciones:noticia", kwargs={"pk": noticia.pk, "slug": noticia.slug}
    )
    with _en(AHORA):
        assert noticia.titulo not in client.get("/noticias/").content.decode()
        assert client.get(detalle).status_code == 404
    with _en(AHORA + timedelta(hours=1)):
        assert noticia.titulo in client.get("/noticias/").content.decode()
        html = client.get(detalle).content.decode()
    assert "<strong>miércoles</strong>" in html
    assert "<script>alert(1)" not in html


def test_la_noticia_con_otro_slug_redirige_al_correcto(client):
    noticia = PiezaFactory(noticia=True, programada=True, titulo="Jornada de asesoría")
    respuesta = client.get(
        reverse("comunicaciones:noticia", kwargs={"pk": noticia.pk, "slug": "viejo"})
    )
    assert respuesta.status_code == 301
    assert respuesta.url == f"/noticias/{noticia.pk}-jornada-de-asesoria/"


def test_la_lista_de_noticias_pagina_y_hace_pocas_consultas(
    client, django_assert_max_num_queries
):
    campana = CampanaFactory()
    for n in range(12):
        PiezaFactory(
            campana=campana, noticia=True, programada=True, titulo=f"Noticia {n}"
        )
    with django_assert_max_num_queries(5):
        primera = client.get("/noticias/").content.decode()
    segunda = client.get("/noticias/?pagina=2").content.decode()
    assert primera.count("tarjeta-noticia") == 10
    assert segunda.count("tarjeta-noticia") == 2


# --- Intranet -------------------------------------------------------------------


def test_la_intranet_es_para_el_personal(client, ciudadano, funcionario_sin_permisos):
    assert client.get("/intranet/").status_code == 302
    client.force_login(ciudadano)
    assert client.get("/intranet/").status_code == 403
    client.force_login(funcionario_sin_permisos)
    assert client.get("/intranet/").status_code == 200


def test_el_menu_muestra_la_intranet_solo_al_personal(
    client, ciudadano, funcionario_sin_permisos
):
    client.force_login(ciudadano)
    assert 'href="/intranet/"' not in client.get("/").content.decode()
    client.force_login(funcionario_sin_permisos)
    assert 'href="/intranet/"' in client.get("/").content.decode()


def test_el_aviso_de_intranet_se_ve_desde_su_hora_hasta_su_fin(
    client, funcionario_sin_permisos
):
    aviso = PiezaFactory(
        intranet=True,
        programada=True,
        titulo="Video de la jornada",
        enlace="https://videos.example/jornada",
        programada_para=AHORA + timedelta(hours=1),
        visible_hasta=AHORA + timedelta(days=1),
    )
    client.force_login(funcionario_sin_permisos)
    with _en(AHORA):
        assert aviso.titulo not in client.get("/intranet/").content.decode()
    with _en(AHORA + timedelta(hours=1)):
        html = client.get("/intranet/").content.decode()
        assert aviso.titulo in html
        assert "https://videos.example/jornada?origen=intranet" in html
    with _en(AHORA + timedelta(days=1, seconds=1)):
        assert aviso.titulo not in client.get("/intranet/").content.decode()


def test_el_aviso_dirigido_a_una_dependencia_no_lo_ven_las_demas(client):
    hacienda = DependenciaFactory(nombre="Secretaría de Hacienda")
    gobierno = DependenciaFactory(nombre="Secretaría General y de Gobierno")
    de_hacienda = FuncionarioFactory(dependencia=hacienda)
    de_gobierno = FuncionarioFactory(dependencia=gobierno)
    aviso = PiezaFactory(intranet=True, programada=True, titulo="Solo para Hacienda")
    aviso.dependencias.add(hacienda)

    client.force_login(de_hacienda.usuario)
    assert aviso.titulo in client.get("/intranet/").content.decode()
    client.force_login(de_gobierno.usuario)
    assert aviso.titulo not in client.get("/intranet/").content.decode()


def _texto_pdf(contenido: bytes) -> str:
    return " ".join(
        " ".join(pagina.extract_text().split())
        for pagina in PdfReader(io.BytesIO(contenido)).pages
    )


def test_la_carta_del_alcalde_de_cada_funcionario_lleva_sus_datos_y_la_firma(client):
    dependencia = DependenciaFactory(nombre="Secretaría de Hacienda")
    tesorera = FuncionarioFactory(
        nombres="Gloria Inés",
        apellidos="Montoya Gaviria",
        cargo="Tesorera",
        dependencia=dependencia,
    )
    otro = FuncionarioFactory(nombres="Mauricio", apellidos="Londoño", cargo="Director")
    carta = PiezaFactory(carta=True, programada=True)
    despacho.iniciar_pieza(pieza_id=carta.pk)

    client.force_login(tesorera.usuario)
    respuesta = client.get(reverse("comunicaciones:carta", args=[carta.pk]))
    assert respuesta["Content-Type"] == "application/pdf"
    texto = _texto_pdf(respuesta.content)
    assert (
        "Apreciado(a) Gloria Inés Montoya Gaviria, como Tesorera de Secretaría de Hacienda"
        in texto
    )
    assert "Andrés Felipe Zapata Arango" in texto and "Alcalde municipal" in texto
    assert "Mauricio" not in texto
    # La imagen de la firma va dentro del PDF.
    lector = PdfReader(io.BytesIO(respuesta.content))
    assert any(pagina.images for pagina in lector.pages)

    client.force_login(otro.usuario)
    texto_otro = _texto_pdf(
        client.get(reverse("comunicaciones:carta", args=[carta.pk])).content
    )
    assert "Mauricio Londoño, como Director" in texto_otro


def test_la_carta_no_se_descarga_antes_de_salir_ni_fuera_de_su_audiencia(client):
    hacienda = DependenciaFactory(nombre="Secretaría de Hacienda")
    gobierno = DependenciaFactory(nombre="Secretaría General y de Gobierno")
    ajeno = FuncionarioFactory(dependencia=gobierno)
    carta = PiezaFactory(carta=True, programada=True)
    carta.dependencias.add(hacienda)
    client.force_login(FuncionarioFactory(dependencia=hacienda).usuario)
    assert (
        client.get(reverse("comunicaciones:carta", args=[carta.pk])).status_code == 404
    )

    despacho.iniciar_pieza(pieza_id=carta.pk)
    assert (
        client.get(reverse("comunicaciones:carta", args=[carta.pk])).status_code == 200
    )
    client.force_login(ajeno.usuario)
    assert (
        client.get(reverse("comunicaciones:carta", args=[carta.pk])).status_code == 404
    )


def test_la_carta_sale_por_correo_con_el_pdf_adjunto(
    django_capture_on_commit_callbacks,
):
    from django.core import mail

    FuncionarioFactory(nombres="Gloria Inés", apellidos="Montoya", cargo="Tesorera")
    PiezaFactory(carta=True, programada=True)
    with django_capture_on_commit_callbacks(execute=True):
        despacho.ejecutar_despacho()

    (correo,) = mail.outbox
    (adjunto,) = correo.attachments
    nombre, contenido, tipo = adjunto
    assert (nombre, tipo) == ("carta-del-alcalde.pdf", "application/pdf")
    assert "Gloria Inés Montoya, como Tesorera" in _texto_pdf(contenido)
    assert "Gloria Inés Montoya:" in correo.body
    assert Pieza.objects.get().estado == estados.ENVIADA


def _pdf():
    from django.core.files.base import ContentFile

    return ContentFile(b"%PDF-1.7\n%prueba\n", name="instructivo.pdf")


def test_el_adjunto_de_una_noticia_es_publico_y_el_de_intranet_solo_del_personal(
    client, ciudadano, funcionario_sin_permisos
):
    noticia = PiezaFactory(noticia=True, programada=True, adjunto=_pdf())
    aviso = PiezaFactory(intranet=True, programada=True, adjunto=_pdf())
    borrador = PiezaFactory(noticia=True, adjunto=_pdf())

    publica = client.get(reverse("comunicaciones:adjunto_pieza", args=[noticia.pk]))
    assert publica.status_code == 200
    assert b"".join(publica.streaming_content).startswith(b"%PDF")
    assert (
        client.get(
            reverse("comunicaciones:adjunto_pieza", args=[borrador.pk])
        ).status_code
        == 404
    )

    client.force_login(ciudadano)
    assert (
        client.get(reverse("comunicaciones:adjunto_pieza", args=[aviso.pk])).status_code
        == 302
    )
    client.force_login(funcionario_sin_permisos)
    assert (
        client.get(reverse("comunicaciones:adjunto_pieza", args=[aviso.pk])).status_code
        == 200
    )


def test_el_adjunto_de_un_correo_viaja_con_cada_mensaje(
    django_capture_on_commit_callbacks,
):
    from django.core import mail

    from tests.factories import SuscriptorFactory

    SuscriptorFactory.create_batch(2)
    PiezaFactory(programada=True, adjunto=_pdf(), titulo="Instructivo del trámite")
    with django_capture_on_commit_callbacks(execute=True):
        despacho.ejecutar_despacho()
    assert len(mail.outbox) == 2
    for mensaje in mail.outbox:
        ((nombre, contenido, tipo),) = mensaje.attachments
        assert nombre == "instructivo-del-tramite.pdf"
        assert contenido.startswith(b"%PDF") and tipo == "application/pdf"


def test_los_titulos_de_las_noticias_siguen_al_h1_sin_saltar_niveles(client):
    """Regresión (axe heading-order): en /noticias/ las tarjetas eran h3 bajo el
    h1; en el inicio van bajo el h2 «Noticias»."""
    PiezaFactory(noticia=True, programada=True, titulo="Asesoría en las veredas")
    lista = client.get("/noticias/").content.decode()
    assert re.search(
        r"<h2 class=\"h5\"><a [^>]*>Asesoría en las veredas</a></h2>", lista
    )
    assert "<h3" not in lista.split("<main", 1)[-1]
