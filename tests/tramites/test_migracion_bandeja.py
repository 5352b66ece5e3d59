"""La migración a la bandeja de salida no pierde los correos que aún no habían
salido: el acuse y el aviso sin marca de envío quedan pendientes en la bandeja,
con la clave que usan los servicios; lo ya enviado no se repite."""

import pytest

ANTES = [("tramites", "0003_indices_bandeja")]
DESPUES = [("tramites", "0004_sin_marcas_de_envio")]


@pytest.mark.django_db(transaction=True)
def test_lo_que_no_habia_salido_queda_pendiente_en_la_bandeja(migrar):
    apps = migrar(ANTES)
    Usuario = apps.get_model("sanpedro_gel", "Usuario")
    Tramite = apps.get_model("tramites", "Tramite")
    Solicitud = apps.get_model("tramites", "Solicitud")
    Actuacion = apps.get_model("tramites", "Actuacion")
    ciudadana = Usuario.objects.create(email="maria@correo.test")
    tramite = Tramite.objects.create(
        tipo="INSCRIPCION_ICA", nombre="Inscripción", slug="inscripcion"
    )
    sin_acuse = Solicitud.objects.create(
        tramite=tramite, solicitante=ciudadana, estado="RADICADO", radicado="A-1"
    )
    con_acuse = Solicitud.objects.create(
        tramite=tramite,
        solicitante=ciudadana,
        estado="RADICADO",
        radicado="A-2",
        acuse_enviado_en="2026-07-10T10:00:00-05:00",
    )
    Solicitud.objects.create(tramite=tramite, solicitante=ciudadana)  # borrador
    pendiente = Actuacion.objects.create(
        solicitud=con_acuse, descripcion="Revisión iniciada", aviso="en_revision"
    )
    Actuacion.objects.create(
        solicitud=con_acuse,
        descripcion="Asignada",
        aviso="prorroga",
        notificada_en="2026-07-10T10:00:00-05:00",
    )
    Actuacion.objects.create(solicitud=con_acuse, descripcion="Interna")

    apps = migrar(DESPUES)
    Mensaje = apps.get_model("sanpedro_gel", "Mensaje")
    mensajes = {m.clave: m for m in Mensaje.objects.all()}
    assert set(mensajes) == {
        f"tramites.acuse:{sin_acuse.pk}",
        f"tramites.aviso:{pendiente.pk}",
    }
    acuse = mensajes[f"tramites.acuse:{sin_acuse.pk}"]
    assert (acuse.estado, acuse.para) == ("PENDIENTE", "maria@correo.test")
    assert acuse.adjuntos == [
        {"generar": "tramites.constancia", "solicitud_id": sin_acuse.pk}
    ]
    aviso = mensajes[f"tramites.aviso:{pendiente.pk}"]
    assert aviso.plantilla == "tramites/emails/aviso_en_revision"
    assert aviso.referencia_tipo.model == "actuacion"
