"""Reprogramar y cerrar una jornada desde el admin: un mensaje por resultado,
nada guardado a medias, y el cierre solo después de que la jornada termina."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from capacitacion import estados
from capacitacion.models import Certificado, EstadoJornada, Jornada
from capacitacion.services import jornadas
from sanpedro_gel.excepciones import TransicionInvalida
from tests.factories import FuncionarioFactory, JornadaFactory

pytestmark = pytest.mark.django_db


def _datos(jornada, inicio, fin, **cambios) -> dict:
    """El formulario del admin como lo envía el navegador."""
    inicio, fin = timezone.localtime(inicio), timezone.localtime(fin)
    datos = {
        "tipo": jornada.tipo,
        "titulo": jornada.titulo,
        "descripcion": jornada.descripcion,
        "temas": [str(t) for t in jornada.temas],
        "lugar": jornada.lugar,
        "inicio_0": inicio.strftime("%Y-%m-%d"),
        "inicio_1": inicio.strftime("%H:%M"),
        "fin_0": fin.strftime("%Y-%m-%d"),
        "fin_1": fin.strftime("%H:%M"),
        "responsable": jornada.responsable_id or "",
        "publicada": "on",
        "alcance": jornada.alcance,
        **cambios,
    }
    for prefijo in ("avisos", "asistencias", "materiales", "seguimientos"):
        datos |= {f"{prefijo}-TOTAL_FORMS": "0", f"{prefijo}-INITIAL_FORMS": "0"}
    datos |= {
        "avisos-INITIAL_FORMS": str(jornada.avisos.count()),
        "asistencias-INITIAL_FORMS": str(jornada.asistencias.count()),
    }
    return datos


def _mensajes(respuesta) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in get_messages(respuesta.wsgi_request)]


@pytest.fixture
def convocada(lider_gel):
    FuncionarioFactory(nombres="Gloria Inés", apellidos="Montoya Gaviria")
    jornada = JornadaFactory(
        titulo="Jornada de capacitación GEL", responsable=lider_gel
    )
    jornadas.convocar_jornada(jornada_id=jornada.pk)
    return Jornada.objects.get(pk=jornada.pk)


def test_reprogramar_al_pasado_se_niega_junto_al_campo_y_no_guarda_nada(
    client, lider_gel, convocada
):
    ayer = timezone.now() - timedelta(days=1)
    client.force_login(lider_gel)

    respuesta = client.post(
        reverse("admin:capacitacion_jornada_change", args=[convocada.pk]),
        _datos(
            convocada,
            ayer,
            ayer + timedelta(hours=2),
            titulo="Jornada GEL (nueva fecha)",
        ),
    )

    assert respuesta.status_code == 200
    errores = respuesta.context["adminform"].form.errors
    assert errores["inicio"] == ["La nueva fecha debe ser futura."]
    assert not [m for m in _mensajes(respuesta) if m[0] == "success"]
    jornada = Jornada.objects.get(pk=convocada.pk)
    assert (jornada.inicio, jornada.titulo) == (
        convocada.inicio,
        "Jornada de capacitación GEL",
    )


def test_una_jornada_realizada_no_se_reprograma_desde_el_formulario(client, lider_gel):
    inicio = timezone.now() - timedelta(days=2)
    jornada = JornadaFactory(
        inicio=inicio, fin=inicio + timedelta(hours=2), responsable=lider_gel
    )
    jornadas.convocar_jornada(jornada_id=jornada.pk, ahora=inicio - timedelta(days=8))
    jornadas.cerrar_jornada(jornada_id=jornada.pk)
    nueva = timezone.now() + timedelta(days=3)
    client.force_login(lider_gel)

    respuesta = client.post(
        reverse("admin:capacitacion_jornada_change", args=[jornada.pk]),
        _datos(jornada, nueva, nueva + timedelta(hours=2)),
    )

    assert respuesta.status_code == 200
    assert respuesta.context["adminform"].form.errors["inicio"] == [
        "Una jornada realizada no se reprograma."
    ]
    assert Jornada.objects.get(pk=jornada.pk).inicio == jornada.inicio


def test_reprogramar_bien_deja_un_solo_mensaje(client, lider_gel, convocada):
    nueva = convocada.inicio + timedelta(days=7)
    client.force_login(lider_gel)

    respuesta = client.post(
        reverse("admin:capacitacion_jornada_change", args=[convocada.pk]),
        _datos(convocada, nueva, nueva + timedelta(hours=4)),
    )

    assert respuesta.status_code == 302
    ((nivel, texto),) = _mensajes(respuesta)
    assert nivel == "success"
    assert "avisos pendientes se recalcularon" in texto
    assert Jornada.objects.get(pk=convocada.pk).inicio == nueva


def test_si_el_servicio_se_niega_al_guardar_queda_solo_su_error_y_nada_guardado(
    client, lider_gel, convocada, monkeypatch
):
    # Otro Líder GEL canceló la jornada entre el formulario y el guardado.
    def negarse(**kwargs):
        raise TransicionInvalida("Una jornada cancelada no se reprograma.")

    monkeypatch.setattr(jornadas, "reprogramar_jornada", negarse)
    nueva = convocada.inicio + timedelta(days=7)
    client.force_login(lider_gel)

    respuesta = client.post(
        reverse("admin:capacitacion_jornada_change", args=[convocada.pk]),
        _datos(convocada, nueva, nueva + timedelta(hours=4), titulo="Otro título"),
    )

    assert respuesta.status_code == 302
    assert respuesta["Location"] == reverse(
        "admin:capacitacion_jornada_change", args=[convocada.pk]
    )
    assert _mensajes(respuesta) == [
        ("error", "Una jornada cancelada no se reprograma.")
    ]
    jornada = Jornada.objects.get(pk=convocada.pk)
    assert (jornada.inicio, jornada.titulo) == (convocada.inicio, convocada.titulo)


# --- Cerrar ------------------------------------------------------------------------


def test_la_tabla_dice_que_se_cierra_solo_despues_del_fin():
    ahora = timezone.now()
    fin = ahora + timedelta(hours=1)
    assert not estados.cerrable(EstadoJornada.CONVOCADA, fin=fin, ahora=ahora)
    assert estados.cerrable(EstadoJornada.CONVOCADA, fin=fin, ahora=fin)
    assert not estados.cerrable(EstadoJornada.BORRADOR, fin=fin, ahora=fin)
    assert not estados.cerrable(EstadoJornada.REALIZADA, fin=fin, ahora=fin)


def test_una_jornada_empezada_hace_ocho_segundos_no_se_cierra(convocada):
    inicio = timezone.now() - timedelta(seconds=8)
    Jornada.objects.filter(pk=convocada.pk).update(
        inicio=inicio, fin=inicio + timedelta(hours=4)
    )
    jornadas.registrar_asistencia(
        jornada_id=convocada.pk,
        funcionario_ids=list(
            convocada.asistencias.values_list("funcionario", flat=True)
        ),
    )

    with pytest.raises(TransicionInvalida, match="se cierra cuando termine"):
        jornadas.cerrar_jornada(jornada_id=convocada.pk)

    assert Jornada.objects.get(pk=convocada.pk).estado == EstadoJornada.CONVOCADA
    assert not Certificado.objects.exists()


def test_al_terminar_se_cierra_y_expide_los_certificados(convocada):
    fin = convocada.fin
    jornadas.registrar_asistencia(
        jornada_id=convocada.pk,
        funcionario_ids=list(
            convocada.asistencias.values_list("funcionario", flat=True)
        ),
        ahora=convocada.inicio,
    )
    assert jornadas.cerrar_jornada(jornada_id=convocada.pk, ahora=fin) >= 1
    assert Jornada.objects.get(pk=convocada.pk).estado == EstadoJornada.REALIZADA


def test_la_accion_cerrar_antes_del_fin_deja_un_error_por_jornada(
    client, lider_gel, convocada
):
    inicio = timezone.now() - timedelta(minutes=30)
    Jornada.objects.filter(pk=convocada.pk).update(
        inicio=inicio, fin=inicio + timedelta(hours=2)
    )
    client.force_login(lider_gel)

    respuesta = client.post(
        reverse("admin:capacitacion_jornada_changelist"),
        {"action": "cerrar", "_selected_action": [convocada.pk]},
    )

    ((nivel, texto),) = _mensajes(respuesta)
    assert nivel == "error"
    assert texto.startswith("«Jornada de capacitación GEL»: ")
    assert "se cierra cuando termine" in texto
    assert Jornada.objects.get(pk=convocada.pk).estado == EstadoJornada.CONVOCADA
