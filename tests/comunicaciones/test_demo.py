import pytest
from django.core import mail

from comunicaciones import demo, estados
from comunicaciones.models import (
    Campana,
    Canal,
    Envio,
    Nivel,
    Pieza,
    Suscriptor,
    TareaDifusion,
)

pytestmark = pytest.mark.django_db


def test_la_demo_trae_las_dos_campanas_del_plan_y_es_idempotente(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        demo.cargar()
    conteos = (
        Campana.objects.count(),
        Pieza.objects.count(),
        Envio.objects.count(),
        TareaDifusion.objects.count(),
        Suscriptor.objects.count(),
        len(mail.outbox),
    )
    with django_capture_on_commit_callbacks(execute=True):
        demo.cargar()

    assert (
        Campana.objects.count(),
        Pieza.objects.count(),
        Envio.objects.count(),
        TareaDifusion.objects.count(),
        Suscriptor.objects.count(),
        len(mail.outbox),
    ) == conteos

    interna = Campana.objects.get(nivel=Nivel.INTERNO)
    externa = Campana.objects.get(nivel=Nivel.EXTERNO)
    assert {Canal.CARTA_ALCALDE, Canal.INTRANET, Canal.CARTELERAS} <= set(
        interna.piezas.values_list("canal", flat=True)
    )
    assert {
        Canal.EMISORA,
        Canal.PRENSA,
        Canal.TELEVISION,
        Canal.BANNER,
        Canal.REDES_SOCIALES,
        Canal.AFICHES,
    } <= set(externa.piezas.values_list("canal", flat=True))
    # Lo que ya pasó salió: la carta a cada funcionario, el boletín, el banner.
    carta = interna.piezas.get(canal=Canal.CARTA_ALCALDE)
    assert carta.estado == estados.ENVIADA
    assert Envio.objects.filter(pieza=carta, estado="ENVIADO").count() == 20
    assert Pieza.objects.banners_vigentes().exists()
    assert TareaDifusion.objects.vencidas().exists()
