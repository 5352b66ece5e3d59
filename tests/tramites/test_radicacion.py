import io
from datetime import date, timedelta
from functools import partial
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone
from kombu.exceptions import OperationalError
from pypdf import PdfReader

from sanpedro_gel import buzon
from sanpedro_gel.models import EstadoMensaje, Mensaje
from sanpedro_gel.verificacion import ALFABETO_CODIGO
from tests.concurrencia import a_la_vez
from tests.factories import AvisoPrivacidadFactory, SolicitudFactory, TramiteFactory
from tests.pdfa import es_pdf_a_etiquetado
from tramites import services
from tramites.models import Actuacion, DiaNoHabil, Estado, Solicitud
from tramites.services import avisos
from tramites.services.consecutivos import siguiente_numero

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("definicion_de_prueba")]


def radicar(solicitud, **extra):
    return services.radicar_solicitud(
        solicitud_id=solicitud.pk,
        actor=solicitud.solicitante,
        aviso=AvisoPrivacidadFactory(),
        **extra,
    )


def texto_pdf(contenido):
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(contenido)).pages)


@pytest.fixture
def hoy(monkeypatch):
    """Fija «hoy» en el viernes 10 de julio de 2026, 10:00 a. m. en Bogotá."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    ahora = datetime(2026, 7, 10, 10, 0, tzinfo=ZoneInfo("America/Bogota"))
    monkeypatch.setattr("django.utils.timezone.now", lambda: ahora)
    return ahora


def test_radicar_asigna_consecutivo_vencimiento_y_codigo(ciudadano, hoy):
    DiaNoHabil.objects.create(
        fecha=date(2026, 7, 15), motivo="Decreto municipal de prueba"
    )
    primera = SolicitudFactory(solicitante=ciudadano)
    segunda = SolicitudFactory(solicitante=ciudadano)

    radicar(primera, como_se_entero="EMISORA", origen="afiche")
    radicar(segunda)

    primera.refresh_from_db()
    segunda.refresh_from_db()
    assert primera.radicado == "ICA-2026-000001"
    assert segunda.radicado == "ICA-2026-000002"
    assert primera.estado == Estado.RADICADO
    assert primera.radicado_en == hoy
    # 15 días hábiles desde el día siguiente: sin el 13 y el 20 de julio
    # (festivos) ni el 15 (día no hábil local).
    assert primera.vence_el == date(2026, 8, 5)
    assert len(primera.codigo_verificacion) == 8
    assert set(primera.codigo_verificacion) <= set(ALFABETO_CODIGO)
    assert primera.aviso_privacidad.version == "2026-1"
    assert primera.aviso_aceptado_en == hoy
    assert (primera.como_se_entero, primera.origen) == ("EMISORA", "afiche")
    assert (primera.documento, primera.nombre_solicitante) == (
        "43123456",
        "María Gómez",
    )
    actuacion = Actuacion.objects.get(solicitud=primera)
    assert (actuacion.estado_origen, actuacion.estado_destino) == (
        "BORRADOR",
        "RADICADO",
    )


def test_cada_serie_tiene_su_consecutivo(ciudadano):
    horario = SolicitudFactory(
        solicitante=ciudadano, tramite=TramiteFactory(horario=True)
    )
    novedad = SolicitudFactory(
        solicitante=ciudadano, tramite=TramiteFactory(novedad=True)
    )
    radicar(horario)
    radicar(novedad)
    anio = date.today().year
    assert Solicitud.objects.get(pk=horario.pk).radicado == f"HOR-{anio}-000001"
    assert Solicitud.objects.get(pk=novedad.pk).radicado == f"NOV-{anio}-000001"


def test_incompleta_no_se_radica_ni_gasta_numero(ciudadano):
    incompleta = SolicitudFactory(
        solicitante=ciudadano, datos={"falta": "Falta el NIT."}
    )
    with pytest.raises(services.SolicitudIncompleta) as error:
        radicar(incompleta)
    assert error.value.errores == {"contribuyente": ["Falta el NIT."]}
    incompleta.refresh_from_db()
    assert incompleta.estado == Estado.BORRADOR and incompleta.radicado is None

    completa = SolicitudFactory(solicitante=ciudadano)
    radicar(completa)
    assert Solicitud.objects.get(pk=completa.pk).radicado.endswith("-000001")


def test_radicar_dos_veces_es_un_conflicto_y_no_gasta_numero(ciudadano):
    solicitud = SolicitudFactory(solicitante=ciudadano)
    radicar(solicitud)
    with pytest.raises(services.ConflictoDeEstado, match="ya fue radicada"):
        radicar(solicitud)
    otra = SolicitudFactory(solicitante=ciudadano)
    radicar(otra)
    assert Solicitud.objects.get(pk=otra.pk).radicado.endswith("-000002")


def test_solo_el_dueno_radica_su_borrador(ciudadano, otro_ciudadano):
    solicitud = SolicitudFactory(solicitante=ciudadano)
    with pytest.raises(Solicitud.DoesNotExist):
        services.radicar_solicitud(
            solicitud_id=solicitud.pk,
            actor=otro_ciudadano,
            aviso=AvisoPrivacidadFactory(),
        )


def acuse_de(solicitud) -> Mensaje:
    return Mensaje.objects.get(clave=avisos.clave_acuse(solicitud.pk))


def test_tras_el_commit_llegan_la_constancia_y_un_acuse(
    ciudadano, django_capture_on_commit_callbacks
):
    solicitud = SolicitudFactory(solicitante=ciudadano)
    with django_capture_on_commit_callbacks(execute=True):
        radicar(solicitud)

    solicitud.refresh_from_db()
    assert solicitud.constancia
    assert acuse_de(solicitud).estado == EstadoMensaje.ENVIADO
    assert len(mail.outbox) == 1
    acuse = mail.outbox[0]
    assert acuse.to == [ciudadano.email]
    assert solicitud.radicado in acuse.subject
    nombre, contenido, tipo = acuse.attachments[0]
    assert (nombre, tipo) == (f"constancia-{solicitud.radicado}.pdf", "application/pdf")
    assert es_pdf_a_etiquetado(contenido)
    texto = texto_pdf(contenido)
    assert "Constancia de radicación" in texto
    assert solicitud.radicado in texto
    assert solicitud.codigo_verificacion in texto
    assert f"/verificar/{solicitud.codigo_verificacion}/" in texto


def test_el_acuse_sale_una_sola_vez(ciudadano):
    solicitud = SolicitudFactory(solicitante=ciudadano)
    radicar(solicitud)
    # Registrarlo otra vez (un reintento del servicio) no deja otro mensaje.
    avisos.registrar_acuse(Solicitud.objects.get(pk=solicitud.pk))
    assert Mensaje.objects.filter(tipo=avisos.ACUSE).count() == 1
    mensaje = acuse_de(solicitud)
    assert buzon.enviar_mensaje(mensaje_id=mensaje.pk) is True
    assert buzon.enviar_mensaje(mensaje_id=mensaje.pk) is False
    assert buzon.enviar_pendientes(ahora=timezone.now() + timedelta(hours=1)) == 0
    assert services.generar_constancia(solicitud_id=solicitud.pk) is False
    assert len(mail.outbox) == 1


def test_un_smtp_caido_deja_el_acuse_pendiente_y_el_barrido_lo_envia(ciudadano):
    solicitud = SolicitudFactory(solicitante=ciudadano)
    radicar(solicitud)
    mensaje = acuse_de(solicitud)
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=OSError("smtp"),
    ):
        assert buzon.enviar_mensaje(mensaje_id=mensaje.pk) is False
    mensaje.refresh_from_db()
    assert mensaje.estado == EstadoMensaje.PENDIENTE and "smtp" in mensaje.error
    # La constancia quedó dibujada y guardada: el reintento no la rehace.
    assert Solicitud.objects.get(pk=solicitud.pk).constancia
    assert buzon.enviar_pendientes(ahora=timezone.now() + timedelta(minutes=2)) == 1
    assert buzon.enviar_pendientes(ahora=timezone.now() + timedelta(minutes=3)) == 0
    assert len(mail.outbox) == 1


def test_con_el_broker_caido_hay_radicado_y_el_barrido_completa_una_vez(
    ciudadano, django_capture_on_commit_callbacks
):
    solicitud = SolicitudFactory(solicitante=ciudadano)
    with (
        mock.patch(
            "sanpedro_gel.tasks.enviar_mensaje.delay",
            side_effect=OperationalError("Redis no responde"),
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        radicar(solicitud)

    solicitud.refresh_from_db()
    assert solicitud.estado == Estado.RADICADO and solicitud.radicado
    assert not solicitud.constancia and mail.outbox == []

    despues = timezone.now() + timedelta(minutes=2)
    assert buzon.enviar_pendientes(ahora=despues) == 1
    assert buzon.enviar_pendientes(ahora=despues) == 0
    solicitud.refresh_from_db()
    assert solicitud.constancia
    assert acuse_de(solicitud).estado == EstadoMensaje.ENVIADO
    assert len(mail.outbox) == 1


def test_el_barrido_no_compite_con_la_tarea_recien_encolada(ciudadano):
    solicitud = SolicitudFactory(solicitante=ciudadano)
    radicar(solicitud)  # sin ejecutar los on_commit: la tarea "está en camino"
    assert buzon.enviar_pendientes() == 0


@pytest.mark.django_db(transaction=True)
def test_siguiente_numero_exige_una_transaccion():
    with pytest.raises(RuntimeError):
        siguiente_numero("ICA", 2026)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_cincuenta_radicaciones_simultaneas_sin_huecos_ni_repetidos(ciudadano):
    borradores = [SolicitudFactory(solicitante=ciudadano).pk for _ in range(50)]
    aviso = AvisoPrivacidadFactory()
    a_la_vez(
        *(
            partial(
                services.radicar_solicitud,
                solicitud_id=pk,
                actor=ciudadano,
                aviso=aviso,
            )
            for pk in borradores
        )
    )

    numeros = sorted(
        int(r.rsplit("-", 1)[1])
        for r in Solicitud.objects.filter(pk__in=borradores).values_list(
            "radicado", flat=True
        )
    )
    assert numeros == list(range(1, 51))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_dos_remitentes_a_la_vez_dejan_un_acuse_y_una_constancia(ciudadano, settings):
    # Sin transacción de prueba el on_commit corre al instante: la tarea no se
    # encola, para que sean los dos remitentes los que compitan.
    with mock.patch("sanpedro_gel.buzon.encolar"):
        solicitud = SolicitudFactory(solicitante=ciudadano)
        radicar(solicitud)
    mensaje = acuse_de(solicitud)
    enviar = partial(buzon.enviar_mensaje, mensaje_id=mensaje.pk)
    assert sorted(a_la_vez(enviar, enviar)) == [False, True]
    assert len(mail.outbox) == 1

    otra = SolicitudFactory(solicitante=ciudadano)
    with mock.patch("sanpedro_gel.buzon.encolar"):
        radicar(otra)
    generar = partial(services.generar_constancia, solicitud_id=otra.pk)
    assert sum(a_la_vez(generar, generar)) == 1
    guardadas = list((settings.PRIVATE_MEDIA_ROOT / "constancias").rglob("*.pdf"))
    # Una por solicitud: la copia del que perdió la carrera se borró.
    assert len(guardadas) == 2
    assert Solicitud.objects.get(pk=otra.pk).constancia
