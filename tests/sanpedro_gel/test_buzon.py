"""La bandeja de salida: cada clave sale una vez, los fallos esperan y se
reintentan con una sola política, y el barrido recoge lo que la tarea no envió."""

import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from sanpedro_gel import buzon
from sanpedro_gel.almacenamiento import almacenamiento_privado
from sanpedro_gel.models import EstadoMensaje, Mensaje
from tests.concurrencia import a_la_vez
from tests.factories import UsuarioFactory

pytestmark = pytest.mark.django_db

PLANTILLAS = {
    "pruebas/saludo_asunto.txt": "Hola {{ nombre }}",
    "pruebas/saludo_cuerpo.txt": "Texto para {{ nombre }} de {{ entidad.nombre }}",
    "pruebas/saludo_cuerpo.html": "<p>HTML para {{ nombre }}</p>",
}


@pytest.fixture(autouse=True)
def plantillas_de_prueba(settings):
    motor = dict(settings.TEMPLATES[0])
    motor["APP_DIRS"] = False
    motor["OPTIONS"] = {
        **motor.get("OPTIONS", {}),
        "loaders": [
            ("django.template.loaders.locmem.Loader", PLANTILLAS),
            "django.template.loaders.filesystem.Loader",
            "django.template.loaders.app_directories.Loader",
        ],
    }
    settings.TEMPLATES = [motor]


@buzon.tipo_de_mensaje("pruebas.saludo", "Saludo de prueba")
def _preparar_saludo(mensaje):
    if mensaje.datos.get("obsoleto"):
        raise buzon.MensajeObsoleto("Ya no hace falta.")
    nombre = mensaje.referencia.first_name if mensaje.referencia else "Ana"
    return {"nombre": nombre}


@buzon.generador_de_adjunto("pruebas.texto")
def _generar_texto(*, contenido):
    return ("nota.txt", contenido.encode(), "text/plain")


def registrar(clave="pruebas:1", **extra):
    return buzon.registrar(
        clave=clave,
        tipo="pruebas.saludo",
        plantilla="pruebas/saludo",
        para=extra.pop("para", "ana@correo.test"),
        **extra,
    )


def test_registrar_y_confirmar_envia_una_vez(django_capture_on_commit_callbacks):
    usuario = UsuarioFactory(first_name="Lucía")
    with django_capture_on_commit_callbacks(execute=True):
        mensaje = registrar(referencia=usuario)
    mensaje.refresh_from_db()
    assert mensaje.estado == EstadoMensaje.ENVIADO and mensaje.enviado_en
    assert mensaje.intentos == 1
    assert [m.subject for m in mail.outbox] == ["Hola Lucía"]
    assert "Alcaldía de San Pedro" in mail.outbox[0].body


def test_la_misma_clave_dos_veces_es_un_solo_mensaje(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        primero = registrar()
        segundo = registrar()
    assert primero.pk == segundo.pk
    assert Mensaje.objects.count() == 1
    assert len(mail.outbox) == 1
    assert buzon.enviar_mensaje(mensaje_id=primero.pk) is False
    assert len(mail.outbox) == 1


def test_nada_sale_antes_del_commit():
    registrar()
    assert mail.outbox == []
    assert Mensaje.objects.get().estado == EstadoMensaje.PENDIENTE


def test_un_tipo_sin_preparador_se_rechaza_al_registrar():
    with pytest.raises(ValueError, match="preparador"):
        buzon.registrar(
            clave="x", tipo="no.existe", plantilla="pruebas/saludo", para="a@b.test"
        )


def test_adjuntos_generados_y_del_almacenamiento_privado():
    nombre = almacenamiento_privado.save("pruebas/acta.pdf", ContentFile(b"%PDF-1.7"))
    mensaje = registrar(
        adjuntos=[
            {"generar": "pruebas.texto", "contenido": "hola"},
            {"archivo": nombre, "nombre": "acta.pdf"},
        ]
    )
    assert buzon.enviar_mensaje(mensaje_id=mensaje.pk)
    assert mail.outbox[0].attachments == [
        ("nota.txt", "hola", "text/plain"),
        ("acta.pdf", b"%PDF-1.7", "application/pdf"),
    ]


def test_un_fallo_temporal_espera_y_se_reintenta(settings):
    mensaje = registrar()
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=smtplib.SMTPServerDisconnected("se cayó"),
    ):
        assert buzon.enviar_mensaje(mensaje_id=mensaje.pk) is False
    mensaje.refresh_from_db()
    assert mensaje.estado == EstadoMensaje.PENDIENTE
    assert mensaje.intentos == 1 and "se cayó" in mensaje.error
    assert mensaje.proximo_intento_en > timezone.now() + timedelta(seconds=50)
    # Aún no le toca: ni la tarea ni el barrido lo envían.
    assert buzon.enviar_mensaje(mensaje_id=mensaje.pk) is False
    assert buzon.enviar_pendientes() == 0
    # Pasada la espera, el barrido lo envía.
    assert buzon.enviar_pendientes(ahora=timezone.now() + timedelta(minutes=2)) == 1
    mensaje.refresh_from_db()
    assert mensaje.estado == EstadoMensaje.ENVIADO and mensaje.error == ""
    assert len(mail.outbox) == 1


def test_las_esperas_crecen_hasta_una_hora():
    assert [buzon.espera_tras(n).total_seconds() / 60 for n in range(1, 9)] == [
        1,
        2,
        4,
        8,
        16,
        32,
        60,
        60,
    ]


def test_agotados_los_intentos_queda_fallido_con_el_motivo(settings):
    settings.BUZON_MAX_INTENTOS = 2
    mensaje = registrar()
    ahora = timezone.now()
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=OSError("sin red"),
    ):
        buzon.enviar_mensaje(mensaje_id=mensaje.pk, ahora=ahora)
        buzon.enviar_mensaje(mensaje_id=mensaje.pk, ahora=ahora + timedelta(hours=1))
    mensaje.refresh_from_db()
    assert mensaje.estado == EstadoMensaje.FALLIDO
    assert mensaje.intentos == 2 and "sin red" in mensaje.error


def test_un_rechazo_permanente_no_se_reintenta():
    mensaje = registrar()
    rechazo = smtplib.SMTPRecipientsRefused({"ana@correo.test": (550, b"no existe")})
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=rechazo,
    ):
        buzon.enviar_mensaje(mensaje_id=mensaje.pk)
    mensaje.refresh_from_db()
    assert mensaje.estado == EstadoMensaje.FALLIDO and mensaje.intentos == 1


def test_un_mensaje_obsoleto_se_anula_sin_enviar():
    mensaje = registrar(datos={"obsoleto": True})
    assert buzon.enviar_mensaje(mensaje_id=mensaje.pk) is False
    mensaje.refresh_from_db()
    assert mensaje.estado == EstadoMensaje.ANULADO
    assert mensaje.error == "Ya no hace falta."
    assert mail.outbox == []


def test_si_la_referencia_desaparece_se_anula():
    usuario = UsuarioFactory()
    mensaje = registrar(referencia=usuario)
    usuario.delete()
    assert buzon.enviar_mensaje(mensaje_id=mensaje.pk) is False
    mensaje.refresh_from_db()
    assert mensaje.estado == EstadoMensaje.ANULADO


def test_el_barrido_deja_los_recien_registrados_a_su_tarea():
    mensaje = registrar()
    assert buzon.enviar_pendientes() == 0
    despues = timezone.now() + timedelta(minutes=2)
    assert buzon.enviar_pendientes(ahora=despues) == 1
    assert buzon.enviar_pendientes(ahora=despues) == 0
    mensaje.refresh_from_db()
    assert mensaje.estado == EstadoMensaje.ENVIADO
    assert len(mail.outbox) == 1


def test_el_barrido_devuelve_lo_que_un_remitente_muerto_dejo_reclamado():
    mensaje = registrar()
    hace_rato = timezone.now() - timedelta(hours=1)
    Mensaje.objects.filter(pk=mensaje.pk).update(
        estado=EstadoMensaje.ENVIANDO, reclamado_en=hace_rato, intentos=1
    )
    assert buzon.enviar_pendientes() == 1
    mensaje.refresh_from_db()
    assert mensaje.estado == EstadoMensaje.ENVIADO and mensaje.intentos == 2
    assert len(mail.outbox) == 1


def test_un_reclamo_vivo_no_se_toca():
    mensaje = registrar()
    Mensaje.objects.filter(pk=mensaje.pk).update(
        estado=EstadoMensaje.ENVIANDO, reclamado_en=timezone.now(), intentos=1
    )
    assert buzon.enviar_pendientes(ahora=timezone.now() + timedelta(minutes=2)) == 0
    assert mail.outbox == []


def test_con_el_broker_caido_el_barrido_lo_envia_despues(
    django_capture_on_commit_callbacks,
):
    with (
        mock.patch(
            "sanpedro_gel.tasks.enviar_mensaje.delay",
            side_effect=OperationalError("Redis no responde"),
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        mensaje = registrar()
    assert mail.outbox == []
    assert buzon.enviar_pendientes(ahora=timezone.now() + timedelta(minutes=2)) == 1
    assert buzon.enviar_pendientes(ahora=timezone.now() + timedelta(minutes=3)) == 0
    mensaje.refresh_from_db()
    assert mensaje.estado == EstadoMensaje.ENVIADO
    assert len(mail.outbox) == 1


def test_registrar_varios_salta_las_claves_que_ya_existian(
    django_capture_on_commit_callbacks,
):
    registrar(clave="pruebas:a")
    with django_capture_on_commit_callbacks(execute=True):
        pendientes = buzon.registrar_varios(
            {
                "clave": f"pruebas:{letra}",
                "tipo": "pruebas.saludo",
                "plantilla": "pruebas/saludo",
                "para": f"{letra}@correo.test",
            }
            for letra in "abc"
        )
    # «a» ya existía (para ana@) y seguía pendiente: se encola tal como estaba.
    assert pendientes == 3
    assert Mensaje.objects.count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ana@correo.test",
        "b@correo.test",
        "c@correo.test",
    ]


def test_reintentar_un_fallido_lo_devuelve_con_sus_intentos_en_cero(
    django_capture_on_commit_callbacks,
):
    mensaje = registrar()
    Mensaje.objects.filter(pk=mensaje.pk).update(
        estado=EstadoMensaje.FALLIDO, intentos=8, error="550"
    )
    with django_capture_on_commit_callbacks(execute=True):
        buzon.reintentar(mensaje_id=mensaje.pk)
    mensaje.refresh_from_db()
    assert mensaje.estado == EstadoMensaje.ENVIADO and mensaje.intentos == 1


def test_anular_solo_toma_pendientes():
    mensaje = registrar()
    assert buzon.anular(clave=mensaje.clave, motivo="ya no") is True
    assert buzon.anular(clave=mensaje.clave, motivo="ya no") is False
    assert buzon.enviar_mensaje(mensaje_id=mensaje.pk) is False


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_dos_remitentes_a_la_vez_envian_una_sola_vez():
    # Sin transacción de prueba el on_commit corre al instante: la tarea no se
    # encola, para que sean los dos remitentes los que compitan.
    with mock.patch("sanpedro_gel.buzon.encolar"):
        mensajes = [registrar(clave=f"pruebas:{n}") for n in range(20)]
    for mensaje in mensajes:
        resultados = a_la_vez(
            lambda m=mensaje: buzon.enviar_mensaje(mensaje_id=m.pk),
            lambda m=mensaje: buzon.enviar_mensaje(mensaje_id=m.pk),
        )
        assert sorted(resultados) == [False, True]
    assert len(mail.outbox) == 20
    assert set(Mensaje.objects.values_list("estado", flat=True)) == {"ENVIADO"}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_dos_barridos_a_la_vez_envian_cada_mensaje_una_vez():
    with mock.patch("sanpedro_gel.buzon.encolar"):
        for n in range(30):
            registrar(clave=f"pruebas:{n}")
    despues = timezone.now() + timedelta(minutes=2)
    enviados = a_la_vez(
        lambda: buzon.enviar_pendientes(ahora=despues),
        lambda: buzon.enviar_pendientes(ahora=despues),
    )
    assert sum(enviados) == 30
    assert len(mail.outbox) == 30
    assert Mensaje.objects.filter(estado="ENVIADO").count() == 30


def test_la_bandeja_en_el_admin_para_el_lider_gel(client, lider_gel):
    registrar()
    client.force_login(lider_gel)
    respuesta = client.get(reverse("admin:sanpedro_gel_mensaje_changelist"))
    assert respuesta.status_code == 200
    assert "Saludo de prueba" in respuesta.content.decode()


def test_la_bandeja_no_es_para_cualquier_funcionario(client, funcionario_sin_permisos):
    client.force_login(funcionario_sin_permisos)
    respuesta = client.get(reverse("admin:sanpedro_gel_mensaje_changelist"))
    assert respuesta.status_code == 403


@pytest.mark.parametrize(("cada", "antiguedad"), [(60, 60), (2, 2), (300, 60)])
def test_el_barrido_de_beat_deja_a_su_tarea_los_de_menos_de_un_barrido(
    settings, cada, antiguedad
):
    from sanpedro_gel.tasks import barrer_buzon

    settings.BUZON_BARRIDO_SEGUNDOS = cada
    with mock.patch("sanpedro_gel.tasks.buzon.enviar_pendientes") as barrido:
        barrer_buzon()
    barrido.assert_called_once_with(antiguedad=timedelta(seconds=antiguedad))
