import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from comunicaciones.models import Baja, EstadoSuscriptor, OrigenBaja, Suscriptor
from comunicaciones.services import audiencias
from sanpedro_gel import buzon
from tests.factories import (
    PiezaFactory,
    SuscriptorFactory,
    TextoConsentimientoFactory,
)

pytestmark = pytest.mark.django_db

DATOS = {
    "tipo": "CIUDADANO",
    "nombre": "  Rosa   Elena Arango ",
    "correo": "Rosa.Arango@Correo.test",
    "vereda_barrio": "El Tambo",
    "acepto": "on",
}


@pytest.fixture
def texto():
    return TextoConsentimientoFactory(version="2026-7", vigente_desde=timezone.now())


@pytest.fixture
def suscribirse(client, django_capture_on_commit_callbacks):
    def _suscribirse(**cambios):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("comunicaciones:suscribirse"), DATOS | cambios)

    return _suscribirse


def _enlace(mensaje) -> str:
    return re.search(r"https?://\S+/suscribase/confirmar/\S+/", mensaje.body).group(0)


def test_alta_registra_el_consentimiento_y_pide_confirmar(texto, suscribirse):
    antes = timezone.now()
    respuesta = suscribirse()

    assert respuesta.status_code == 302
    assert respuesta.url == reverse("comunicaciones:suscripcion_enviada")
    suscriptor = Suscriptor.objects.get()
    assert suscriptor.correo == "rosa.arango@correo.test"
    assert suscriptor.nombre == "Rosa Elena Arango"
    assert suscriptor.vereda_barrio_clave == "el tambo"
    assert suscriptor.estado == EstadoSuscriptor.PENDIENTE
    assert suscriptor.consentimiento == texto
    assert suscriptor.consentimiento_en >= antes
    (correo,) = mail.outbox
    assert correo.to == ["rosa.arango@correo.test"]
    assert "Confirme su suscripción" in correo.subject


def test_el_enlace_de_confirmacion_pide_un_clic_y_activa(texto, suscribirse, client):
    suscribirse()
    ruta = _enlace(mail.outbox[0]).split("://", 1)[1].split("/", 1)[1]

    pagina = client.get(f"/{ruta}")
    assert pagina.status_code == 200
    assert "Confirmar mi suscripción" in pagina.content.decode()
    assert Suscriptor.objects.get().estado == EstadoSuscriptor.PENDIENTE

    client.post(f"/{ruta}")
    suscriptor = Suscriptor.objects.get()
    assert suscriptor.estado == EstadoSuscriptor.ACTIVO
    primera = suscriptor.confirmado_en

    # Confirmar dos veces no cambia la hora de la primera confirmación.
    client.post(f"/{ruta}")
    suscriptor.refresh_from_db()
    assert suscriptor.confirmado_en == primera


def test_sin_marcar_la_autorizacion_no_se_suscribe_y_conserva_lo_escrito(texto, client):
    datos = DATOS.copy()
    del datos["acepto"]
    respuesta = client.post(reverse("comunicaciones:suscribirse"), datos)

    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "<title>Error:" in html
    assert html.count("Para suscribirse debe marcar la autorización de envío.") == 2
    assert 'value="Rosa.Arango@Correo.test"' in html
    assert not Suscriptor.objects.exists()
    assert mail.outbox == []


def test_el_formulario_vacio_explica_cada_campo(texto, client):
    html = client.post(reverse("comunicaciones:suscribirse"), {}).content.decode()
    for mensaje in (
        "Elija si se suscribe como persona u organización.",
        "Escriba su nombre o el de su organización.",
        "Escriba su correo electrónico.",
        "Escriba su vereda o barrio.",
    ):
        assert mensaje in html


def test_un_suscriptor_activo_que_se_inscribe_otra_vez_no_recibe_nada(
    texto, suscribirse
):
    SuscriptorFactory(correo="rosa.arango@correo.test")

    respuesta = suscribirse()

    # La misma respuesta que a cualquiera: no se revela quién está suscrito.
    assert respuesta.url == reverse("comunicaciones:suscripcion_enviada")
    assert mail.outbox == []


def test_suscribir_dos_veces_deja_una_fila_y_no_llena_el_buzon(
    texto, suscribirse, django_capture_on_commit_callbacks
):
    suscribirse()
    suscribirse()  # enseguida: no sale otro correo

    assert Suscriptor.objects.count() == 1
    assert len(mail.outbox) == 1

    # Pasados unos minutos sí se renueva, y el primer enlace deja de servir.
    with django_capture_on_commit_callbacks(execute=True):
        audiencias.suscribir(
            tipo="CIUDADANO",
            nombre="Rosa",
            correo="rosa.arango@correo.test",
            vereda_barrio="Centro",
            consentimiento=texto,
            ahora=timezone.now() + timedelta(minutes=11),
        )
    assert Suscriptor.objects.count() == 1
    assert len(mail.outbox) == 2
    viejo = _enlace(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    with pytest.raises(audiencias.EnlaceInvalido):
        audiencias.suscriptor_del_token(viejo)


def test_un_enlace_de_confirmacion_vencido_o_alterado_no_sirve(
    texto, suscribirse, client
):
    suscribirse()
    token = _enlace(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]

    alterado = client.get(
        reverse("comunicaciones:confirmar_suscripcion", args=[token[:-2] + "xx"])
    )
    assert alterado.status_code == 400
    assert "no es válido" in alterado.content.decode()

    with mock.patch("django.core.signing.time.time") as reloj:
        reloj.return_value = timezone.now().timestamp() + 8 * 24 * 3600
        vencido = client.post(
            reverse("comunicaciones:confirmar_suscripcion", args=[token])
        )
    assert vencido.status_code == 400
    assert "venció" in vencido.content.decode()
    assert Suscriptor.objects.get().estado == EstadoSuscriptor.PENDIENTE


def test_sin_texto_de_consentimiento_vigente_no_hay_suscripcion(client):
    from comunicaciones.models import TextoConsentimiento

    TextoConsentimiento.objects.all().delete()
    respuesta = client.post(reverse("comunicaciones:suscribirse"), DATOS)

    assert respuesta.status_code == 200
    assert "no está disponible" in respuesta.content.decode()
    assert not Suscriptor.objects.exists()


def test_la_confirmacion_que_no_salio_la_envia_el_barrido_de_la_bandeja(texto, client):
    # Sin la tarea tras el commit (broker caído): el correo no salió.
    client.post(reverse("comunicaciones:suscribirse"), DATOS)
    assert mail.outbox == []

    despues = timezone.now() + timedelta(minutes=2)
    assert buzon.enviar_pendientes(ahora=despues) == 1
    assert buzon.enviar_pendientes(ahora=despues) == 0
    assert len(mail.outbox) == 1


# --- Baja -----------------------------------------------------------------------


def test_la_baja_pide_un_clic_y_queda_registrada(client):
    suscriptor = SuscriptorFactory(correo="lucia@correo.test")
    pieza = PiezaFactory()
    ruta = reverse(
        "comunicaciones:baja", args=[audiencias.token_baja(suscriptor.correo, pieza.pk)]
    )

    pagina = client.get(ruta)
    assert pagina.status_code == 200
    assert "lucia@correo.test" in pagina.content.decode()
    assert not Baja.objects.exists()

    hecha = client.post(ruta)
    assert hecha.status_code == 200
    assert "no recibirá más correos masivos" in hecha.content.decode()
    baja = Baja.objects.get()
    assert (baja.correo, baja.origen, baja.pieza) == (
        "lucia@correo.test",
        OrigenBaja.ENLACE,
        pieza,
    )
    suscriptor.refresh_from_db()
    assert suscriptor.estado == EstadoSuscriptor.DADO_DE_BAJA


def test_el_post_de_un_clic_del_programa_de_correo_no_necesita_csrf(client):
    from django.test import Client

    SuscriptorFactory(correo="lucia@correo.test")
    estricto = Client(enforce_csrf_checks=True)
    ruta = reverse(
        "comunicaciones:baja", args=[audiencias.token_baja("lucia@correo.test")]
    )

    respuesta = estricto.post(ruta, {"List-Unsubscribe": "One-Click"})

    assert respuesta.status_code == 200
    assert Baja.objects.get().origen == OrigenBaja.UN_CLIC


def test_un_enlace_de_baja_alterado_no_da_de_baja_a_nadie(client):
    token = audiencias.token_baja("lucia@correo.test")
    respuesta = client.post(reverse("comunicaciones:baja", args=["x" + token[1:]]))
    assert respuesta.status_code == 400
    assert not Baja.objects.exists()


def test_dar_de_baja_dos_veces_conserva_la_primera():
    primera = audiencias.dar_de_baja(correo="Lucia@correo.test")
    segunda = audiencias.dar_de_baja(
        correo="lucia@correo.test",
        origen=OrigenBaja.UN_CLIC,
        ahora=timezone.now() + timedelta(days=1),
    )
    assert segunda.pk == primera.pk
    assert segunda.dada_en == primera.dada_en
    assert Baja.objects.count() == 1


def test_solo_una_nueva_suscripcion_confirmada_levanta_la_baja(texto, suscribirse):
    SuscriptorFactory(correo="rosa.arango@correo.test")
    audiencias.dar_de_baja(correo="rosa.arango@correo.test")

    suscribirse()
    assert Baja.objects.filter(correo="rosa.arango@correo.test").exists()

    token = _enlace(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    audiencias.confirmar_suscripcion(token=token)
    assert not Baja.objects.exists()
    assert Suscriptor.objects.get().estado == EstadoSuscriptor.ACTIVO


# Filas de antes de guardar los correos en minúsculas (o escritas a mano): la
# persona es la misma aunque cambien las mayúsculas.


def test_el_suscriptor_guardado_con_mayusculas_es_el_mismo_al_inscribirse(
    texto, suscribirse
):
    SuscriptorFactory(correo="Rosa.Arango@Correo.test")

    suscribirse(correo="rosa.arango@correo.test")

    assert Suscriptor.objects.count() == 1
    assert mail.outbox == []


def test_la_baja_desactiva_al_suscriptor_guardado_con_mayusculas():
    suscriptor = SuscriptorFactory(correo="Lucia.Mora@Correo.test")

    audiencias.dar_de_baja(correo="lucia.mora@correo.test")

    suscriptor.refresh_from_db()
    assert suscriptor.estado == EstadoSuscriptor.DADO_DE_BAJA
