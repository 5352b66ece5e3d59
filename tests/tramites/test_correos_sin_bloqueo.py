"""Los correos de los trámites se arman (con sus PDF) y se envían fuera de todo
bloqueo de filas: esta prueba vigila aunque la suite corra sin
BLOQUEOS_VIGILADOS (ver tests/bloqueos.py)."""

import pytest
from django.core import mail

from tests.bloqueos import vigilar
from tests.tramites.mesa import momento, radicada, texto_pdf
from tramites.services import avisos, revision

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("definicion_mesa", "ciiu")]


def test_acuse_avisos_y_resumen_salen_sin_filas_bloqueadas(
    ciudadano,
    revisor_hacienda,
    monkeypatch,
    fijar_hoy,
    django_capture_on_commit_callbacks,
):
    fijar_hoy(momento(2026, 7, 10))
    with vigilar(monkeypatch):
        with django_capture_on_commit_callbacks(execute=True):
            solicitud = radicada(ciudadano)
        with django_capture_on_commit_callbacks(execute=True):
            revision.iniciar_revision(solicitud_id=solicitud.pk, actor=revisor_hacienda)
        fijar_hoy(momento(2026, 7, 31, hora=7))
        with django_capture_on_commit_callbacks(execute=True):
            avisos.enviar_resumenes_revisores()
        with django_capture_on_commit_callbacks(execute=True):
            revision.aprobar(solicitud_id=solicitud.pk, actor=revisor_hacienda)
    acuse, en_revision, resumen, aprobada = mail.outbox
    assert solicitud.radicado in texto_pdf(acuse.attachments[0][1])
    assert "está en revisión" in en_revision.subject
    assert resumen.to == [revisor_hacienda.email]
    assert "ICA-000001" in texto_pdf(aprobada.attachments[0][1])
