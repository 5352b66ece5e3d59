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
    # Los certificados del taller, con su PDF, y la inscripción de la ciudadana
    # a la asesoría del colegio, con su .ics.
    assert correos == 4


def test_la_demo_trae_la_asesoria_en_el_colegio_con_la_ciudadana_inscrita(
    django_capture_on_commit_callbacks,
):
    from capacitacion.models import Inscripcion
    from sanpedro_gel import demo as demo_nucleo

    with django_capture_on_commit_callbacks(execute=True):
        demo_nucleo.cargar()
        demo_comunicaciones.cargar()
        demo.cargar()
        demo.cargar()
    colegio = Jornada.objects.get(titulo__contains="vereda", tipo=TipoJornada.ASESORIA)
    assert colegio.estado == EstadoJornada.CONVOCADA and colegio.publicada
    (inscripcion,) = Inscripcion.objects.filter(jornada=colegio)
    assert inscripcion.usuario.email == "ciudadana@portal-demo.test"
