"""Ley 1581 de 2012 (temporalidad): la política de datos dice cuánto se guarda
cada cosa, leído de la configuración y de la tabla de retención del admin, y
cada ejecución de los trabajos de depuración queda registrada."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sanpedro_gel.models import CorridaPeriodica, EjecucionPeriodica
from tests import factories
from tramites.models import DisposicionFinal, Solicitud, TipoTramite

pytestmark = pytest.mark.django_db

TRABAJOS = {
    "tramites-depurar-borradores": "tramites.tasks.depurar_borradores",
    "tramites-retencion-expedientes": "tramites.tasks.revisar_retencion_expedientes",
    "comunicaciones-depurar-suscriptores": "comunicaciones.tasks.depurar_suscriptores",
}


def test_los_trabajos_de_conservacion_estan_en_el_programa_de_beat(settings):
    for nombre, tarea in TRABAJOS.items():
        assert settings.CELERY_BEAT_SCHEDULE[nombre]["task"] == tarea


def test_cada_ejecucion_queda_registrada_con_su_resultado(ciudadano):
    tramite = factories.TramiteFactory(tipo=TipoTramite.INSCRIPCION_ICA)
    borrador = factories.SolicitudFactory(tramite=tramite, solicitante=ciudadano)
    Solicitud.objects.filter(pk=borrador.pk).update(
        actualizado_en=timezone.now() - timedelta(days=85)
    )
    from sanpedro_gel.celery import app

    app.loader.import_default_modules()
    for tarea in TRABAJOS.values():
        app.tasks[tarea].apply(throw=True)
        app.tasks[tarea].apply(throw=True)

    for nombre, tarea in TRABAJOS.items():
        assert EjecucionPeriodica.objects.get(nombre=nombre).ultima_ok_en is not None
        assert CorridaPeriodica.objects.filter(tarea=tarea).count() == 2
    corrida = CorridaPeriodica.objects.filter(
        tarea=TRABAJOS["tramites-depurar-borradores"]
    ).earliest("terminada_en")
    assert corrida.resultado == {"avisados": 1, "descartados": 0}


def test_los_trabajos_de_cada_minuto_no_llenan_el_registro():
    from sanpedro_gel.celery import app

    app.loader.import_default_modules()
    app.tasks["sanpedro_gel.tasks.barrer_buzon"].apply(throw=True)
    assert not CorridaPeriodica.objects.exists()


def test_la_politica_dice_cada_plazo_desde_la_configuracion(client, settings):
    settings.BORRADORES_DIAS_SIN_CAMBIOS = 45
    settings.SUSCRIPTORES_DIAS_PARA_CONFIRMAR = 21
    factories.TramiteFactory(
        tipo=TipoTramite.AMPLIACION_HORARIO,
        anios_archivo_gestion=3,
        anios_archivo_central=7,
        disposicion_final=DisposicionFinal.ELIMINACION,
    )
    factories.TramiteFactory(
        tipo=TipoTramite.INSCRIPCION_ICA,
        disposicion_final=DisposicionFinal.CONSERVACION_TOTAL,
    )
    html = client.get(reverse("politica_datos")).content.decode()
    assert "Cuánto tiempo se guardan sus datos" in html
    assert "45 días" in html
    assert "21 días" in html
    assert "Permiso de ampliación de horario" in html
    assert "3 años en el archivo de gestión y 7 años en el archivo central" in html
    assert "Eliminación" in html
    assert "Inscripción en el Registro de Industria y Comercio" in html
    assert "Conservación total" in html


def test_el_comando_de_un_trabajo_de_conservacion_no_falla(capsys):
    call_command("revisar_retencion_expedientes")
    assert "Expedientes por disponer: 0" in capsys.readouterr().out
