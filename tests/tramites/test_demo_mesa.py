"""La demostración de la mesa de revisión: cada momento del flujo, hecho con los
servicios reales, y sin duplicar nada al cargarla otra vez."""

import pytest

from sanpedro_gel import demo as demo_nucleo
from tramites import demo
from tramites.demo import mesa
from tramites.models import Calificacion, Contribuyente, DocumentoExpedido, Solicitud

pytestmark = pytest.mark.django_db


def test_la_mesa_de_demostracion_tiene_cada_estado_y_es_idempotente(
    django_capture_on_commit_callbacks,
):
    demo_nucleo.cargar()
    with django_capture_on_commit_callbacks(execute=True):
        demo.cargar()
    de_la_mesa = Solicitud.objects.filter(origen=mesa.ORIGEN)
    estados = sorted(de_la_mesa.values_list("estado", flat=True))
    assert estados == [
        "APROBADO",
        "APROBADO",
        "EN_REVISION",
        "RADICADO",
        "RECHAZADO",
        "REQUIERE_SUBSANACION",
    ]
    documentos = sorted((d.tipo, d.numero[:8]) for d in DocumentoExpedido.objects.all())
    assert documentos == [
        ("CERTIFICADO_INSCRIPCION", ""),
        ("RESOLUCION_HORARIO", "RES-2026"),
        ("RESOLUCION_RECHAZO", "RES-2026"),
    ]
    assert all(d.archivo for d in DocumentoExpedido.objects.all())
    assert Contribuyente.objects.filter(nombre="Quesera Santa Rita S.A.S.").exists()
    assert Calificacion.objects.get().puntaje == 5
    subsanar = de_la_mesa.get(estado="REQUIERE_SUBSANACION")
    assert subsanar.solicitante.email == demo.CIUDADANA
    assert subsanar.subsanaciones.get().items.count() == 2

    conteos = (Solicitud.objects.count(), DocumentoExpedido.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        demo.cargar()
    assert (Solicitud.objects.count(), DocumentoExpedido.objects.count()) == conteos
