"""Expedientes y tabla de retención documental (Ley 594 de 2000): cada trámite
dice cuántos años se guarda su expediente en el archivo de gestión y en el
central y su disposición final. Un trabajo diario lista los que cumplieron la
retención; un funcionario aprueba la eliminación o la transferencia (queda quién
y cuándo). Nada se borra solo."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sanpedro_gel.excepciones import ConflictoDeEstado
from tests import factories
from tramites.models import (
    DisposicionExpediente,
    DisposicionFinal,
    Estado,
    EstadoDisposicion,
    Solicitud,
    TipoTramite,
)
from tramites.services import retencion

pytestmark = pytest.mark.django_db


def decidida(tramite, *, hace_anios: float, estado=Estado.APROBADO, **campos):
    solicitud = factories.SolicitudFactory(
        tramite=tramite, radicada=True, nombre_solicitante="José Peña Álvarez"
    )
    cuando = timezone.now() - timedelta(days=round(365.25 * hace_anios))
    Solicitud.objects.filter(pk=solicitud.pk).update(
        estado=estado, radicado_en=cuando - timedelta(days=20), decidida_en=cuando
    )
    solicitud.refresh_from_db()
    return solicitud


@pytest.fixture
def inscripcion(db):
    return factories.TramiteFactory(tipo=TipoTramite.INSCRIPCION_ICA)


def test_la_tabla_de_retencion_tiene_valores_por_defecto(inscripcion):
    assert inscripcion.anios_archivo_gestion == 2
    assert inscripcion.anios_archivo_central == 8
    assert inscripcion.disposicion_final in DisposicionFinal.values
    assert inscripcion.anios_retencion == 10


def test_lista_los_expedientes_que_cumplieron_su_retencion(inscripcion):
    vencida = decidida(inscripcion, hace_anios=10.1)
    decidida(inscripcion, hace_anios=9.5)
    abierta = factories.SolicitudFactory(tramite=inscripcion, radicada=True)
    Solicitud.objects.filter(pk=abierta.pk).update(
        radicado_en=timezone.now() - timedelta(days=365 * 12)
    )

    assert retencion.revisar_retencion_expedientes() == 1

    fila = DisposicionExpediente.objects.get()
    assert fila.solicitud == vencida
    assert fila.estado == EstadoDisposicion.PENDIENTE
    assert fila.disposicion_final == inscripcion.disposicion_final
    assert fila.aprobada_por is None


def test_repetir_el_trabajo_no_duplica(inscripcion):
    decidida(inscripcion, hace_anios=11, estado=Estado.RECHAZADO)
    assert retencion.revisar_retencion_expedientes() == 1
    assert retencion.revisar_retencion_expedientes() == 0
    assert DisposicionExpediente.objects.count() == 1


def test_cada_tramite_usa_su_propia_tabla(inscripcion):
    horario = factories.TramiteFactory(
        tipo=TipoTramite.AMPLIACION_HORARIO,
        anios_archivo_gestion=1,
        anios_archivo_central=2,
        disposicion_final=DisposicionFinal.ELIMINACION,
    )
    solicitud = decidida(horario, hace_anios=3.2, estado=Estado.DESISTIDO)
    decidida(inscripcion, hace_anios=3.2)
    assert retencion.revisar_retencion_expedientes() == 1
    fila = DisposicionExpediente.objects.get()
    assert fila.solicitud == solicitud
    assert fila.disposicion_final == DisposicionFinal.ELIMINACION


def test_aprobar_registra_quien_y_cuando_y_no_borra(inscripcion, lider_gel):
    solicitud = decidida(inscripcion, hace_anios=11)
    retencion.revisar_retencion_expedientes()
    fila = DisposicionExpediente.objects.get()

    retencion.aprobar_disposicion(
        disposicion_id=fila.pk, actor=lider_gel, observacion="Acta del comité n.º 3"
    )

    fila.refresh_from_db()
    assert fila.estado == EstadoDisposicion.APROBADA
    assert fila.aprobada_por == lider_gel
    assert timezone.now() - fila.aprobada_en < timedelta(minutes=1)
    assert fila.observacion == "Acta del comité n.º 3"
    assert Solicitud.objects.filter(pk=solicitud.pk).exists()

    with pytest.raises(ConflictoDeEstado):
        retencion.aprobar_disposicion(disposicion_id=fila.pk, actor=lider_gel)


def test_la_accion_del_admin_aprueba(client, inscripcion, lider_gel):
    decidida(inscripcion, hace_anios=11)
    retencion.revisar_retencion_expedientes()
    fila = DisposicionExpediente.objects.get()
    client.force_login(lider_gel)
    url = reverse("admin:tramites_disposicionexpediente_changelist")
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert "Inscripción" in pagina.content.decode()
    respuesta = client.post(
        url,
        {"action": "aprobar", "_selected_action": [fila.pk]},
        follow=True,
    )
    assert respuesta.status_code == 200
    fila.refresh_from_db()
    assert fila.estado == EstadoDisposicion.APROBADA
    assert fila.aprobada_por == lider_gel


def test_sin_permiso_no_se_ve_ni_se_aprueba(
    client, inscripcion, funcionario_sin_permisos, revisor_hacienda
):
    decidida(inscripcion, hace_anios=11)
    retencion.revisar_retencion_expedientes()
    url = reverse("admin:tramites_disposicionexpediente_changelist")
    for persona in (funcionario_sin_permisos, revisor_hacienda):
        client.force_login(persona)
        assert client.get(url).status_code == 403
    assert DisposicionExpediente.objects.get().estado == EstadoDisposicion.PENDIENTE


def test_la_tabla_se_edita_en_la_ficha_del_tramite(client, inscripcion, lider_gel):
    client.force_login(lider_gel)
    html = client.get(
        reverse("admin:tramites_tramite_change", args=[inscripcion.pk])
    ).content.decode()
    assert "archivo de gestión" in html
    assert "disposición final" in html.lower()


def test_el_comando_gemelo_lista(inscripcion, capsys):
    decidida(inscripcion, hace_anios=11)
    call_command("revisar_retencion_expedientes")
    assert "expedientes por disponer: 1" in capsys.readouterr().out.lower()
