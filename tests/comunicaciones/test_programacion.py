"""Programar, desprogramar, cancelar y reintentar piezas; hora de Colombia."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from comunicaciones import estados
from comunicaciones.excepciones import PiezaIncompleta
from comunicaciones.models import (
    Envio,
    EstadoCampana,
    EstadoEnvio,
    EstadoTarea,
    Pieza,
    TareaDifusion,
)
from comunicaciones.services import despacho, estado_pieza, piezas
from sanpedro_gel.excepciones import ConflictoDeEstado, TransicionInvalida
from tests.factories import CampanaFactory, PiezaFactory, SuscriptorFactory

pytestmark = pytest.mark.django_db

UTC = ZoneInfo("UTC")


def test_programar_deja_la_pieza_lista_para_el_despachador(lider_gel):
    pieza = PiezaFactory()

    programada = piezas.programar_pieza(pieza_id=pieza.pk, usuario=lider_gel)

    assert programada.estado == estados.PROGRAMADA
    assert programada.programada_por == lider_gel


def test_programar_dos_veces_es_un_error_claro(lider_gel):
    pieza = PiezaFactory()
    piezas.programar_pieza(pieza_id=pieza.pk, usuario=lider_gel)
    with pytest.raises(TransicionInvalida):
        piezas.programar_pieza(pieza_id=pieza.pk, usuario=lider_gel)


def test_no_se_programa_una_pieza_incompleta(lider_gel):
    banner = PiezaFactory(
        banner=True, imagen="", visible_hasta=None, texto_alternativo=""
    )
    with pytest.raises(PiezaIncompleta) as error:
        piezas.programar_pieza(pieza_id=banner.pk, usuario=lider_gel)
    assert "El banner necesita una imagen." in error.value.errores
    assert "Indique hasta cuándo se ve el banner." in error.value.errores
    assert Pieza.objects.get().estado == estados.BORRADOR


def test_la_carta_exige_la_firma_y_el_correo_sus_destinatarios(lider_gel):
    carta = PiezaFactory(carta=True, firma=None)
    correo = PiezaFactory(destinatarios="")
    with pytest.raises(PiezaIncompleta, match="firma del alcalde"):
        piezas.programar_pieza(pieza_id=carta.pk, usuario=lider_gel)
    with pytest.raises(PiezaIncompleta, match="destinatarios"):
        piezas.programar_pieza(pieza_id=correo.pk, usuario=lider_gel)


def test_la_etiqueta_de_origen_debe_nombrar_su_canal(lider_gel):
    pieza = PiezaFactory(banner=True, etiqueta_origen="emisora-marzo")
    with pytest.raises(PiezaIncompleta, match="banner"):
        piezas.programar_pieza(pieza_id=pieza.pk, usuario=lider_gel)


# --- Hora de Colombia ---------------------------------------------------------------


def test_una_hora_sin_zona_se_lee_en_hora_de_colombia(lider_gel):
    pieza = PiezaFactory(programada_para=None)
    with timezone.override(ZoneInfo("Asia/Tokyo")):
        programada = piezas.programar_pieza(
            pieza_id=pieza.pk,
            usuario=lider_gel,
            programada_para=datetime(2026, 3, 10, 8, 0),
        )
    # 8:00 en Bogotá (UTC−5) son las 13:00 UTC, no las 8:00 de Tokio.
    assert programada.programada_para == datetime(2026, 3, 10, 13, 0, tzinfo=UTC)


def test_el_despachador_compara_instantes_sin_importar_la_zona(
    lider_gel, django_capture_on_commit_callbacks
):
    SuscriptorFactory()
    madrid = ZoneInfo("Europe/Madrid")
    pieza = PiezaFactory(programada_para=None)
    piezas.programar_pieza(
        pieza_id=pieza.pk,
        usuario=lider_gel,
        # 14:00 en Madrid (UTC+1 en marzo) = 8:00 en Bogotá.
        programada_para=datetime(2026, 3, 10, 14, 0, tzinfo=madrid),
    )
    bogota = ZoneInfo("America/Bogota")
    with django_capture_on_commit_callbacks(execute=True):
        antes = despacho.ejecutar_despacho(
            ahora=datetime(2026, 3, 10, 7, 59, tzinfo=bogota)
        )
        a_tiempo = despacho.ejecutar_despacho(
            ahora=datetime(2026, 3, 10, 8, 0, tzinfo=bogota)
        )
    assert antes.tomadas == []
    assert a_tiempo.tomadas == [pieza.pk]
    assert len(mail.outbox) == 1


def test_el_admin_lee_la_hora_en_colombia_aunque_haya_otra_zona_activa(
    client, lider_gel
):
    campana = CampanaFactory()
    client.force_login(lider_gel)
    datos = {
        "campana": campana.pk,
        "canal": "NOTICIA",
        "titulo": "Jornada de asesoría",
        "cuerpo": "Texto de la noticia.",
        "programada_para_0": "10/03/2026",
        "programada_para_1": "08:00:00",
    }
    with timezone.override(ZoneInfo("Asia/Tokyo")):
        respuesta = client.post(reverse("admin:comunicaciones_pieza_add"), datos)
        assert respuesta.status_code == 302, respuesta.content.decode()[:3000]
        pieza = Pieza.objects.get()
        # Y la muestra en hora de Colombia al volver a abrirla.
        html = client.get(
            reverse("admin:comunicaciones_pieza_change", args=[pieza.pk])
        ).content.decode()
    assert pieza.programada_para == datetime(2026, 3, 10, 13, 0, tzinfo=UTC)
    assert 'value="08:00:00"' in html


# --- Cambios de estado ------------------------------------------------------------


def test_volver_a_borrador_descarta_la_tarea_pendiente(lider_gel):
    pieza = PiezaFactory(emisora=True)
    piezas.programar_pieza(pieza_id=pieza.pk, usuario=lider_gel)
    assert TareaDifusion.objects.filter(pieza=pieza).exists()

    piezas.volver_a_borrador(pieza_id=pieza.pk)

    assert Pieza.objects.get().estado == estados.BORRADOR
    assert not TareaDifusion.objects.exists()


def test_cancelar_omite_lo_pendiente_y_cancela_la_tarea(lider_gel):
    SuscriptorFactory.create_batch(3)
    correo = PiezaFactory(programada=True)
    despacho.iniciar_pieza(pieza_id=correo.pk)
    radio = PiezaFactory(emisora=True)
    piezas.programar_pieza(pieza_id=radio.pk, usuario=lider_gel)

    piezas.cancelar_pieza(pieza_id=correo.pk)
    piezas.cancelar_pieza(pieza_id=radio.pk)

    assert set(Envio.objects.values_list("estado", flat=True)) == {EstadoEnvio.OMITIDO}
    assert TareaDifusion.objects.get().estado == EstadoTarea.CANCELADA
    with pytest.raises(TransicionInvalida):
        piezas.cancelar_pieza(pieza_id=correo.pk)


def test_un_cambio_de_estado_sobre_una_pieza_que_otro_movio_es_un_conflicto():
    pieza = PiezaFactory(programada=True)
    Pieza.objects.filter(pk=pieza.pk).update(estado=estados.EN_CURSO)
    with pytest.raises(ConflictoDeEstado):
        estado_pieza.cambiar_estado(
            pieza_id=pieza.pk, desde=estados.PROGRAMADA, hacia=estados.BORRADOR
        )


def test_reintentar_fallidos_dos_veces_no_duplica(django_capture_on_commit_callbacks):
    SuscriptorFactory.create_batch(2)
    pieza = PiezaFactory(programada=True)
    with django_capture_on_commit_callbacks(execute=True):
        despacho.ejecutar_despacho()
    Envio.objects.filter(pk=Envio.objects.first().pk).update(estado=EstadoEnvio.FALLIDO)
    Pieza.objects.filter(pk=pieza.pk).update(estado=estados.ENVIADA)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert piezas.reintentar_fallidos(pieza_id=pieza.pk) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert piezas.reintentar_fallidos(pieza_id=pieza.pk) == 0

    assert len(mail.outbox) == 1
    assert Pieza.objects.get().estado == estados.ENVIADA


def test_pausar_y_reanudar_una_pieza_en_curso(django_capture_on_commit_callbacks):
    SuscriptorFactory.create_batch(2)
    pieza = PiezaFactory(programada=True)
    despacho.iniciar_pieza(pieza_id=pieza.pk)

    piezas.pausar_pieza(pieza_id=pieza.pk, motivo="Revisar el asunto.")
    assert Pieza.objects.get().estado == estados.PAUSADA
    with django_capture_on_commit_callbacks(execute=True):
        piezas.reanudar_pieza(pieza_id=pieza.pk)

    assert len(mail.outbox) == 2
    assert Pieza.objects.get().estado == estados.ENVIADA


def test_cancelar_la_campana_cancela_lo_que_no_ha_salido():
    campana = CampanaFactory()
    pendiente = PiezaFactory(campana=campana, programada=True)
    enviada = PiezaFactory(campana=campana, noticia=True, estado=estados.ENVIADA)

    piezas.cambiar_estado_campana(campana_id=campana.pk, hacia=EstadoCampana.CANCELADA)

    pendiente.refresh_from_db()
    enviada.refresh_from_db()
    assert (pendiente.estado, enviada.estado) == (estados.CANCELADA, estados.ENVIADA)
    with pytest.raises(TransicionInvalida):
        piezas.cambiar_estado_campana(campana_id=campana.pk, hacia=EstadoCampana.ACTIVA)


# --- «Enviarme una prueba» -----------------------------------------------------------


def test_enviarme_una_prueba_llega_a_quien_la_pide_sin_crear_envios(
    client, lider_gel, django_capture_on_commit_callbacks
):
    SuscriptorFactory.create_batch(3)
    pieza = PiezaFactory()
    client.force_login(lider_gel)

    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(
            reverse("admin:comunicaciones_pieza_accion", args=[pieza.pk, "prueba"])
        )

    assert respuesta.status_code == 302
    (prueba,) = mail.outbox
    assert prueba.to == [lider_gel.email]
    assert prueba.subject.startswith("[PRUEBA] ")
    assert "Hola, Luisa" in prueba.alternatives[0][0]
    assert not Envio.objects.exists()
    assert Pieza.objects.get().estado == estados.BORRADOR


def test_la_vista_previa_muestra_el_correo_tal_como_llega(client, lider_gel):
    pieza = PiezaFactory(cuerpo="Hola, {{ nombre }}. **Sin filas**.")
    client.force_login(lider_gel)
    html = client.get(
        reverse("admin:comunicaciones_pieza_vista_previa", args=[pieza.pk])
    ).content.decode()
    assert f"Asunto: {pieza.titulo}" in html
    assert "&lt;strong&gt;Sin filas&lt;/strong&gt;" in html  # dentro del srcdoc


def test_programar_desde_el_admin_pide_permiso(client, funcionario_sin_permisos):
    pieza = PiezaFactory()
    client.force_login(funcionario_sin_permisos)
    respuesta = client.post(
        reverse("admin:comunicaciones_pieza_accion", args=[pieza.pk, "programar"])
    )
    assert respuesta.status_code in (302, 403)
    assert Pieza.objects.get().estado == estados.BORRADOR


def test_programar_desde_el_admin_explica_lo_que_falta(client, lider_gel):
    pieza = PiezaFactory(banner=True, imagen="")
    client.force_login(lider_gel)
    respuesta = client.post(
        reverse("admin:comunicaciones_pieza_accion", args=[pieza.pk, "programar"]),
        follow=True,
    )
    assert "El banner necesita una imagen." in respuesta.content.decode()
    assert Pieza.objects.get().estado == estados.BORRADOR


def test_una_pieza_programada_ya_no_se_edita_en_el_admin(client, lider_gel):
    pieza = PiezaFactory(programada=True, titulo="Original")
    client.force_login(lider_gel)
    url = reverse("admin:comunicaciones_pieza_change", args=[pieza.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"titulo": "Cambiado"})
    assert Pieza.objects.get().titulo == "Original"


def test_la_lista_de_piezas_muestra_los_conteos_con_pocas_consultas(
    client, lider_gel, django_assert_max_num_queries
):
    SuscriptorFactory.create_batch(3)
    for _ in range(5):
        despacho.iniciar_pieza(pieza_id=PiezaFactory(programada=True).pk)
    Envio.objects.filter(pk=Envio.objects.first().pk).update(estado=EstadoEnvio.FALLIDO)
    client.force_login(lider_gel)

    with django_assert_max_num_queries(12):
        respuesta = client.get(reverse("admin:comunicaciones_pieza_changelist"))

    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "pieza__id__exact" in html and "estado__exact=FALLIDO" in html


def test_pieza_futura_de_otro_dia(lider_gel):
    pieza = PiezaFactory(programada_para=timezone.now() + timedelta(days=3))
    piezas.programar_pieza(pieza_id=pieza.pk, usuario=lider_gel)
    assert despacho.despachar_piezas_vencidas() == []


def test_un_enlace_que_no_es_web_no_se_acepta(client, lider_gel):
    pieza = PiezaFactory(banner=True, enlace="javascript:alert(1)")
    with pytest.raises(PiezaIncompleta, match="https://"):
        piezas.programar_pieza(pieza_id=pieza.pk, usuario=lider_gel)
    # Y aunque llegara a la base, nunca se pinta en la portada.
    assert pieza.enlace_con_origen() == ""

    client.force_login(lider_gel)
    respuesta = client.post(
        reverse("admin:comunicaciones_pieza_add"),
        {
            "campana": pieza.campana_id,
            "canal": "NOTICIA",
            "titulo": "Con enlace raro",
            "enlace": "data:text/html,hola",
        },
    )
    assert (
        "Escriba una dirección que empiece por https://" in respuesta.content.decode()
    )


def test_una_ventana_que_ya_paso_no_se_programa(lider_gel):
    pieza = PiezaFactory(
        banner=True,
        programada_para=timezone.now() - timedelta(days=3),
        visible_hasta=timezone.now() - timedelta(days=1),
    )
    with pytest.raises(PiezaIncompleta, match="ya pasó"):
        piezas.programar_pieza(pieza_id=pieza.pk, usuario=lider_gel)
