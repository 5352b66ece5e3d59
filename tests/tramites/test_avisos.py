"""Avisos: un correo al ciudadano por cada actuación, exactamente una vez, con el
documento expedido adjunto; y el resumen diario de cada revisor."""

from datetime import date, timedelta
from unittest import mock

import pytest
from celery.schedules import crontab
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from kombu.exceptions import OperationalError

from sanpedro_gel import buzon
from sanpedro_gel.models import EstadoMensaje, Mensaje
from tests.factories import RequisitoFactory
from tests.tramites.ayudas import PDF
from tests.tramites.mesa import en_revision, momento, radicada, texto_pdf
from tramites.models import Actuacion, DocumentoExpedido
from tramites.services import avisos, revision, subsanacion

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("definicion_mesa", "ciiu")]


def aviso_de(actuacion) -> Mensaje:
    return Mensaje.objects.get(clave=avisos.clave_aviso(actuacion.pk))


def anular_pendientes():
    """Los correos que dejó la preparación (acuse, «en revisión») no cuentan."""
    for clave in Mensaje.objects.filter(estado="PENDIENTE").values_list(
        "clave", flat=True
    ):
        buzon.anular(clave=clave, motivo="Preparación de la prueba.")


def test_cada_transicion_envia_un_correo_y_solo_uno(
    ciudadano, revisor_hacienda, django_capture_on_commit_callbacks
):
    solicitud = radicada(ciudadano)
    anular_pendientes()
    with django_capture_on_commit_callbacks(execute=True):
        revision.asignar(solicitud_id=solicitud.pk, actor=revisor_hacienda)
    assert mail.outbox == []  # asignar es interno

    with django_capture_on_commit_callbacks(execute=True):
        revision.iniciar_revision(solicitud_id=solicitud.pk, actor=revisor_hacienda)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [ciudadano.email]
    assert mail.outbox[0].subject == (
        f"Radicado {solicitud.radicado}: su solicitud está en revisión"
    )

    rut = RequisitoFactory(tramite=solicitud.tramite, nombre="RUT actualizado")
    with django_capture_on_commit_callbacks(execute=True):
        revision.solicitar_subsanacion(
            solicitud_id=solicitud.pk,
            actor=revisor_hacienda,
            requisitos={rut.pk: "El RUT adjunto está vencido."},
        )
    pedido = mail.outbox[1]
    assert "complete su solicitud" in pedido.subject
    assert "RUT actualizado (documento): El RUT adjunto está vencido." in pedido.body
    assert f"/tramites/mis-tramites/{solicitud.pk}/subsanar/" in pedido.body
    html = pedido.alternatives[0][0]
    assert "Completar mi solicitud" in html and "El RUT adjunto está vencido." in html

    from django.core.files.uploadedfile import SimpleUploadedFile

    item = solicitud.subsanaciones.get().items.get()
    with django_capture_on_commit_callbacks(execute=True):
        subsanacion.responder_subsanacion(
            solicitud_id=solicitud.pk,
            actor=ciudadano,
            archivos={item.pk: SimpleUploadedFile("rut.pdf", PDF)},
        )
    assert "recibimos lo que nos envió" in mail.outbox[2].subject

    with django_capture_on_commit_callbacks(execute=True):
        documento = revision.aprobar(solicitud_id=solicitud.pk, actor=revisor_hacienda)
    aprobada = mail.outbox[3]
    assert "fue aprobada" in aprobada.subject
    nombre, contenido, tipo = aprobada.attachments[0]
    assert tipo == "application/pdf" and nombre.endswith(".pdf")
    assert "ICA-000001" in texto_pdf(contenido)
    assert f"/tramites/mis-tramites/{solicitud.pk}/calificar/" in aprobada.body
    assert documento.codigo_verificacion in aprobada.body
    assert len(mail.outbox) == 4

    # Cada aviso es un mensaje de la bandeja, ya enviado: registrarlo o
    # enviarlo otra vez, o barrer la bandeja, no envía nada más.
    for actuacion in Actuacion.objects.filter(solicitud=solicitud).exclude(aviso=""):
        mensaje = aviso_de(actuacion)
        assert mensaje.estado == EstadoMensaje.ENVIADO
        assert avisos.registrar_aviso(actuacion).pk == mensaje.pk
        assert buzon.enviar_mensaje(mensaje_id=mensaje.pk) is False
    assert Mensaje.objects.filter(tipo=avisos.AVISO).count() == 4
    assert buzon.enviar_pendientes(ahora=timezone.now() + timedelta(hours=1)) == 0
    assert len(mail.outbox) == 4


def test_rechazo_y_prorroga_avisan_con_sus_razones(
    ciudadano, revisor_hacienda, django_capture_on_commit_callbacks, fijar_hoy
):
    fijar_hoy(momento(2026, 7, 10))
    solicitud = en_revision(ciudadano, revisor_hacienda)
    with django_capture_on_commit_callbacks(execute=True):
        revision.prorrogar(
            solicitud_id=solicitud.pk,
            actor=revisor_hacienda,
            razones="Esperamos el concepto de uso del suelo de Planeación.",
            nueva_fecha=date(2026, 8, 20),
        )
        revision.rechazar(
            solicitud_id=solicitud.pk,
            actor=revisor_hacienda,
            motivacion="La actividad no corresponde a la declarada en el RUT.",
        )
    prorroga, rechazo = mail.outbox
    assert "se amplió al 20 de agosto" in prorroga.subject
    assert "Esperamos el concepto de uso del suelo de Planeación." in prorroga.body
    assert "jueves 20 de agosto de 2026" in prorroga.body
    assert "RES-2026-0001" in rechazo.subject
    assert "reposición" in rechazo.body and "apelación" in rechazo.body
    assert "La actividad no corresponde" in texto_pdf(rechazo.attachments[0][1])


def test_un_smtp_caido_deja_el_aviso_pendiente_y_el_barrido_lo_reintenta(
    ciudadano, revisor_hacienda, django_capture_on_commit_callbacks
):
    solicitud = radicada(ciudadano)
    anular_pendientes()
    with (
        mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=OSError("SMTP caído"),
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        # El envío falla y espera su reintento; la transición ya quedó hecha.
        revision.iniciar_revision(solicitud_id=solicitud.pk, actor=revisor_hacienda)
    actuacion = Actuacion.objects.get(solicitud=solicitud, aviso="en_revision")
    mensaje = aviso_de(actuacion)
    assert mensaje.estado == EstadoMensaje.PENDIENTE and mensaje.intentos == 1
    assert buzon.enviar_pendientes(ahora=timezone.now() + timedelta(minutes=2)) == 1
    assert buzon.enviar_pendientes(ahora=timezone.now() + timedelta(minutes=3)) == 0
    assert len(mail.outbox) == 1


def test_con_el_broker_caido_el_aviso_sale_con_el_barrido_una_vez(
    ciudadano, revisor_hacienda, django_capture_on_commit_callbacks
):
    solicitud = en_revision(ciudadano, revisor_hacienda)
    anular_pendientes()
    with (
        mock.patch(
            "sanpedro_gel.tasks.enviar_mensaje.delay",
            side_effect=OperationalError("Redis no responde"),
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        documento = revision.aprobar(solicitud_id=solicitud.pk, actor=revisor_hacienda)
    assert mail.outbox == []
    assert not DocumentoExpedido.objects.get(pk=documento.pk).archivo
    despues = timezone.now() + timedelta(minutes=2)
    assert buzon.enviar_pendientes(ahora=despues) == 1
    assert buzon.enviar_pendientes(ahora=despues) == 0
    (aprobada,) = mail.outbox
    assert "fue aprobada" in aprobada.subject
    assert "ICA-000001" in texto_pdf(aprobada.attachments[0][1])


def test_el_desistimiento_avisa_con_la_resolucion(
    ciudadano, revisor_hacienda, django_capture_on_commit_callbacks, fijar_hoy
):
    fijar_hoy(momento(2026, 7, 10))
    solicitud = en_revision(ciudadano, revisor_hacienda)
    fijar_hoy(momento(2026, 7, 21))
    revision.solicitar_subsanacion(
        solicitud_id=solicitud.pk,
        actor=revisor_hacienda,
        pasos={"contribuyente": ("Datos del contribuyente", "Falta el correo.")},
    )
    fijar_hoy(momento(2026, 8, 24))
    with django_capture_on_commit_callbacks(execute=True):
        subsanacion.declarar_desistimientos_vencidos()
    (correo,) = mail.outbox
    assert "desistimiento tácito" in correo.subject
    assert "Por la cual se declara el desistimiento" in texto_pdf(
        correo.attachments[0][1]
    )


# --- Resumen diario de los revisores ---------------------------------------------------


def test_resumen_diario_con_vencidas_por_vencer_y_sin_asignar(
    ciudadano,
    revisor_hacienda,
    revisor_gobierno,
    lider_gel,
    fijar_hoy,
    django_capture_on_commit_callbacks,
):
    fijar_hoy(momento(2026, 7, 1))
    vencida = en_revision(ciudadano, revisor_hacienda)  # vence el 24 de julio
    fijar_hoy(momento(2026, 7, 7))
    por_vencer = radicada(ciudadano)  # vence el 30 de julio, sin asignar
    fijar_hoy(momento(2026, 7, 20))
    lejana = radicada(ciudadano)

    fijar_hoy(momento(2026, 7, 27, hora=7))
    with django_capture_on_commit_callbacks(execute=True):
        assert avisos.enviar_resumenes_revisores() == 1
    (correo,) = mail.outbox  # Gobierno no tiene nada; el Líder no revisa
    assert correo.to == [revisor_hacienda.email]
    assert correo.subject == (
        "Mesa de revisión, 27 de julio: 1 vencida, 1 por vencer, 2 sin asignar"
    )
    assert vencida.radicado in correo.body and por_vencer.radicado in correo.body
    assert lejana.radicado in correo.body  # sin asignar
    assert "/admin/tramites/solicitud/" in correo.body

    # Una segunda ejecución el mismo día no envía nada; al día siguiente sí.
    with django_capture_on_commit_callbacks(execute=True):
        assert avisos.enviar_resumenes_revisores() == 0
    fijar_hoy(momento(2026, 7, 28, hora=7))
    with django_capture_on_commit_callbacks(execute=True):
        assert avisos.enviar_resumenes_revisores() == 1
    assert len(mail.outbox) == 2
    assert Mensaje.objects.filter(tipo=avisos.RESUMEN_REVISOR).count() == 2


def test_con_el_broker_caido_el_resumen_sale_con_el_barrido_una_vez(
    ciudadano, revisor_hacienda, fijar_hoy, django_capture_on_commit_callbacks
):
    fijar_hoy(momento(2026, 7, 20))
    radicada(ciudadano)  # sin asignar
    anular_pendientes()
    fijar_hoy(momento(2026, 7, 27, hora=7))
    with (
        mock.patch(
            "sanpedro_gel.tasks.enviar_mensaje.delay",
            side_effect=OperationalError("Redis no responde"),
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert avisos.enviar_resumenes_revisores() == 1
        assert avisos.enviar_resumenes_revisores() == 0
    assert mail.outbox == []
    despues = timezone.now() + timedelta(minutes=2)
    assert buzon.enviar_pendientes(ahora=despues) == 1
    assert buzon.enviar_pendientes(ahora=despues) == 0
    (correo,) = mail.outbox
    assert correo.to == [revisor_hacienda.email]
    assert "1 sin asignar" in correo.subject


def test_un_resumen_que_ya_no_tiene_nada_pendiente_se_anula(
    ciudadano, revisor_hacienda, fijar_hoy
):
    fijar_hoy(momento(2026, 7, 20))
    solicitud = radicada(ciudadano)
    fijar_hoy(momento(2026, 7, 27, hora=7))
    assert avisos.enviar_resumenes_revisores() == 1
    revision.asignar(solicitud_id=solicitud.pk, actor=revisor_hacienda)
    mensaje = Mensaje.objects.get(tipo=avisos.RESUMEN_REVISOR)
    assert buzon.enviar_mensaje(mensaje_id=mensaje.pk) is False
    mensaje.refresh_from_db()
    assert mensaje.estado == EstadoMensaje.ANULADO and mail.outbox == []


def test_comando_gemelo_y_programa_de_las_siete(settings, capsys, revisor_hacienda):
    entrada = settings.CELERY_BEAT_SCHEDULE["tramites-resumen-revisores"]
    assert entrada["task"] == "tramites.tasks.enviar_resumenes_revisores"
    assert entrada["schedule"] == crontab(hour=7, minute=0)
    call_command("enviar_resumen_revisores", "--fecha", "2026-07-27")
    assert "Resúmenes enviados: 0" in capsys.readouterr().out
