"""La efectividad de una campaña cuenta una solicitud para un canal solo si se
radicó mientras una pieza de ese canal estaba al aire."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from comunicaciones import estados
from comunicaciones.models import Canal
from comunicaciones.services import despacho, plan, tareas
from sanpedro_gel.reloj import BOGOTA, inicio_del_dia
from tests.factories import (
    CampanaFactory,
    PiezaFactory,
    SolicitudFactory,
    TramiteFactory,
)

pytestmark = pytest.mark.django_db


def _radicada(tramite, momento, **datos):
    return SolicitudFactory(
        tramite=tramite, radicada=True, radicado_en=momento, **datos
    )


@pytest.fixture
def campana(lider_gel):
    hoy = timezone.localdate()
    campana = CampanaFactory(
        nombre="Inscripción ICA en línea",
        fecha_inicio=hoy - timedelta(days=60),
        fecha_fin=hoy + timedelta(days=30),
        responsable=lider_gel,
    )
    campana.tramites.add(TramiteFactory())
    return campana


def _afiche_en_curso(campana):
    """Un afiche programado que el despachador ya convirtió en tarea."""
    pieza = PiezaFactory(
        campana=campana,
        canal=Canal.AFICHES,
        destinatarios="",
        titulo="Afiche en los cafés internet",
        programada=True,
    )
    despacho.iniciar_pieza(pieza_id=pieza.pk)
    pieza.refresh_from_db()
    return pieza


def test_un_afiche_sin_entregar_creado_despues_de_una_solicitud_no_se_la_acredita(
    campana,
):
    tramite = campana.tramites.get()
    _radicada(tramite, timezone.now() - timedelta(days=3), como_se_entero="AFICHE")
    pieza = _afiche_en_curso(campana)
    assert pieza.estado == estados.EN_CURSO

    (fila,) = plan.efectividad(campana)

    assert (fila.canal, fila.piezas, fila.entregadas) == ("AFICHES", 1, 0)
    assert fila.solicitudes == 0
    assert fila.ventanas == []


def test_el_afiche_cuenta_desde_su_fecha_real_de_difusion(campana, lider_gel):
    tramite = campana.tramites.get()
    hoy = timezone.localdate()
    pegado_el = hoy - timedelta(days=5)
    _radicada(
        tramite, inicio_del_dia(pegado_el) - timedelta(hours=2), origen="afiche"
    )  # la víspera
    _radicada(tramite, inicio_del_dia(pegado_el) + timedelta(hours=9), origen="afiche")
    _radicada(tramite, timezone.now() - timedelta(hours=1), como_se_entero="AFICHE")
    pieza = _afiche_en_curso(campana)
    tareas.cerrar_tarea(
        tarea_id=pieza.tarea.pk,
        usuario=lider_gel,
        evidencia=tareas.Evidencia(
            realizada_el=pegado_el, enlace="https://fotos.test/afiche-cafe-internet"
        ),
    )

    (fila,) = plan.efectividad(campana)

    assert fila.entregadas == 1
    assert fila.solicitudes == 2
    ((desde, hasta),) = fila.ventanas
    assert desde == inicio_del_dia(pegado_el)
    assert hasta == desde + timedelta(days=plan.DIAS_SIN_FIN)


def test_el_banner_cuenta_mientras_se_ve_y_el_correo_los_dias_por_defecto(campana):
    tramite = campana.tramites.get()
    salio = datetime(2026, 3, 2, 8, 0, tzinfo=BOGOTA)
    PiezaFactory(
        campana=campana,
        banner=True,
        estado=estados.ENVIADA,
        programada_para=salio,
        iniciada_en=salio,
        visible_hasta=salio + timedelta(days=10),
    )
    PiezaFactory(
        campana=campana,
        estado=estados.ENVIADA,
        programada_para=salio,
        iniciada_en=salio,
    )
    # Un correo que nunca salió no abre ventana.
    PiezaFactory(campana=campana, programada=True, programada_para=salio)

    _radicada(tramite, salio - timedelta(minutes=5), origen="banner")  # antes
    _radicada(tramite, salio + timedelta(days=9), origen="banner-ica-marzo")
    _radicada(tramite, salio + timedelta(days=11), origen="banner")  # ya no se veía
    _radicada(tramite, salio + timedelta(days=29), como_se_entero="CORREO")
    _radicada(tramite, salio + timedelta(days=31), origen="correo")  # fuera

    filas = {fila.canal: fila for fila in plan.efectividad(campana)}

    assert filas["BANNER"].solicitudes == 1
    assert filas["BANNER"].ventanas == [(salio, salio + timedelta(days=10))]
    assert filas["CORREO"].solicitudes == 1
    assert filas["CORREO"].ventanas == [(salio, salio + timedelta(days=30))]


def test_el_tablero_dice_cual_es_la_ventana(client, lider_gel, campana):
    _afiche_en_curso(campana)
    client.force_login(lider_gel)

    html = client.get(
        reverse("admin:comunicaciones_campana_tablero", args=[campana.pk])
    ).content.decode()

    assert "mientras una pieza de ese canal estaba al aire" in html
    assert f"{plan.DIAS_SIN_FIN} días" in html
    assert "Ninguna pieza de este canal ha salido" in html
