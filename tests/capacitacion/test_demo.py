import pytest

from capacitacion import demo
from capacitacion.models import (
    Asistencia,
    Aviso,
    Certificado,
    EstadoJornada,
    Jornada,
    Material,
    TipoJornada,
)
from comunicaciones import demo as demo_comunicaciones

pytestmark = pytest.mark.django_db


def _conteos():
    return (
        Jornada.objects.count(),
        Asistencia.objects.count(),
        Aviso.objects.count(),
        Certificado.objects.count(),
        Material.objects.count(),
    )


def test_la_demo_trae_las_cuatro_clases_de_jornada_y_es_idempotente(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        demo_comunicaciones.cargar()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        demo.cargar()
    antes, correos = _conteos(), len(mailoutbox)

    with django_capture_on_commit_callbacks(execute=True):
        demo.cargar()

    assert _conteos() == antes
    assert len(mailoutbox) == correos
    assert set(Jornada.objects.values_list("tipo", flat=True)) == set(TipoJornada)
    capacitacion = Jornada.objects.get(tipo=TipoJornada.CAPACITACION)
    assert capacitacion.temas == [1, 2, 3, 4, 5, 6, 8]
    assert capacitacion.estado == EstadoJornada.CONVOCADA
    taller = Jornada.objects.get(tipo=TipoJornada.TALLER)
    assert taller.estado == EstadoJornada.REALIZADA
    assert Certificado.objects.count() == 3
    assert correos == 3  # los certificados del taller, con su PDF
