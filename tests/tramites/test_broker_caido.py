"""Con el broker caído el ciudadano igual radica desde el portal y ve su
confirmación; el barrido de la bandeja produce después exactamente un PDF y un
correo."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from sanpedro_gel import buzon
from sanpedro_gel.models import EstadoMensaje, Mensaje
from tests import factories
from tests.tramites.ayudas import datos_inscripcion, texto_pdf
from tests.tramites.test_formularios import adjuntar_obligatorios
from tramites import services
from tramites.models import AvisoPrivacidad, Estado, Solicitud
from tramites.services import avisos

pytestmark = pytest.mark.django_db


def acuse_de(solicitud) -> Mensaje:
    return Mensaje.objects.get(clave=avisos.clave_acuse(solicitud.pk))


def test_radicar_por_la_vista_con_el_broker_caido(
    client, ciudadano, catalogo, django_capture_on_commit_callbacks
):
    solicitud = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"],
        solicitante=ciudadano,
        datos=datos_inscripcion(),
    )
    adjuntar_obligatorios(solicitud)
    client.force_login(ciudadano)
    with (
        mock.patch(
            "sanpedro_gel.tasks.enviar_mensaje.delay",
            side_effect=OperationalError("Redis no responde"),
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        respuesta = client.post(
            reverse("tramites:revision", args=[solicitud.pk]),
            {
                "aviso": AvisoPrivacidad.objects.get().pk,
                "acepta_aviso": "on",
                "como_se_entero": "PRENSA",
            },
            follow=True,
        )
    solicitud.refresh_from_db()
    assert respuesta.status_code == 200
    assert solicitud.estado == Estado.RADICADO
    assert solicitud.radicado in respuesta.content.decode()
    assert not solicitud.constancia and mail.outbox == []

    # Dos barridos: el primero completa, el segundo no encuentra nada.
    despues = timezone.now() + timedelta(minutes=2)
    assert buzon.enviar_pendientes(ahora=despues) == 1
    assert buzon.enviar_pendientes(ahora=despues) == 0
    solicitud.refresh_from_db()
    assert solicitud.constancia
    assert acuse_de(solicitud).estado == EstadoMensaje.ENVIADO
    assert len(mail.outbox) == 1
    adjunto = mail.outbox[0].attachments[0]
    assert solicitud.radicado in texto_pdf(adjunto[1])


def test_la_constancia_se_genera_al_descargarla_si_el_trabajador_no_llego(
    client, ciudadano, catalogo
):
    solicitud = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"],
        solicitante=ciudadano,
        datos=datos_inscripcion(),
    )
    adjuntar_obligatorios(solicitud)
    # Sin ejecutar los on_commit: el trabajador «aún no llega».
    services.radicar_solicitud(
        solicitud_id=solicitud.pk, actor=ciudadano, aviso=AvisoPrivacidad.objects.get()
    )
    client.force_login(ciudadano)
    respuesta = client.get(reverse("tramites:constancia", args=[solicitud.pk]))
    assert respuesta.status_code == 200
    texto = texto_pdf(b"".join(respuesta.streaming_content))
    solicitud.refresh_from_db()
    assert solicitud.radicado in texto and solicitud.codigo_verificacion in texto
    assert "Lácteos El Ordeño S.A.S." in texto and "Quesera El Ordeño" in texto
    # El acuse sigue pendiente para el barrido, y la constancia ya no se rehace.
    assert solicitud.constancia
    assert acuse_de(solicitud).estado == EstadoMensaje.PENDIENTE
    assert services.generar_constancia(solicitud_id=solicitud.pk) is False
    nombre = solicitud.constancia.name
    assert buzon.enviar_pendientes(ahora=timezone.now() + timedelta(minutes=2)) == 1
    assert Solicitud.objects.get(pk=solicitud.pk).constancia.name == nombre
    (acuse,) = mail.outbox
    assert solicitud.codigo_verificacion in texto_pdf(acuse.attachments[0][1])
