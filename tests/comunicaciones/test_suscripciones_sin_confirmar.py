"""Una suscripción a las noticias que nunca se confirma se borra a los 30 días
(Ley 1581 de 2012: sin autorización confirmada no hay para qué guardar el
correo)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from comunicaciones.models import Baja, EstadoSuscriptor, OrigenBaja, Suscriptor
from comunicaciones.services import audiencias
from tests.factories import SuscriptorFactory, TextoConsentimientoFactory

pytestmark = pytest.mark.django_db


def pendiente(nombre: str, correo: str, *, dias: int) -> Suscriptor:
    return SuscriptorFactory(
        nombre=nombre,
        correo=correo,
        vereda_barrio="Vereda La Lana",
        estado=EstadoSuscriptor.PENDIENTE,
        consentimiento_en=timezone.now() - timedelta(days=dias),
    )


def test_a_los_30_dias_sin_confirmar_se_borra():
    vencido = pendiente("Rosa Elena Arango Muñoz", "rosa.arango@correo.test", dias=31)
    reciente = pendiente("Jesús Álvarez", "jesus.alvarez@correo.test", dias=29)
    activo = SuscriptorFactory(nombre="Ángela Múnera")
    Suscriptor.objects.filter(pk=activo.pk).update(creado_en=timezone.now())
    activo_viejo_consentimiento = SuscriptorFactory(
        nombre="Óscar Peña", consentimiento_en=timezone.now() - timedelta(days=400)
    )

    assert audiencias.depurar_suscriptores_sin_confirmar() == 1

    assert not Suscriptor.objects.filter(pk=vencido.pk).exists()
    assert set(Suscriptor.objects.values_list("pk", flat=True)) == {
        reciente.pk,
        activo.pk,
        activo_viejo_consentimiento.pk,
    }


def test_repetirlo_no_borra_nada_mas():
    pendiente("Rosa Elena Arango Muñoz", "rosa.arango@correo.test", dias=45)
    assert audiencias.depurar_suscriptores_sin_confirmar() == 1
    assert audiencias.depurar_suscriptores_sin_confirmar() == 0


def test_quien_renueva_el_formulario_cuenta_desde_la_renovacion():
    suscriptor = pendiente(
        "Rosa Elena Arango Muñoz", "rosa.arango@correo.test", dias=40
    )
    audiencias.suscribir(
        tipo="CIUDADANO",
        nombre="Rosa Elena Arango Muñoz",
        correo="rosa.arango@correo.test",
        vereda_barrio="Vereda La Lana",
        consentimiento=TextoConsentimientoFactory(),
    )
    assert audiencias.depurar_suscriptores_sin_confirmar() == 0
    assert Suscriptor.objects.filter(pk=suscriptor.pk).exists()


def test_la_lista_de_bajas_no_se_borra():
    suscriptor = pendiente("Jesús Álvarez", "jesus.alvarez@correo.test", dias=60)
    Baja.objects.create(correo=suscriptor.correo, origen=OrigenBaja.ENLACE)
    assert audiencias.depurar_suscriptores_sin_confirmar() == 1
    assert Baja.objects.filter(correo="jesus.alvarez@correo.test").exists()


def test_el_plazo_sale_de_la_configuracion(settings):
    settings.SUSCRIPTORES_DIAS_PARA_CONFIRMAR = 10
    pendiente("Jesús Álvarez", "jesus.alvarez@correo.test", dias=11)
    assert audiencias.depurar_suscriptores_sin_confirmar() == 1


def test_el_comando_gemelo_depura(capsys):
    pendiente("Jesús Álvarez", "jesus.alvarez@correo.test", dias=31)
    call_command("depurar_suscriptores")
    assert "borradas: 1" in capsys.readouterr().out.lower()
