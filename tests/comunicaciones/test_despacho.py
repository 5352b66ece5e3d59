from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from comunicaciones import estados
from comunicaciones.models import Envio, EstadoEnvio, Pieza
from comunicaciones.services import audiencias, despacho, lotes
from tests.factories import (
    DependenciaFactory,
    FuncionarioFactory,
    PiezaFactory,
    SuscriptorFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def despachar(django_capture_on_commit_callbacks):
    """Corre el despacho ejecutando lo que encola tras confirmar (tareas en línea)."""

    def _despachar(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return despacho.ejecutar_despacho(**kwargs)

    return _despachar


def test_el_despachador_envia_una_pieza_vencida_una_vez_a_cada_suscriptor(despachar):
    suscriptores = SuscriptorFactory.create_batch(5)
    pieza = PiezaFactory(programada=True)

    resumen = despachar()

    assert resumen.tomadas == [pieza.pk]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        s.correo for s in suscriptores
    )
    pieza.refresh_from_db()
    assert pieza.estado == estados.ENVIADA
    assert pieza.terminada_en is not None
    assert Envio.objects.filter(pieza=pieza).conteos() == {
        "destinatarios": 5,
        "enviados": 5,
        "fallidos": 0,
        "omitidos": 0,
        "pendientes": 0,
    }


def test_cada_correo_masivo_lleva_baja_de_un_clic_y_sus_campos(despachar):
    SuscriptorFactory(nombre="Rosa Elena Arango", correo="rosa@correo.test")
    PiezaFactory(programada=True)

    despachar()

    (mensaje,) = mail.outbox
    baja = mensaje.extra_headers["List-Unsubscribe"]
    assert baja.startswith("<http") and "/baja/" in baja
    assert mensaje.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert baja.strip("<>") in mensaje.body
    html = mensaje.alternatives[0][0]
    assert "Hola, Rosa Elena Arango" in html
    assert "<strong>sin filas</strong>" in html
    assert "Dejar de recibir estos correos" in html


def test_despachar_dos_veces_no_envia_nada_dos_veces(despachar):
    SuscriptorFactory.create_batch(3)
    PiezaFactory(programada=True)

    despachar()
    segundo = despachar()

    assert segundo.tomadas == []
    assert len(mail.outbox) == 3


def test_una_pieza_cuya_hora_no_ha_llegado_no_se_toma(despachar):
    SuscriptorFactory()
    pieza = PiezaFactory(
        programada=True, programada_para=timezone.now() + timedelta(minutes=5)
    )

    assert despachar().tomadas == []
    assert despachar(ahora=timezone.now() + timedelta(minutes=6)).tomadas == [pieza.pk]
    assert len(mail.outbox) == 1


def test_una_pieza_en_borrador_nunca_sale(despachar):
    SuscriptorFactory()
    PiezaFactory()

    assert despachar().tomadas == []
    assert mail.outbox == []


def test_los_dados_de_baja_se_omiten_y_se_cuentan(despachar):
    SuscriptorFactory(correo="sigue@correo.test")
    SuscriptorFactory(correo="se-fue@correo.test")
    audiencias.dar_de_baja(correo="se-fue@correo.test")
    # Un funcionario dado de baja tampoco recibe masivos internos.
    FuncionarioFactory(correo="funcionaria@alcaldia.test")
    audiencias.dar_de_baja(correo="FUNCIONARIA@alcaldia.test")
    externa = PiezaFactory(programada=True)
    interna = PiezaFactory(programada=True, al_personal=True)

    despachar()

    assert [m.to[0] for m in mail.outbox] == ["sigue@correo.test"]
    assert Envio.objects.get(pieza=interna).estado == EstadoEnvio.OMITIDO
    conteos = Envio.objects.filter(pieza=externa).conteos()
    assert conteos["enviados"] == 1 and conteos["omitidos"] == 0
    # La baja desactivó la suscripción: ni siquiera entra en la audiencia.
    assert not Envio.objects.filter(correo="se-fue@correo.test").exists()


def test_una_baja_durante_el_envio_omite_lo_pendiente(
    django_capture_on_commit_callbacks,
):
    SuscriptorFactory(correo="a@correo.test")
    funcionario = FuncionarioFactory(correo="tarde@alcaldia.test")
    pieza = PiezaFactory(programada=True, al_personal=True)
    despacho.iniciar_pieza(pieza_id=pieza.pk)  # crea los envíos sin encolar
    audiencias.dar_de_baja(correo=funcionario.correo)

    lotes.enviar_lote(
        pieza_id=pieza.pk,
        envio_ids=list(Envio.objects.values_list("pk", flat=True)),
    )

    assert mail.outbox == []
    envio = Envio.objects.get(pieza=pieza)
    assert envio.estado == EstadoEnvio.OMITIDO
    pieza.refresh_from_db()
    assert pieza.estado == estados.ENVIADA


def test_un_lote_repetido_no_reenvia_lo_que_ya_salio(despachar):
    SuscriptorFactory.create_batch(4)
    pieza = PiezaFactory(programada=True)
    despachar()
    ids = list(Envio.objects.values_list("pk", flat=True))

    lotes.enviar_lote(pieza_id=pieza.pk, envio_ids=ids)

    assert len(mail.outbox) == 4


def test_los_envios_huerfanos_se_reencolan_y_salen_una_vez(
    despachar, django_capture_on_commit_callbacks, settings
):
    SuscriptorFactory.create_batch(3)
    pieza = PiezaFactory(programada=True)
    # La pieza arranca pero su mensaje de Celery «se pierde»: no se ejecuta.
    despacho.iniciar_pieza(pieza_id=pieza.pk)
    Envio.objects.update(encolado_en=timezone.now(), reclamado_en=None)

    assert despachar().reencoladas == 0  # aún no vencen
    tarde = timezone.now() + timedelta(
        seconds=settings.COMUNICACIONES_RECLAMO_VENCE_SEGUNDOS + 1
    )
    assert despachar(ahora=tarde).reencoladas == 3
    assert despachar(ahora=tarde).reencoladas == 0

    assert len(mail.outbox) == 3
    pieza.refresh_from_db()
    assert pieza.estado == estados.ENVIADA


def test_un_reclamo_vivo_no_se_roba(settings):
    SuscriptorFactory()
    pieza = PiezaFactory(programada=True)
    despacho.iniciar_pieza(pieza_id=pieza.pk)
    Envio.objects.update(reclamado_en=timezone.now(), reclamado_por="otro")

    resultado = lotes.enviar_lote(
        pieza_id=pieza.pk, envio_ids=list(Envio.objects.values_list("pk", flat=True))
    )

    assert resultado.reclamados == 0
    assert mail.outbox == []


def test_una_pieza_pausada_no_envia(despachar):
    SuscriptorFactory.create_batch(2)
    pieza = PiezaFactory(programada=True)
    despacho.iniciar_pieza(pieza_id=pieza.pk)
    Pieza.objects.filter(pk=pieza.pk).update(estado=estados.PAUSADA)

    lotes.enviar_lote(
        pieza_id=pieza.pk, envio_ids=list(Envio.objects.values_list("pk", flat=True))
    )

    assert mail.outbox == []


def test_una_audiencia_vacia_deja_la_pieza_fallida(despachar):
    pieza = PiezaFactory(programada=True)

    despachar()

    pieza.refresh_from_db()
    assert pieza.estado == estados.FALLIDA
    assert "no tiene destinatarios" in pieza.motivo_estado


def test_la_audiencia_interna_filtra_por_dependencia_y_vinculacion(despachar):
    hacienda = DependenciaFactory(nombre="Secretaría de Hacienda")
    gobierno = DependenciaFactory(nombre="Secretaría General y de Gobierno")
    FuncionarioFactory(
        correo="contratista.hacienda@alcaldia.test",
        dependencia=hacienda,
        vinculacion="CONTRATISTA",
    )
    FuncionarioFactory(correo="carrera.hacienda@alcaldia.test", dependencia=hacienda)
    FuncionarioFactory(
        correo="contratista.gobierno@alcaldia.test",
        dependencia=gobierno,
        vinculacion="CONTRATISTA",
    )
    FuncionarioFactory(
        correo="inactivo@alcaldia.test", dependencia=hacienda, activo=False
    )
    pieza = PiezaFactory(
        programada=True, al_personal=True, vinculaciones=["CONTRATISTA"]
    )
    pieza.dependencias.add(hacienda)

    despachar()

    assert [m.to[0] for m in mail.outbox] == ["contratista.hacienda@alcaldia.test"]


def test_el_segmento_filtra_suscriptores_por_vereda_sin_tildes(despachar):
    from tests.factories import SegmentoFactory

    SuscriptorFactory(
        correo="tambo@correo.test",
        vereda_barrio="El Tambo",
        vereda_barrio_clave="el tambo",
    )
    SuscriptorFactory(correo="centro@correo.test")
    segmento = SegmentoFactory(veredas_barrios="El Tambo\n  ")
    PiezaFactory(programada=True, segmento=segmento)

    despachar()

    assert [m.to[0] for m in mail.outbox] == ["tambo@correo.test"]
