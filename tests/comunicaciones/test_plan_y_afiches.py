"""Ver el plan (calendario, línea de tiempo, efectividad) y los afiches."""

import io
import re
from datetime import date, datetime, timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from pypdf import PdfReader

from comunicaciones import estados
from comunicaciones.models import TareaDifusion
from comunicaciones.services import plan
from comunicaciones.services.afiches import TAMANOS, afiche_pdf, enlace_del_afiche
from comunicaciones.services.mensajes import combinar_html
from sanpedro_gel.pdf import qr_svg_data_uri
from sanpedro_gel.reloj import BOGOTA
from sanpedro_gel.texto import markdown_seguro
from tests.factories import (
    CampanaFactory,
    PiezaFactory,
    SolicitudFactory,
    TramiteFactory,
)
from tramites.demo import cargar_catalogo
from tramites.models import Tramite

pytestmark = pytest.mark.django_db


# --- Afiches ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tamano", "ancho", "alto"), [("carta", 612, 792), ("a4", 595.28, 841.89)]
)
def test_el_afiche_sale_en_carta_y_a4_en_una_pagina_con_los_pasos(
    client, tamano, ancho, alto
):
    tramite = TramiteFactory(pasos="Cree su cuenta\nDiligencie el formulario\nRadique")
    respuesta = client.get(
        reverse(
            "comunicaciones:afiche", kwargs={"slug": tramite.slug, "tamano": tamano}
        )
    )

    assert respuesta["Content-Type"] == "application/pdf"
    lector = PdfReader(io.BytesIO(respuesta.content))
    (pagina,) = lector.pages
    assert float(pagina.mediabox.width) == pytest.approx(ancho, abs=0.5)
    assert float(pagina.mediabox.height) == pytest.approx(alto, abs=0.5)
    texto = " ".join(pagina.extract_text().split())
    assert tramite.nombre in texto
    for paso in ("Cree su cuenta", "Diligencie el formulario", "Radique"):
        assert paso in texto
    assert f"/tramites/{tramite.slug}/" in texto.replace(" ", "")


def test_el_qr_del_afiche_lleva_origen_afiche(settings):
    settings.PORTAL_URL = "https://tramites.sanpedro.test"
    tramite = TramiteFactory()
    enlace = enlace_del_afiche(tramite)
    assert (
        enlace
        == f"https://tramites.sanpedro.test{tramite.get_absolute_url()}?origen=afiche"
    )
    html = render_to_string(
        "comunicaciones/pdf/afiche.html",
        {
            "tramite": tramite,
            "pasos": tramite.lista_de_pasos(),
            "enlace": enlace,
            "enlace_visible": enlace,
            "tamano_css": "letter",
            "entidad": settings.ENTIDAD,
        },
    )
    assert qr_svg_data_uri(enlace) in html


def _paginas_con_el_qr(lector: PdfReader) -> list[int]:
    """Páginas donde está la figura etiquetada como QR (el PDF sale etiquetado)."""
    paginas = [pagina.indirect_reference.idnum for pagina in lector.pages]
    encontradas = []

    def recorrer(elemento):
        elemento = elemento.get_object()
        if not isinstance(elemento, dict):
            return
        if elemento.get("/S") == "/Figure" and str(elemento.get("/Alt", "")).startswith(
            "Código QR"
        ):
            encontradas.append(paginas.index(elemento.raw_get("/Pg").idnum))
        hijos = elemento.get("/K")
        for hijo in hijos if isinstance(hijos, list) else [hijos] if hijos else []:
            recorrer(hijo)

    recorrer(lector.trailer["/Root"]["/StructTreeRoot"])
    return encontradas


def _afiche_de_una_pagina_con_qr(tramite, tamano) -> str:
    """Texto de la única página del afiche; falla si son más o si falta el QR."""
    lector = PdfReader(io.BytesIO(afiche_pdf(tramite=tramite, tamano=tamano)))
    assert len(lector.pages) == 1, f"{tramite.slug} en {tamano}"
    assert _paginas_con_el_qr(lector) == [0], f"{tramite.slug} en {tamano}"
    texto = " ".join(lector.pages[0].extract_text().split())
    assert "Escanee el código" in texto
    assert f"/tramites/{tramite.slug}/" in texto.replace(" ", "")
    return texto


def test_cada_tramite_del_catalogo_cabe_en_una_pagina_con_su_qr_en_cada_tamano():
    cargar_catalogo()
    tramites = list(Tramite.objects.all())
    assert len(tramites) >= 3
    for tramite in tramites:
        for tamano in TAMANOS:
            texto = _afiche_de_una_pagina_con_qr(tramite, tamano)
            for paso in tramite.lista_de_pasos():
                assert " ".join(paso.split()) in texto


@pytest.mark.parametrize("tamano", list(TAMANOS))
@pytest.mark.parametrize(
    ("largo_nombre", "numero_pasos", "largo_paso"),
    [(200, 6, 120), (72, 12, 110), (200, 30, 300), (40, 1, 3000)],
)
def test_un_tramite_muy_largo_cabe_en_una_pagina_y_dice_cuantos_pasos_faltan(
    tamano, largo_nombre, numero_pasos, largo_paso
):
    tramite = TramiteFactory()
    tramite.nombre = ("Permiso de ampliación de horario " * 10)[:largo_nombre]
    pasos = [
        f"Paso {n}: " + ("adjunte los documentos y radique " * 100)[:largo_paso]
        for n in range(1, numero_pasos + 1)
    ]
    tramite.pasos = "\n".join(pasos)

    texto = _afiche_de_una_pagina_con_qr(tramite, tamano)

    assert " ".join(tramite.nombre.split()) in texto
    impresos = [n for n in range(1, numero_pasos + 1) if f"Paso {n}:" in texto]
    assert impresos == list(range(1, len(impresos) + 1))
    faltan = numero_pasos - len(impresos)
    if faltan:
        assert f"y {faltan} paso" in texto and "en la dirección de abajo" in texto
    else:
        assert "en la dirección de abajo" not in texto


def test_el_afiche_se_dibuja_una_vez_y_otra_si_cambia_la_ficha(client, monkeypatch):
    """El afiche anónimo no se dibuja en cada visita (~1 s); cambiar los pasos
    del trámite da el afiche nuevo sin invalidar nada a mano."""
    from comunicaciones.services import afiches

    dibujados = []
    original = afiches._dibujar
    monkeypatch.setattr(
        afiches, "_dibujar", lambda t, tam: dibujados.append(tam) or original(t, tam)
    )
    tramite = TramiteFactory(pasos="Entre al portal\nLlene el formulario")
    url = reverse("comunicaciones:afiche", args=[tramite.slug, "carta"])
    primero = client.get(url).content
    assert client.get(url).content == primero
    assert dibujados == ["carta"]
    client.get(reverse("comunicaciones:afiche", args=[tramite.slug, "a4"]))
    assert dibujados == ["carta", "a4"]

    tramite.pasos = "Entre al portal\nLlene el formulario\nRadique"
    tramite.save()
    nuevo = client.get(url).content
    assert dibujados == ["carta", "a4", "carta"]
    assert "Radique" in "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(nuevo)).pages
    )


def test_un_tamano_de_afiche_desconocido_es_404(client):
    tramite = TramiteFactory()
    respuesta = client.get(
        reverse("comunicaciones:afiche", kwargs={"slug": tramite.slug, "tamano": "a3"})
    )
    assert respuesta.status_code == 404


def _enlaces_de_afiche(html: str) -> dict[str, str]:
    """{etiqueta: ruta} de los enlaces «Afiche para imprimir: …» de una página."""
    return {
        etiqueta: ruta.replace("&amp;", "&")
        for ruta, etiqueta in re.findall(
            r'<a href="([^"]+)"[^>]*>(Afiche para imprimir: [^<]+)</a>', html
        )
    }


def _es_afiche_de_una_pagina(client, ruta):
    respuesta = client.get(ruta)
    assert respuesta.status_code == 200, ruta
    assert respuesta["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(respuesta.content)).pages) == 1


def test_la_pieza_de_afiches_enlaza_el_pdf_de_cada_tramite_en_cada_tamano(
    client, lider_gel
):
    tramite = TramiteFactory()
    horario = TramiteFactory(horario=True)
    campana = CampanaFactory()
    campana.tramites.set([tramite, horario])
    pieza = PiezaFactory(
        campana=campana, canal="AFICHES", destinatarios="", titulo="Afiches ICA"
    )
    client.force_login(lider_gel)

    respuesta = client.get(
        reverse("admin:comunicaciones_pieza_change", args=[pieza.pk])
    )

    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Afiches para imprimir" in html
    enlaces = re.findall(
        r'<a href="([^"]+)"[^>]*>(Afiche para imprimir: [^<]+)</a>', html
    )
    esperados = [
        (
            reverse("comunicaciones:afiche", kwargs={"slug": t.slug, "tamano": tamano}),
            f"Afiche para imprimir: {nombre} (PDF)",
        )
        for t in (tramite, horario)
        for tamano, nombre in (("carta", "carta"), ("a4", "A4"))
    ]
    assert sorted(enlaces) == sorted(esperados)
    for ruta, _ in enlaces:
        _es_afiche_de_una_pagina(client, ruta)


def test_solo_la_pieza_de_afiches_muestra_los_afiches_para_imprimir(client, lider_gel):
    campana = CampanaFactory()
    campana.tramites.set([TramiteFactory()])
    pieza = PiezaFactory(campana=campana, emisora=True)
    client.force_login(lider_gel)

    respuesta = client.get(
        reverse("admin:comunicaciones_pieza_change", args=[pieza.pk])
    )

    assert respuesta.status_code == 200
    assert _enlaces_de_afiche(respuesta.content.decode()) == {}


# --- Calendario y línea de tiempo ------------------------------------------------------


def test_el_calendario_pone_cada_pieza_en_su_dia_de_colombia():
    # 23:30 del 31 de marzo en Bogotá son las 4:30 del 1 de abril en UTC.
    tarde = datetime(2026, 3, 31, 23, 30, tzinfo=BOGOTA)
    pieza = PiezaFactory(emisora=True, programada=True, programada_para=tarde)
    PiezaFactory(emisora=True, estado=estados.CANCELADA, programada_para=tarde)

    semanas = plan.calendario_del_mes(2026, 3)

    dias = {dia.fecha: dia.piezas for semana in semanas for dia in semana}
    assert dias[date(2026, 3, 31)] == [pieza]
    assert all(semana[0].fecha.weekday() == 0 for semana in semanas)
    assert [p for d, ps in dias.items() if d != date(2026, 3, 31) for p in ps] == []


def test_el_calendario_filtra_por_canal_y_hace_pocas_consultas(
    client, lider_gel, django_assert_max_num_queries
):
    momento = datetime(2026, 3, 10, 9, 0, tzinfo=BOGOTA)
    for canal in ("EMISORA", "PRENSA", "TELEVISION"):
        PiezaFactory(
            canal=canal,
            destinatarios="",
            titulo=f"Pieza {canal}",
            programada=True,
            programada_para=momento,
        )
    client.force_login(lider_gel)
    url = reverse("admin:comunicaciones_pieza_calendario")
    with django_assert_max_num_queries(12):
        html = client.get(url + "?mes=2026-03&canal=PRENSA").content.decode()
    assert "Pieza PRENSA" in html
    assert "Pieza EMISORA" not in html


def test_el_calendario_y_el_tablero_piden_permiso(client, funcionario_sin_permisos):
    campana = CampanaFactory()
    client.force_login(funcionario_sin_permisos)
    assert client.get(reverse("admin:comunicaciones_pieza_calendario")).status_code in (
        302,
        403,
    )
    assert client.get(
        reverse("admin:comunicaciones_campana_tablero", args=[campana.pk])
    ).status_code in (302, 403)


# --- Efectividad ---------------------------------------------------------------------


def _radicada(tramite, dia, **datos):
    return SolicitudFactory(
        tramite=tramite,
        radicada=True,
        radicado_en=datetime.combine(dia, datetime.min.time(), tzinfo=BOGOTA)
        + timedelta(hours=10),
        **datos,
    )


def test_la_efectividad_cruza_piezas_entregadas_con_solicitudes_por_canal(
    client, lider_gel
):
    ica = TramiteFactory()
    horario = TramiteFactory(horario=True)
    inicio, fin = date(2026, 3, 1), date(2026, 3, 31)
    campana = CampanaFactory(fecha_inicio=inicio, fecha_fin=fin)
    campana.tramites.add(ica)
    cuna = PiezaFactory(campana=campana, emisora=True, estado=estados.ENVIADA)
    TareaDifusion.objects.create(
        pieza=cuna,
        responsable=campana.responsable,
        estado=estados.CUMPLIDA,
        vence_en=datetime(2026, 3, 5, 8, 0, tzinfo=BOGOTA),
        realizada_el=date(2026, 3, 5),
        evidencia_enlace="https://emisora.test/cuna-ica",
    )
    PiezaFactory(campana=campana, emisora=True, programada=True)
    PiezaFactory(
        campana=campana,
        banner=True,
        estado=estados.ENVIADA,
        iniciada_en=datetime(2026, 3, 1, 8, 0, tzinfo=BOGOTA),
        visible_hasta=datetime(2026, 4, 1, 0, 0, tzinfo=BOGOTA),
    )

    _radicada(ica, date(2026, 3, 5), como_se_entero="EMISORA")
    _radicada(ica, date(2026, 3, 6), origen="banner")
    _radicada(ica, date(2026, 3, 7), origen="banner-ica-marzo")
    _radicada(ica, date(2026, 3, 8), origen="bannerazo")  # otra etiqueta
    _radicada(ica, date(2026, 2, 28), como_se_entero="EMISORA")  # antes
    _radicada(ica, date(2026, 4, 1), origen="banner")  # después
    _radicada(horario, date(2026, 3, 9), como_se_entero="EMISORA")  # otro trámite
    SolicitudFactory(tramite=ica, como_se_entero="EMISORA")  # borrador

    filas = {fila.canal: fila for fila in plan.efectividad(campana)}

    assert (filas["EMISORA"].piezas, filas["EMISORA"].entregadas) == (2, 1)
    assert filas["EMISORA"].solicitudes == 1
    assert filas["BANNER"].solicitudes == 2

    client.force_login(lider_gel)
    html = client.get(
        reverse("admin:comunicaciones_campana_tablero", args=[campana.pk])
    ).content.decode()
    assert "Efectividad por canal" in html and "Línea de tiempo" in html


# --- Texto con formato seguro ----------------------------------------------------------


def test_el_markdown_se_limpia_de_scripts_y_enlaces_peligrosos():
    html = markdown_seguro(
        "**hola** <script>alert(1)</script> [clic](javascript:alert(2)) "
        '<img src=x onerror="alert(3)"> [portal](https://tramites.test)'
    )
    assert "<strong>hola</strong>" in html
    assert "<script" not in html and "onerror" not in html
    assert "javascript:" not in html
    assert 'href="https://tramites.test"' in html


def test_los_campos_de_combinacion_se_escapan():
    html = combinar_html(
        "<p>Hola, {{ nombre }} ({{cargo}})</p>",
        {"nombre": "<b>Ana</b>", "cargo": "Tesorera"},
    )
    assert html == "<p>Hola, &lt;b&gt;Ana&lt;/b&gt; (Tesorera)</p>"


def test_el_enlace_conserva_su_consulta_y_reemplaza_el_origen():
    pieza = PiezaFactory(
        banner=True, enlace="https://otro.test/a?x=1&origen=viejo#ancla"
    )
    assert pieza.enlace_con_origen() == "https://otro.test/a?x=1&origen=banner#ancla"


def test_el_enlace_relativo_se_vuelve_absoluto_en_los_correos(settings):
    settings.PORTAL_URL = "https://tramites.sanpedro.test"
    pieza = PiezaFactory(enlace="/tramites/")
    assert pieza.enlace_con_origen(absoluto=True) == (
        "https://tramites.sanpedro.test/tramites/?origen=correo"
    )


def test_hora_de_bogota_lee_sin_zona_en_colombia_y_respeta_la_dada():
    from zoneinfo import ZoneInfo

    from sanpedro_gel.reloj import hora_de_bogota

    utc = ZoneInfo("UTC")
    assert hora_de_bogota(datetime(2026, 3, 10, 8, 0)) == datetime(
        2026, 3, 10, 13, 0, tzinfo=utc
    )
    dada = datetime(2026, 3, 10, 8, 0, tzinfo=utc)
    assert hora_de_bogota(dada) is dada
