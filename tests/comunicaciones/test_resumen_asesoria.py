"""El resumen de la mañana de quienes responden la asesoría: sus preguntas
vencidas y las que vencen en 3 días hábiles o menos, por la bandeja de salida,
una vez por persona y día."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from celery.schedules import crontab
from django.core import mail
from django.core.management import call_command

from comunicaciones.models import Area, EstadoPregunta, PreguntaCiudadana
from comunicaciones.services import resumen_asesoria
from sanpedro_gel import buzon
from sanpedro_gel.models import EstadoMensaje, Mensaje

pytestmark = pytest.mark.django_db

BOGOTA = ZoneInfo("America/Bogota")
VIERNES = date(2026, 11, 20)  # 3 días hábiles después: miércoles 25
_numero = iter(range(1, 10_000))


def pregunta(area, vence, *, estado=EstadoPregunta.RECIBIDA, asunto="Pregunta"):
    return PreguntaCiudadana.objects.create(
        radicado=f"PET-2026-{next(_numero):06d}",
        clase="INFORMACION",
        area=area,
        asunto=asunto,
        texto="x",
        estado=estado,
        recibida_en=datetime(2026, 11, 3, 9, 0, tzinfo=BOGOTA),
        vence_el=vence,
    )


@pytest.fixture
def preguntas(db):
    return {
        "vencida": pregunta(Area.HACIENDA, date(2026, 11, 19), asunto="ICA vencida"),
        "por_vencer": pregunta(
            Area.HACIENDA,
            date(2026, 11, 25),
            estado=EstadoPregunta.EN_ESTUDIO,
            asunto="ICA por vencer",
        ),
        "lejana": pregunta(Area.HACIENDA, date(2026, 11, 26), asunto="ICA lejana"),
        "respondida": pregunta(
            Area.HACIENDA,
            date(2026, 11, 10),
            estado=EstadoPregunta.RESPONDIDA,
            asunto="ICA respondida",
        ),
        "general": pregunta(Area.GENERAL, date(2026, 11, 20), asunto="General hoy"),
    }


def test_cada_quien_recibe_las_de_su_oficina_una_vez_al_dia(
    preguntas,
    revisor_hacienda,
    revisor_gobierno,
    lider_gel,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        assert resumen_asesoria.enviar_resumenes_asesoria(hoy=VIERNES) == 2

    correos = {c.to[0]: c for c in mail.outbox}
    assert set(correos) == {revisor_hacienda.email, lider_gel.email}  # Gobierno no
    hacienda = correos[revisor_hacienda.email]
    assert hacienda.subject == (
        "Asesoría ciudadana, 20 de noviembre de 2026: 1 pregunta vencida, 1 por vencer"
    )
    assert preguntas["vencida"].radicado in hacienda.body
    assert preguntas["por_vencer"].radicado in hacienda.body
    assert preguntas["lejana"].radicado not in hacienda.body
    assert preguntas["respondida"].radicado not in hacienda.body
    assert preguntas["general"].radicado not in hacienda.body
    assert "25 de noviembre de 2026" in hacienda.body
    assert "/admin/comunicaciones/preguntaciudadana/" in hacienda.body
    html = hacienda.alternatives[0][0]
    assert "ICA vencida" in html and "ICA por vencer" in html
    lider = correos[lider_gel.email]
    assert preguntas["general"].radicado in lider.body  # vence hoy: por vencer
    assert preguntas["vencida"].radicado not in lider.body

    claves = set(
        Mensaje.objects.filter(tipo=resumen_asesoria.RESUMEN).values_list(
            "clave", flat=True
        )
    )
    assert claves == {
        f"comunicaciones.resumen_asesoria:{revisor_hacienda.pk}:2026-11-20",
        f"comunicaciones.resumen_asesoria:{lider_gel.pk}:2026-11-20",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert resumen_asesoria.enviar_resumenes_asesoria(hoy=VIERNES) == 0
        assert resumen_asesoria.enviar_resumenes_asesoria(hoy=date(2026, 11, 23)) == 2
    assert len(mail.outbox) == 4


def test_el_resumen_que_ya_no_tiene_pendientes_se_anula(preguntas, revisor_hacienda):
    assert resumen_asesoria.enviar_resumenes_asesoria(hoy=VIERNES) == 1
    PreguntaCiudadana.objects.filter(area=Area.HACIENDA).update(
        estado=EstadoPregunta.RESPONDIDA
    )
    mensaje = Mensaje.objects.get(tipo=resumen_asesoria.RESUMEN)
    assert buzon.enviar_mensaje(mensaje_id=mensaje.pk) is False
    mensaje.refresh_from_db()
    assert mensaje.estado == EstadoMensaje.ANULADO and mail.outbox == []


def test_trabajo_de_beat_a_las_siete_y_su_comando_gemelo(
    settings, capsys, preguntas, revisor_hacienda
):
    entrada = settings.CELERY_BEAT_SCHEDULE["comunicaciones-resumen-asesoria"]
    assert entrada["task"] == "comunicaciones.tasks.enviar_resumenes_asesoria"
    assert entrada["schedule"] == crontab(hour=7, minute=0)
    from comunicaciones import tasks

    assert tasks.enviar_resumenes_asesoria.name == entrada["task"]
    call_command("enviar_resumen_asesoria", "--fecha", "2026-11-20")
    assert "Resúmenes de asesoría enviados: 1" in capsys.readouterr().out
    call_command("enviar_resumen_asesoria", "--fecha", "2026-11-20")
    assert "Resúmenes de asesoría enviados: 0" in capsys.readouterr().out
