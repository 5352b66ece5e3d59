"""El vigilante de la suite: un PDF o un correo con una fila bloqueada falla."""

import pytest
from django.core.mail import send_mail
from django.db import transaction

from sanpedro_gel.models import Usuario
from sanpedro_gel.pdf import render_pdf
from tests.bloqueos import BloqueoDuranteEfecto, vigilar
from tests.factories import UsuarioFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vigilante(db, monkeypatch):
    with vigilar(monkeypatch) as activo:
        yield activo


def test_un_pdf_con_una_fila_bloqueada_falla():
    usuario = UsuarioFactory()
    with pytest.raises(BloqueoDuranteEfecto), transaction.atomic():
        Usuario.objects.select_for_update().get(pk=usuario.pk)
        render_pdf("pdf/base.html", {})


def test_un_correo_con_una_fila_bloqueada_falla():
    usuario = UsuarioFactory()
    with pytest.raises(BloqueoDuranteEfecto), transaction.atomic():
        Usuario.objects.select_for_update().get(pk=usuario.pk)
        send_mail("asunto", "cuerpo", None, ["a@b.test"])


def test_despues_del_bloque_si_se_puede():
    usuario = UsuarioFactory()
    with transaction.atomic():
        Usuario.objects.select_for_update().get(pk=usuario.pk)
    assert render_pdf("pdf/base.html", {}).startswith(b"%PDF")
    assert send_mail("asunto", "cuerpo", None, ["a@b.test"]) == 1


def test_un_bloque_sin_bloqueo_no_cuenta():
    with transaction.atomic():
        Usuario.objects.count()
        assert send_mail("asunto", "cuerpo", None, ["a@b.test"]) == 1
