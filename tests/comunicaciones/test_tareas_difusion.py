"""Canales con seguimiento: tarea, recordatorios, evidencia y vencidas."""

from datetime import date, datetime, timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from comunicaciones import estados
from comunicaciones.models import EstadoTarea, Pieza, TareaDifusion
from comunicaciones.services import despacho, piezas, tareas
from sanpedro_gel import buzon
from sanpedro_gel.reloj import BOGOTA
from tests.factories import CampanaFactory, PiezaFactory, TramiteFactory, UsuarioFactory
from tests.tramites.ayudas import PNG

pytestmark = pytest.mark.django_db

DIA = datetime(2026, 3, 10, 10, 0, tzinfo=BOGOTA)  # martes, 10:00 en Colombia


@pytest.fixture
def responsable(db):
    return UsuarioFactory(email="prensa@alcaldia.test", first_name="Natalia")


@pytest.fixture
def tarea(lider_gel, responsable):
    pieza = PiezaFactory(
        emisora=True,
        titulo="Cuña de la mañana",
        cuerpo="Texto de la **cuña**.",
        responsable=responsable,
        programada_para=DIA,
    )
    piezas.programar_pieza(pieza_id=pieza.pk, usuario=lider_gel)
    return TareaDifusion.objects.get(pieza=pieza)


def _recordar(ahora):
    """Recuerda a la hora `ahora` del plan y deja que la bandeja envíe.

    Los mensajes de la bandeja nacen con la hora real (su valor por defecto),
    así que el barrido corre con la hora real; el reloj del plan (si el
    recordatorio aún corresponde al enviarse) sigue en `ahora`.
    """
    real = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=ahora):
        registrados = tareas.recordar_tareas(ahora=ahora)
        buzon.enviar_pendientes(ahora=real + timedelta(minutes=2))
    return registrados


def test_programar_un_canal_con_seguimiento_crea_la_tarea_del_responsable(tarea):
    assert tarea.responsable.email == "prensa@alcaldia.test"
    assert tarea.vence_en == DIA
    assert tarea.estado == EstadoTarea.PENDIENTE


def test_sin_responsable_la_tarea_es_del_responsable_de_la_campana(lider_gel):
    campana = CampanaFactory(responsable__email="lider.campana@alcaldia.test")
    pieza = PiezaFactory(campana=campana, emisora=True)
    piezas.programar_pieza(pieza_id=pieza.pk, usuario=lider_gel)
    assert pieza.tarea.responsable.email == "lider.campana@alcaldia.test"


def test_recuerda_el_dia_anterior_y_el_mismo_dia_una_vez_cada_uno(tarea):
    # Lunes 6:59: aún no; lunes 7:00: «mañana».
    assert _recordar(DIA - timedelta(days=1, hours=3, minutes=1)) == 0
    assert _recordar(DIA - timedelta(days=1, hours=3)) == 1
    assert _recordar(DIA - timedelta(days=1, hours=1)) == 0
    (manana,) = mail.outbox
    assert manana.to == ["prensa@alcaldia.test"]
    assert manana.subject == "Mañana: emisora — Cuña de la mañana"
    assert "/intranet/tareas/" in manana.body

    # Martes 7:00: «hoy».
    assert _recordar(DIA - timedelta(hours=3)) == 1
    assert _recordar(DIA - timedelta(hours=2)) == 0
    assert mail.outbox[1].subject == "Hoy: emisora — Cuña de la mañana"
    assert set(buzon.mensajes_de(tarea).values_list("estado", flat=True)) == {"ENVIADO"}


def test_enviar_el_mismo_recordatorio_dos_veces_sale_una(tarea):
    ahora = DIA - timedelta(hours=2)
    assert _recordar(ahora) == 1
    assert _recordar(ahora) == 0
    assert buzon.mensajes_de(tarea).count() == 1
    assert len(mail.outbox) == 1


def test_un_recordatorio_que_ya_no_corresponde_al_enviarse_se_anula(tarea, lider_gel):
    real = timezone.now()
    ahora = DIA - timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=ahora):
        assert tareas.recordar_tareas(ahora=ahora) == 1
        # Antes de que salga, el responsable cierra la tarea.
        tareas.cerrar_tarea(
            tarea_id=tarea.pk,
            usuario=lider_gel,
            evidencia=tareas.Evidencia(
                realizada_el=DIA.date(), enlace="https://x.test"
            ),
        )
        buzon.enviar_pendientes(ahora=real + timedelta(minutes=2))
    assert mail.outbox == []
    assert buzon.mensajes_de(tarea).get().estado == "ANULADO"


def test_una_difusion_de_madrugada_se_recuerda_una_hora_antes(lider_gel, responsable):
    pieza = PiezaFactory(
        emisora=True, responsable=responsable, programada_para=DIA.replace(hour=6)
    )
    piezas.programar_pieza(pieza_id=pieza.pk, usuario=lider_gel)
    assert tareas.hora_del_recordatorio(pieza.tarea, "dia") == DIA.replace(hour=5)


def test_una_tarea_creada_el_mismo_dia_no_recibe_el_de_manana(tarea):
    assert _recordar(DIA - timedelta(hours=1)) == 1
    assert mail.outbox[0].subject.startswith("Hoy:")


def test_el_recordatorio_de_afiches_trae_los_pdf_de_los_tramites(lider_gel):
    tramite = TramiteFactory()
    campana = CampanaFactory()
    campana.tramites.add(tramite)
    pieza = PiezaFactory(
        campana=campana, canal="AFICHES", destinatarios="", programada_para=DIA
    )
    piezas.programar_pieza(pieza_id=pieza.pk, usuario=lider_gel)
    _recordar(DIA - timedelta(hours=2))
    cuerpo = mail.outbox[0].body
    assert f"/afiches/{tramite.slug}/carta.pdf" in cuerpo
    assert f"/afiches/{tramite.slug}/a4.pdf" in cuerpo


def _png():
    return SimpleUploadedFile("foto.png", PNG, content_type="image/png")


def test_el_responsable_cierra_su_tarea_con_evidencia_y_fecha_real(
    client, tarea, responsable
):
    from tests.factories import FuncionarioFactory

    FuncionarioFactory(correo=responsable.email, usuario=responsable)
    despacho.iniciar_pieza(pieza_id=tarea.pieza_id, ahora=DIA)
    client.force_login(responsable)
    url = reverse("comunicaciones:cerrar_tarea", args=[tarea.pk])

    respuesta = client.post(
        url,
        {
            "realizada_el": "10/03/2026",
            "evidencia_archivo": _png(),
            "observaciones": "Salió a las 6:40.",
        },
    )

    assert respuesta.status_code == 302
    tarea.refresh_from_db()
    assert tarea.estado == EstadoTarea.CUMPLIDA
    assert tarea.realizada_el == date(2026, 3, 10)
    assert tarea.cerrada_por == responsable
    assert tarea.evidencia_archivo.name.endswith(".png")
    assert "foto" not in tarea.evidencia_archivo.name
    assert Pieza.objects.get().estado == estados.ENVIADA
    descarga = client.get(reverse("comunicaciones:evidencia", args=[tarea.pk]))
    assert descarga.status_code == 200


def test_sin_evidencia_o_con_fecha_futura_no_se_cierra(client, tarea, responsable):
    from tests.factories import FuncionarioFactory

    FuncionarioFactory(correo=responsable.email, usuario=responsable)
    client.force_login(responsable)
    url = reverse("comunicaciones:cerrar_tarea", args=[tarea.pk])

    sin_nada = client.post(url, {"realizada_el": "10/03/2026"}).content.decode()
    assert "Adjunte un archivo o escriba un enlace como evidencia." in sin_nada
    assert "<title>Error:" in sin_nada

    futura = client.post(
        url, {"realizada_el": "31/12/2099", "evidencia_enlace": "https://x.test/a"}
    ).content.decode()
    assert "La fecha real no puede ser posterior a hoy." in futura
    assert 'value="https://x.test/a"' in futura

    falso_pdf = SimpleUploadedFile("cert.pdf", b"MZ no soy un pdf")
    html = client.post(
        url, {"realizada_el": "10/03/2026", "evidencia_archivo": falso_pdf}
    ).content.decode()
    assert "no es un PDF, JPG o PNG" in html
    assert TareaDifusion.objects.get().estado == EstadoTarea.PENDIENTE


def test_otra_persona_no_cierra_la_tarea(client, tarea, funcionario_sin_permisos):
    client.force_login(funcionario_sin_permisos)
    url = reverse("comunicaciones:cerrar_tarea", args=[tarea.pk])
    assert client.get(url).status_code == 403


def test_el_lider_cierra_cualquiera_y_ve_las_vencidas(client, tarea, lider_gel):
    # El mismo día, más tarde, aún no vence: el responsable tiene hasta la noche.
    with mock.patch("django.utils.timezone.now", return_value=DIA + timedelta(hours=8)):
        assert list(TareaDifusion.objects.vencidas()) == []
    with mock.patch("django.utils.timezone.now", return_value=DIA + timedelta(days=1)):
        assert list(TareaDifusion.objects.vencidas()) == [tarea]
        client.force_login(lider_gel)
        calendario = client.get(
            reverse("admin:comunicaciones_pieza_calendario") + "?mes=2026-03"
        ).content.decode()
        lista = client.get(
            reverse("admin:comunicaciones_tareadifusion_changelist") + "?vencida=si"
        ).content.decode()
        intranet = client.get(reverse("comunicaciones:tareas")).content.decode()
    assert "Cuña de la mañana" in calendario
    assert "Tareas de difusión vencidas sin evidencia" in calendario
    assert "Cuña de la mañana" in lista
    assert "Vencida" in intranet


def test_cerrar_dos_veces_es_un_error_claro(tarea, lider_gel):
    evidencia = tareas.Evidencia(
        realizada_el=date(2026, 3, 10), enlace="https://x.test"
    )
    tareas.cerrar_tarea(tarea_id=tarea.pk, usuario=lider_gel, evidencia=evidencia)
    from comunicaciones.excepciones import TareaNoCerrable

    with pytest.raises(TareaNoCerrable):
        tareas.cerrar_tarea(tarea_id=tarea.pk, usuario=lider_gel, evidencia=evidencia)


def test_comando_gemelo_recordar_tareas(capsys):
    from django.core.management import call_command

    call_command("recordar_tareas_difusion")
    assert "Recordatorios encolados: 0" in capsys.readouterr().out


def test_el_formulario_vacio_dice_todo_lo_que_falta_de_una_vez(
    client, tarea, responsable
):
    from tests.factories import FuncionarioFactory

    FuncionarioFactory(correo=responsable.email, usuario=responsable)
    client.force_login(responsable)
    html = client.post(
        reverse("comunicaciones:cerrar_tarea", args=[tarea.pk]), {}
    ).content.decode()
    assert html.count("Escriba la fecha real de la difusión.") == 2
    assert html.count("Adjunte un archivo o escriba un enlace como evidencia.") == 2
