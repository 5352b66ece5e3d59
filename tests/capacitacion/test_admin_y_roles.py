"""El admin de la capacitación: el Líder GEL gestiona; los demás no entran."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from capacitacion.models import EstadoJornada, Jornada, TipoAviso
from capacitacion.services import jornadas
from sanpedro_gel import buzon
from tests.factories import FuncionarioFactory, JornadaFactory

pytestmark = pytest.mark.django_db

MODELOS = ["jornada", "asistencia", "certificado"]


def test_el_lider_gel_ve_y_gestiona_las_jornadas(client, lider_gel):
    jornada = JornadaFactory()
    client.force_login(lider_gel)
    for modelo in MODELOS:
        url = reverse(f"admin:capacitacion_{modelo}_changelist")
        assert client.get(url).status_code == 200, modelo
    assert client.get(reverse("admin:capacitacion_jornada_add")).status_code == 200
    assert (
        client.get(
            reverse("admin:capacitacion_jornada_change", args=[jornada.pk])
        ).status_code
        == 200
    )


def test_un_funcionario_sin_permisos_recibe_403(client, funcionario_sin_permisos):
    jornada = JornadaFactory()
    client.force_login(funcionario_sin_permisos)
    for url in (
        reverse("admin:capacitacion_jornada_changelist"),
        reverse("admin:capacitacion_jornada_change", args=[jornada.pk]),
        reverse("admin:capacitacion_jornada_lista", args=[jornada.pk]),
        reverse("admin:capacitacion_jornada_asistencia", args=[jornada.pk]),
    ):
        assert client.get(url).status_code == 403, url


def test_el_administrador_de_la_herramienta_solo_mira(
    client, administrador_herramienta
):
    jornada = JornadaFactory()
    client.force_login(administrador_herramienta)
    assert (
        client.get(reverse("admin:capacitacion_jornada_changelist")).status_code == 200
    )
    assert client.get(reverse("admin:capacitacion_jornada_add")).status_code == 403
    respuesta = client.post(
        reverse("admin:capacitacion_jornada_changelist"),
        {"action": "convocar", "_selected_action": [jornada.pk]},
    )
    jornada.refresh_from_db()
    assert jornada.estado == EstadoJornada.BORRADOR
    assert respuesta.status_code in {200, 302, 403}


def test_la_accion_convocar_y_el_conteo_de_la_lista(client, lider_gel):
    FuncionarioFactory.create_batch(2)
    jornada = JornadaFactory()
    client.force_login(lider_gel)

    client.post(
        reverse("admin:capacitacion_jornada_changelist"),
        {"action": "convocar", "_selected_action": [jornada.pk]},
    )

    jornada = Jornada.objects.con_conteos().get(pk=jornada.pk)
    assert jornada.estado == EstadoJornada.CONVOCADA
    # Dos de la fábrica más la ficha del Líder GEL: todo el personal activo.
    assert jornada.num_invitados == 3
    assert jornada.num_confirmados == 0


def test_cambiar_la_fecha_en_el_admin_recalcula_los_avisos(client, lider_gel):
    jornada = JornadaFactory()
    jornadas.convocar_jornada(jornada_id=jornada.pk)
    nuevo = timezone.localtime(jornada.inicio + timedelta(days=7))
    client.force_login(lider_gel)
    datos = {
        "tipo": jornada.tipo,
        "titulo": jornada.titulo,
        "descripcion": jornada.descripcion,
        "temas": ["1", "5"],
        "lugar": jornada.lugar,
        "inicio_0": nuevo.strftime("%Y-%m-%d"),
        "inicio_1": nuevo.strftime("%H:%M"),
        "fin_0": nuevo.strftime("%Y-%m-%d"),
        "fin_1": (nuevo + timedelta(hours=2)).strftime("%H:%M"),
        "responsable": lider_gel.pk,
        "publicada": "on",
        "alcance": "TODO",
    }
    for prefijo in ("avisos", "asistencias", "materiales", "seguimientos"):
        datos |= {
            f"{prefijo}-TOTAL_FORMS": "0",
            f"{prefijo}-INITIAL_FORMS": "0",
        }
    datos |= {
        "avisos-INITIAL_FORMS": str(jornada.avisos.count()),
        "asistencias-INITIAL_FORMS": str(jornada.asistencias.count()),
    }
    antes = jornada.avisos.get(tipo=TipoAviso.INVITACION).enviar_en

    respuesta = client.post(
        reverse("admin:capacitacion_jornada_change", args=[jornada.pk]), datos
    )

    assert respuesta.status_code == 302, respuesta.context["adminform"].errors
    jornada.refresh_from_db()
    assert jornada.inicio == nuevo
    assert jornada.temas == [1, 5]
    despues = jornada.avisos.get(tipo=TipoAviso.INVITACION).enviar_en
    assert despues - antes == timedelta(days=7)


def test_la_lista_de_asistencia_en_pdf_tiene_a_los_convocados_y_la_firma(
    client, lider_gel
):
    FuncionarioFactory(nombres="Paula Andrea", apellidos="Giraldo Soto")
    jornada = JornadaFactory(titulo="Socialización en Planeación")
    jornadas.convocar_jornada(jornada_id=jornada.pk)
    client.force_login(lider_gel)

    respuesta = client.get(
        reverse("admin:capacitacion_jornada_lista", args=[jornada.pk])
    )

    assert respuesta["Content-Type"] == "application/pdf"
    texto = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(respuesta.content)).pages
    )
    assert "Lista de asistencia" in texto
    assert "Socialización en Planeación" in texto
    assert "Paula Andrea Giraldo Soto" in texto
    assert "Firma" in texto


def test_registrar_asistencia_desde_el_admin(client, lider_gel):
    presente = FuncionarioFactory()
    FuncionarioFactory()
    inicio = timezone.now() - timedelta(hours=1)
    jornada = JornadaFactory(inicio=inicio, fin=inicio + timedelta(hours=3))
    jornadas.convocar_jornada(jornada_id=jornada.pk, ahora=inicio - timedelta(days=8))
    sin_invitacion = FuncionarioFactory(nombres="Llegó", apellidos="Sin invitación")
    client.force_login(lider_gel)
    url = reverse("admin:capacitacion_jornada_asistencia", args=[jornada.pk])

    ficha = client.get(reverse("admin:capacitacion_jornada_change", args=[jornada.pk]))
    assert url in ficha.content.decode()
    assert "Lista de asistencia para firmar" in ficha.content.decode()
    assert presente.nombre_completo in client.get(url).content.decode()
    respuesta = client.post(
        url,
        {"asistentes": [str(presente.pk)], "adicionales": [str(sin_invitacion.pk)]},
    )

    assert respuesta.status_code == 302
    assert set(
        jornada.asistencias.filter(asistio_en__isnull=False).values_list(
            "funcionario_id", flat=True
        )
    ) == {presente.pk, sin_invitacion.pk}


def test_la_asistencia_muestra_sus_correos_de_la_bandeja(client, lider_gel, despachar):
    jornada = JornadaFactory()
    jornadas.convocar_jornada(jornada_id=jornada.pk)
    despachar(ahora=jornada.inicio - timedelta(days=6))
    asistencia = jornada.asistencias.get()
    (mensaje,) = buzon.mensajes_de(asistencia)
    client.force_login(lider_gel)

    pagina = client.get(
        reverse("admin:capacitacion_asistencia_change", args=[asistencia.pk])
    ).content.decode()

    assert "Capacitación: invitación a una jornada" in pagina
    assert "enviado" in pagina
    assert reverse("admin:sanpedro_gel_mensaje_change", args=[mensaje.pk]) in pagina
