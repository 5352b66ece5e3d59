"""Los verbos de la mesa de revisión y sus reglas (servicios)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from sanpedro_gel.excepciones import ConflictoDeEstado, TransicionInvalida
from tests.factories import RequisitoFactory
from tests.tramites.mesa import en_revision, momento, radicada
from tramites.models import Actuacion, Estado, Solicitud, TipoTramite
from tramites.services import revision

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("definicion_mesa", "ciiu")]


def test_iniciar_revision_asigna_a_quien_la_inicia_y_deja_historial(
    ciudadano, revisor_hacienda
):
    solicitud = radicada(ciudadano)
    actuacion = revision.iniciar_revision(
        solicitud_id=solicitud.pk, actor=revisor_hacienda, estado_visto="RADICADO"
    )
    solicitud.refresh_from_db()
    assert solicitud.estado == Estado.EN_REVISION
    assert solicitud.asignado_a == revisor_hacienda
    assert (actuacion.estado_origen, actuacion.estado_destino) == (
        "RADICADO",
        "EN_REVISION",
    )
    assert actuacion.actor == revisor_hacienda and actuacion.aviso == "en_revision"


def test_el_revisor_de_otro_tramite_no_puede_actuar(ciudadano, revisor_gobierno):
    solicitud = radicada(ciudadano)
    with pytest.raises(PermissionDenied):
        revision.iniciar_revision(solicitud_id=solicitud.pk, actor=revisor_gobierno)
    with pytest.raises(PermissionDenied):
        revision.asignar(solicitud_id=solicitud.pk, actor=revisor_gobierno)
    assert Solicitud.objects.get(pk=solicitud.pk).estado == Estado.RADICADO


def test_el_lider_gel_solo_lee(ciudadano, lider_gel):
    solicitud = radicada(ciudadano)
    with pytest.raises(PermissionDenied):
        revision.iniciar_revision(solicitud_id=solicitud.pk, actor=lider_gel)


def test_una_transicion_fuera_de_la_tabla_se_rechaza_y_no_cambia_nada(
    ciudadano, revisor_hacienda
):
    solicitud = radicada(ciudadano)
    antes = Actuacion.objects.count()
    with pytest.raises(TransicionInvalida, match="No se puede aprobar"):
        revision.aprobar(solicitud_id=solicitud.pk, actor=revisor_hacienda)
    solicitud.refresh_from_db()
    assert solicitud.estado == Estado.RADICADO
    assert Actuacion.objects.count() == antes


def test_asignarme_es_idempotente_y_detecta_a_quien_se_la_asigno_antes(
    ciudadano, revisor_hacienda, django_user_model
):
    from tests.conftest import _funcionario_con_rol

    otra = _funcionario_con_rol("Revisor Hacienda", "hacienda2@alcaldia.test")
    solicitud = radicada(ciudadano)
    revision.asignar(
        solicitud_id=solicitud.pk, actor=revisor_hacienda, asignado_visto_id=None
    )
    revision.asignar(
        solicitud_id=solicitud.pk, actor=revisor_hacienda, asignado_visto_id=None
    )
    assert Actuacion.objects.filter(descripcion__startswith="Asignada").count() == 1

    # La otra revisora vio la solicitud sin asignar: su clic llega tarde.
    with pytest.raises(ConflictoDeEstado, match="quedó asignada"):
        revision.asignar(solicitud_id=solicitud.pk, actor=otra, asignado_visto_id=None)
    # Viéndola asignada, puede tomarla a conciencia.
    revision.asignar(
        solicitud_id=solicitud.pk, actor=otra, asignado_visto_id=revisor_hacienda.pk
    )
    assert Solicitud.objects.get(pk=solicitud.pk).asignado_a == otra


def test_solo_quien_la_tiene_asignada_decide(ciudadano, revisor_hacienda):
    from tests.conftest import _funcionario_con_rol

    otra = _funcionario_con_rol("Revisor Hacienda", "hacienda2@alcaldia.test")
    solicitud = en_revision(ciudadano, revisor_hacienda)
    with pytest.raises(TransicionInvalida, match="asignada a"):
        revision.rechazar(solicitud_id=solicitud.pk, actor=otra, motivacion="x" * 40)


def test_subsanacion_exige_decir_que_falta(ciudadano, revisor_hacienda):
    solicitud = en_revision(ciudadano, revisor_hacienda)
    with pytest.raises(TransicionInvalida, match="Indique qué falta"):
        revision.solicitar_subsanacion(
            solicitud_id=solicitud.pk,
            actor=revisor_hacienda,
            requisitos={},
            pasos={"contribuyente": ("Contribuyente", "   ")},
        )
    assert Solicitud.objects.get(pk=solicitud.pk).estado == Estado.EN_REVISION


def test_subsanacion_por_requisito_y_por_dato(ciudadano, revisor_hacienda):
    solicitud = en_revision(ciudadano, revisor_hacienda)
    rut = RequisitoFactory(tramite=solicitud.tramite, nombre="RUT actualizado")
    subsanacion = revision.solicitar_subsanacion(
        solicitud_id=solicitud.pk,
        actor=revisor_hacienda,
        requisitos={rut.pk: "El RUT adjunto es de 2019; adjunte uno de este año."},
        pasos={"contribuyente": ("Contribuyente", "Corrija el correo electrónico.")},
        observacion="Gracias.",
        estado_visto="EN_REVISION",
    )
    titulos = [(i.titulo, i.es_documento) for i in subsanacion.items.all()]
    assert titulos == [("RUT actualizado", True), ("Contribuyente", False)]
    solicitud.refresh_from_db()
    assert solicitud.estado == Estado.REQUIERE_SUBSANACION
    actuacion = solicitud.historial.last()
    assert "RUT actualizado: El RUT adjunto es de 2019" in actuacion.observacion


def test_un_requisito_de_otro_tramite_no_se_puede_pedir(ciudadano, revisor_hacienda):
    solicitud = en_revision(ciudadano, revisor_hacienda)
    ajeno = RequisitoFactory(tramite__tipo=TipoTramite.AMPLIACION_HORARIO)
    with pytest.raises(TransicionInvalida):
        revision.solicitar_subsanacion(
            solicitud_id=solicitud.pk,
            actor=revisor_hacienda,
            requisitos={ajeno.pk: "Falta"},
        )


def test_rechazar_exige_motivacion(ciudadano, revisor_hacienda):
    solicitud = en_revision(ciudadano, revisor_hacienda)
    with pytest.raises(TransicionInvalida, match="motivación"):
        revision.rechazar(
            solicitud_id=solicitud.pk, actor=revisor_hacienda, motivacion="   no "
        )
    documento = revision.rechazar(
        solicitud_id=solicitud.pk,
        actor=revisor_hacienda,
        motivacion="El solicitante ya está inscrito con la matrícula ICA-000010.",
    )
    solicitud.refresh_from_db()
    assert solicitud.estado == Estado.RECHAZADO
    assert documento.numero.startswith("RES-")
    assert solicitud.decidida_en and solicitud.decidida_a_tiempo is True


def test_la_decision_guarda_dias_habiles_y_si_fue_a_tiempo(
    ciudadano, revisor_hacienda, fijar_hoy
):
    fijar_hoy(momento(2026, 7, 10))  # viernes; vence el 4 de agosto
    solicitud = en_revision(ciudadano, revisor_hacienda)
    assert solicitud.vence_el == date(2026, 8, 4)
    fijar_hoy(momento(2026, 8, 5))  # un día hábil tarde
    revision.aprobar(solicitud_id=solicitud.pk, actor=revisor_hacienda)
    solicitud.refresh_from_db()
    assert solicitud.dias_habiles_para_decidir == 16
    assert solicitud.decidida_a_tiempo is False


# --- Prórroga -------------------------------------------------------------------------


def test_prorroga_hasta_el_doble_del_termino_una_sola_vez_y_antes_de_vencer(
    ciudadano, revisor_hacienda, fijar_hoy
):
    fijar_hoy(momento(2026, 7, 10))
    solicitud = en_revision(ciudadano, revisor_hacienda)
    # 15 días hábiles más desde el 4 de agosto (7 y 17 de agosto son festivos).
    assert revision.limite_de_prorroga(solicitud) == date(2026, 8, 27)

    def prorrogar(fecha, razones="Se espera el concepto de Planeación."):
        return revision.prorrogar(
            solicitud_id=solicitud.pk,
            actor=revisor_hacienda,
            razones=razones,
            nueva_fecha=fecha,
        )

    with pytest.raises(TransicionInvalida, match="doble del término"):
        prorrogar(date(2026, 8, 28))
    with pytest.raises(TransicionInvalida, match="día hábil"):
        prorrogar(date(2026, 8, 22))  # sábado
    with pytest.raises(TransicionInvalida, match="razones"):
        prorrogar(date(2026, 8, 27), razones="  ")

    actuacion = prorrogar(date(2026, 8, 27))
    assert actuacion.aviso == "prorroga" and actuacion.estado_destino == ""
    solicitud.refresh_from_db()
    assert solicitud.vence_el == date(2026, 8, 27) and solicitud.prorrogada_en
    assert solicitud.estado == Estado.EN_REVISION

    with pytest.raises(TransicionInvalida, match="ya fue prorrogado"):
        prorrogar(date(2026, 8, 27))


def test_no_se_prorroga_un_termino_vencido(ciudadano, revisor_hacienda, fijar_hoy):
    fijar_hoy(momento(2026, 7, 10))
    solicitud = en_revision(ciudadano, revisor_hacienda)
    fijar_hoy(momento(2026, 8, 5))
    with pytest.raises(TransicionInvalida, match="ya venció"):
        revision.prorrogar(
            solicitud_id=solicitud.pk,
            actor=revisor_hacienda,
            razones="Tarde.",
            nueva_fecha=date(2026, 8, 20),
        )
