"""La demostración de trámites carga contenido real y es idempotente."""

import pytest
from django.core import mail

from sanpedro_gel import demo as demo_nucleo
from tramites import demo
from tramites.models import (
    ActividadCIIU,
    AvisoPrivacidad,
    Contribuyente,
    DiaNoHabil,
    Estado,
    Requisito,
    Solicitud,
    Tramite,
)

pytestmark = pytest.mark.django_db


def test_cargar_dos_veces_no_duplica_y_la_ciudadana_tiene_borrador_y_radicada(
    django_capture_on_commit_callbacks,
):
    demo_nucleo.cargar()
    with django_capture_on_commit_callbacks(execute=True):
        demo.cargar()
    conteos = [
        m.objects.count()
        for m in (
            Tramite,
            Requisito,
            ActividadCIIU,
            AvisoPrivacidad,
            DiaNoHabil,
            Contribuyente,
            Solicitud,
        )
    ]
    with django_capture_on_commit_callbacks(execute=True):
        demo.cargar()
    assert conteos == [
        m.objects.count()
        for m in (
            Tramite,
            Requisito,
            ActividadCIIU,
            AvisoPrivacidad,
            DiaNoHabil,
            Contribuyente,
            Solicitud,
        )
    ]
    assert conteos[0] == 3 and conteos[2] > 120
    elegibles = set(
        ActividadCIIU.objects.filter(permite_ampliacion_horario=True).values_list(
            "codigo", flat=True
        )
    )
    assert elegibles == {"5630", "5621", "9200", "9007", "9329", "9499"}

    propias = Solicitud.objects.filter(solicitante__email=demo.CIUDADANA)
    assert propias.filter(estado=Estado.BORRADOR).count() == 1
    radicada = propias.get(estado=Estado.RADICADO)
    assert radicada.radicado.startswith("NOV-") and radicada.constancia
    assert radicada.como_se_entero == "EMISORA" and radicada.origen == "emisora"
    # Un acuse para la novedad de la ciudadana (la mesa de revisión de la
    # demostración manda además los avisos de sus propias solicitudes).
    assert len([m for m in mail.outbox if radicada.radicado in m.subject]) == 1
    # Hay bares activos y elegibles en el registro de ejemplo.
    assert (
        Contribuyente.objects.activos()
        .filter(establecimientos__actividad__permite_ampliacion_horario=True)
        .count()
        >= 4
    )
