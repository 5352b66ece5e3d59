"""La adopción: la parte de las solicitudes de cada trámite que llega en línea,
por mes, frente a lo que anotó la ventanilla y a la meta del Líder GEL."""

from datetime import date, datetime

import pytest
from django.urls import reverse

from sanpedro_gel.reloj import BOGOTA
from tests.factories import SolicitudFactory, TramiteFactory, UsuarioFactory
from tramites.models import MetaAdopcion, RadicacionesVentanilla, TipoTramite
from tramites.services import adopcion

pytestmark = pytest.mark.django_db


def _radicada(tramite, momento, solicitante):
    return SolicitudFactory(
        tramite=tramite, radicada=True, radicado_en=momento, solicitante=solicitante
    )


@pytest.fixture
def tramites():
    return (
        TramiteFactory(tipo=TipoTramite.INSCRIPCION_ICA, orden=1),
        TramiteFactory(novedad=True, orden=2),
        TramiteFactory(horario=True, orden=3),
    )


def test_adopcion_por_tramite_y_mes_en_hora_de_colombia(tramites):
    inscripcion, novedad, _ = tramites
    persona = UsuarioFactory()
    # Marzo: 3 en línea (una a las 11:30 p. m. del 31, ya abril en UTC), 9 en
    # ventanilla → 25 %. Abril: 1 en línea, 1 en ventanilla → 50 %. Mayo: sin
    # anotar la ventanilla.
    for momento in (
        datetime(2026, 3, 2, 8, 0, tzinfo=BOGOTA),
        datetime(2026, 3, 15, 17, 45, tzinfo=BOGOTA),
        datetime(2026, 3, 31, 23, 30, tzinfo=BOGOTA),
        datetime(2026, 4, 1, 0, 15, tzinfo=BOGOTA),
        datetime(2026, 5, 4, 9, 0, tzinfo=BOGOTA),
    ):
        _radicada(inscripcion, momento, persona)
    SolicitudFactory(tramite=inscripcion, solicitante=persona)  # borrador: no cuenta
    _radicada(novedad, datetime(2026, 3, 10, 10, 0, tzinfo=BOGOTA), persona)
    RadicacionesVentanilla.objects.create(
        tramite=inscripcion, mes=date(2026, 3, 1), cantidad=9
    )
    RadicacionesVentanilla.objects.create(
        tramite=inscripcion, mes=date(2026, 4, 1), cantidad=1
    )
    RadicacionesVentanilla.objects.create(
        tramite=novedad, mes=date(2026, 4, 1), cantidad=0
    )
    MetaAdopcion.objects.create(tramite=inscripcion, porcentaje=40)

    filas = adopcion.adopcion(desde=date(2026, 3, 1), hasta=date(2026, 5, 20))

    de_inscripcion = filas[0]
    assert [
        (c.nombre_mes, c.en_linea, c.ventanilla, c.texto) for c in de_inscripcion.celdas
    ] == [
        ("marzo de 2026", 3, 9, "25 %"),
        ("abril de 2026", 1, 1, "50 %"),
        ("mayo de 2026", 1, None, "sin dato de ventanilla"),
    ]
    assert de_inscripcion.meta == 40
    assert de_inscripcion.ultima_con_dato.nombre_mes == "abril de 2026"
    assert de_inscripcion.cumple is True
    de_novedad = filas[1]
    assert [c.texto for c in de_novedad.celdas] == [
        "sin dato de ventanilla",
        "—",
        "sin dato de ventanilla",
    ]
    assert de_novedad.meta is None and de_novedad.cumple is None


def test_en_linea_por_canal_de_cada_mes(tramites):
    inscripcion, *_ = tramites
    persona = UsuarioFactory()
    for momento, como in (
        (datetime(2026, 3, 2, 8, 0, tzinfo=BOGOTA), "EMISORA"),
        (datetime(2026, 3, 3, 8, 0, tzinfo=BOGOTA), "EMISORA"),
        (datetime(2026, 3, 4, 8, 0, tzinfo=BOGOTA), ""),
        (datetime(2026, 4, 4, 8, 0, tzinfo=BOGOTA), "AFICHE"),
    ):
        SolicitudFactory(
            tramite=inscripcion,
            radicada=True,
            radicado_en=momento,
            solicitante=persona,
            como_se_entero=como,
        )

    meses = adopcion.en_linea_por_canal(desde=date(2026, 3, 1), hasta=date(2026, 4, 30))

    assert [(m.nombre_mes, m.total, m.por_canal) for m in meses] == [
        ("marzo de 2026", 3, {"Emisora": 2, "Sin respuesta": 1}),
        ("abril de 2026", 1, {"Afiche": 1}),
    ]


def test_consultas_de_la_adopcion_no_crecen_con_los_meses(
    tramites, django_assert_num_queries
):
    with django_assert_num_queries(4):
        adopcion.adopcion(desde=date(2024, 1, 1), hasta=date(2026, 5, 1))


def test_hacienda_anota_la_ventanilla_de_sus_tramites_y_no_la_de_horarios(
    client, revisor_hacienda, tramites
):
    inscripcion, _, horario = tramites
    client.force_login(revisor_hacienda)
    url = reverse("admin:tramites_radicacionesventanilla_add")

    formulario = client.get(url)
    assert f'<option value="{inscripcion.pk}">' in formulario.text
    assert f'<option value="{horario.pk}">' not in formulario.text

    creada = client.post(
        url, {"tramite": inscripcion.pk, "mes": " 3/2026", "cantidad": "12"}
    )
    assert creada.status_code == 302
    fila = RadicacionesVentanilla.objects.get()
    assert (fila.mes, fila.cantidad, fila.registrado_por) == (
        date(2026, 3, 1),
        12,
        revisor_hacienda,
    )

    repetida = client.post(
        url, {"tramite": inscripcion.pk, "mes": "2026-03", "cantidad": "5"}
    )
    assert "Ya hay un conteo de" in repetida.text
    assert "para marzo de 2026" in repetida.text
    ajena = client.post(url, {"tramite": horario.pk, "mes": "04/2026", "cantidad": "5"})
    assert ajena.status_code == 200
    mal = client.post(
        url, {"tramite": inscripcion.pk, "mes": "marzo", "cantidad": "-1"}
    )
    assert "Escriba el mes como mm/aaaa" in mal.text
    assert RadicacionesVentanilla.objects.count() == 1


def test_gobierno_no_ve_ni_edita_lo_de_hacienda(client, revisor_gobierno, tramites):
    inscripcion, *_ = tramites
    fila = RadicacionesVentanilla.objects.create(
        tramite=inscripcion, mes=date(2026, 3, 1), cantidad=9
    )
    client.force_login(revisor_gobierno)

    lista = client.get(reverse("admin:tramites_radicacionesventanilla_changelist"))
    assert lista.status_code == 200
    assert "en 03/2026" not in lista.text and "marzo de 2026" not in lista.text
    cambio = client.get(
        reverse("admin:tramites_radicacionesventanilla_change", args=[fila.pk])
    )
    assert cambio.status_code in {302, 404}


def test_el_lider_fija_la_meta_y_ve_la_adopcion(
    client, lider_gel, revisor_hacienda, tramites
):
    inscripcion, *_ = tramites
    client.force_login(lider_gel)
    client.post(
        reverse("admin:tramites_metaadopcion_add"),
        {"tramite": inscripcion.pk, "porcentaje": "60"},
    )
    assert MetaAdopcion.objects.get().porcentaje == 60

    pagina = client.get(reverse("admin:tramites_radicacionesventanilla_adopcion"))
    assert pagina.status_code == 200
    assert "<strong>60 %</strong> en línea" in pagina.text

    client.force_login(revisor_hacienda)
    assert client.get(reverse("admin:tramites_metaadopcion_add")).status_code == 403
