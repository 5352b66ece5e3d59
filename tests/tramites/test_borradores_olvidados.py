"""Borradores olvidados (Ley 1581 de 2012, temporalidad): un borrador nunca
radicado no es documento de archivo; tras BORRADORES_DIAS_SIN_CAMBIOS días sin
cambios se borra con sus adjuntos, con un aviso al ciudadano siete días antes,
una sola vez."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from sanpedro_gel.models import Mensaje
from tests import factories
from tests.tramites.ayudas import archivo
from tramites.models import Adjunto, Solicitud
from tramites.services import retencion
from tramites.services.adjuntos import adjuntar

pytestmark = pytest.mark.django_db


def borrador(ciudadano, tramite, *, dias_sin_cambios: int) -> Solicitud:
    solicitud = factories.SolicitudFactory(tramite=tramite, solicitante=ciudadano)
    # auto_now: la fecha del último cambio solo se puede fijar con update().
    Solicitud.objects.filter(pk=solicitud.pk).update(
        actualizado_en=timezone.now() - timedelta(days=dias_sin_cambios)
    )
    solicitud.refresh_from_db()
    return solicitud


def test_a_siete_dias_del_plazo_se_avisa_al_ciudadano_una_sola_vez(
    catalogo, ciudadano, django_capture_on_commit_callbacks
):
    solicitud = borrador(ciudadano, catalogo["inscripcion"], dias_sin_cambios=83)
    with django_capture_on_commit_callbacks(execute=True):
        resultado = retencion.depurar_borradores()
    assert resultado == {"avisados": 1, "descartados": 0}
    assert len(mail.outbox) == 1
    correo = mail.outbox[0]
    assert correo.to == ["maria.gomez@correo.test"]
    assert "borrador" in correo.subject.lower()
    assert "Inscripción" in correo.body or "inscripción" in correo.body
    assert "María" in correo.body
    assert "7 días" in correo.body

    with django_capture_on_commit_callbacks(execute=True):
        assert retencion.depurar_borradores() == {"avisados": 0, "descartados": 0}
    assert len(mail.outbox) == 1
    assert Solicitud.objects.filter(pk=solicitud.pk).exists()


def test_un_borrador_reciente_no_se_toca(catalogo, ciudadano):
    borrador(ciudadano, catalogo["inscripcion"], dias_sin_cambios=20)
    assert retencion.depurar_borradores() == {"avisados": 0, "descartados": 0}
    assert Mensaje.objects.count() == 0


def test_vencido_y_avisado_se_borra_con_sus_adjuntos(
    catalogo, ciudadano, settings, django_capture_on_commit_callbacks
):
    solicitud = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"], solicitante=ciudadano
    )
    adjunto = adjuntar(
        solicitud=solicitud,
        requisito=catalogo["requisitos"]["rut"],
        archivo=archivo("RUT José Peña.pdf"),
    )
    ruta = settings.PRIVATE_MEDIA_ROOT / adjunto.archivo.name
    assert ruta.exists()
    ahora = timezone.now()
    Solicitud.objects.filter(pk=solicitud.pk).update(
        actualizado_en=ahora - timedelta(days=83)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert retencion.depurar_borradores() == {"avisados": 1, "descartados": 0}

    with django_capture_on_commit_callbacks(execute=True):
        resultado = retencion.depurar_borradores(ahora=ahora + timedelta(days=6))
    assert resultado == {"avisados": 0, "descartados": 0}  # aún no pasan 90 días

    with django_capture_on_commit_callbacks(execute=True):
        resultado = retencion.depurar_borradores(
            ahora=ahora + timedelta(days=7, minutes=1)
        )
    assert resultado == {"avisados": 0, "descartados": 1}
    assert not Solicitud.objects.filter(pk=solicitud.pk).exists()
    assert not Adjunto.objects.exists()
    assert not ruta.exists()


def test_sin_aviso_previo_no_se_borra_aunque_este_vencido(
    catalogo, ciudadano, django_capture_on_commit_callbacks
):
    """Un borrador que ya tenía más de 90 días cuando empezó el trabajo recibe
    primero su aviso y se borra siete días después, no de una vez."""
    solicitud = borrador(ciudadano, catalogo["inscripcion"], dias_sin_cambios=200)
    with django_capture_on_commit_callbacks(execute=True):
        assert retencion.depurar_borradores() == {"avisados": 1, "descartados": 0}
    assert Solicitud.objects.filter(pk=solicitud.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        resultado = retencion.depurar_borradores(
            ahora=timezone.now() + timedelta(days=7, minutes=1)
        )
    assert resultado == {"avisados": 0, "descartados": 1}


def test_si_el_ciudadano_vuelve_despues_del_aviso_no_se_borra(
    catalogo, ciudadano, django_capture_on_commit_callbacks
):
    solicitud = borrador(ciudadano, catalogo["inscripcion"], dias_sin_cambios=85)
    with django_capture_on_commit_callbacks(execute=True):
        retencion.depurar_borradores()
    solicitud.save()  # el ciudadano guarda un paso: cuenta de nuevo desde hoy
    with django_capture_on_commit_callbacks(execute=True):
        resultado = retencion.depurar_borradores(
            ahora=timezone.now() + timedelta(days=8)
        )
    assert resultado == {"avisados": 0, "descartados": 0}
    assert Solicitud.objects.filter(pk=solicitud.pk).exists()


def test_una_solicitud_radicada_nunca_se_borra(catalogo, ciudadano):
    radicada = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"], solicitante=ciudadano, radicada=True
    )
    Solicitud.objects.filter(pk=radicada.pk).update(
        actualizado_en=timezone.now() - timedelta(days=400)
    )
    assert retencion.depurar_borradores() == {"avisados": 0, "descartados": 0}
    assert Solicitud.objects.filter(pk=radicada.pk).exists()


def test_el_plazo_sale_de_la_configuracion(
    catalogo, ciudadano, settings, django_capture_on_commit_callbacks
):
    settings.BORRADORES_DIAS_SIN_CAMBIOS = 30
    borrador(ciudadano, catalogo["novedad"], dias_sin_cambios=24)
    with django_capture_on_commit_callbacks(execute=True):
        assert retencion.depurar_borradores() == {"avisados": 1, "descartados": 0}


def test_el_comando_gemelo_depura(catalogo, ciudadano, capsys):
    borrador(ciudadano, catalogo["inscripcion"], dias_sin_cambios=83)
    call_command("depurar_borradores")
    assert "avisados: 1" in capsys.readouterr().out.lower()
