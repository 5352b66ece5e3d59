"""La encuesta en el admin: el Líder GEL la arma, y sale en una pieza de correo
con un enlace personal para cada servidor público."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from comunicaciones.models import Encuesta, Pieza
from comunicaciones.services import despacho
from comunicaciones.services import encuestas as servicio
from comunicaciones.services.piezas import problemas_de_la_pieza
from tests.factories import (
    EncuestaFactory,
    FuncionarioFactory,
    PiezaFactory,
    PreguntaFactory,
)

pytestmark = pytest.mark.django_db


def _formset(preguntas):
    datos = {
        "preguntas-TOTAL_FORMS": str(len(preguntas)),
        "preguntas-INITIAL_FORMS": "0",
        "preguntas-MIN_NUM_FORMS": "0",
        "preguntas-MAX_NUM_FORMS": "1000",
    }
    for i, pregunta in enumerate(preguntas):
        for clave, valor in pregunta.items():
            datos[f"preguntas-{i}-{clave}"] = valor
    return datos


def _encuesta_nueva(**cambios):
    return {
        "titulo": "Diagnóstico de canales 2026",
        "slug": "diagnostico-de-canales-2026",
        "audiencia": "INTERNA",
        "anonima": "on",
        "introduccion": "Cinco minutos para saber cómo nos comunicamos.",
        "aviso_datos": "",
        "abre_en_0": "01/03/2026",
        "abre_en_1": "08:00:00",
        "cierra_en_0": "31/03/2026",
        "cierra_en_1": "18:00:00",
        **cambios,
    }


def test_el_lider_arma_la_encuesta_con_preguntas_y_opciones_en_orden(client, lider_gel):
    client.force_login(lider_gel)
    datos = _encuesta_nueva() | _formset(
        [
            {
                "orden": "1",
                "tipo": "MULTIPLE",
                "obligatoria": "on",
                "ranking_de": "INTERNA",
                "texto": "¿Por qué medios se entera de los temas GEL?",
                "opciones_texto": "Correo directo\r\n  Página web  GEL \r\n\r\nIntranet",
            },
            {
                "orden": "2",
                "tipo": "ESCALA",
                "texto": "¿Qué tan útil le resulta la intranet?",
                "opciones_texto": "",
            },
        ]
    )

    respuesta = client.post(reverse("admin:comunicaciones_encuesta_add"), datos)

    assert respuesta.status_code == 302, respuesta.context["errors"]
    encuesta = Encuesta.objects.get()
    assert encuesta.creada_por == lider_gel
    primera, segunda = encuesta.preguntas.all()
    assert [o.texto for o in primera.opciones.all()] == [
        "Correo directo",
        "Página web GEL",
        "Intranet",
    ]
    assert primera.ranking_de == "INTERNA"
    assert not segunda.obligatoria and not segunda.opciones.exists()


def test_el_armado_explica_lo_que_falta(client, lider_gel):
    client.force_login(lider_gel)
    datos = _encuesta_nueva(anonima="", cierra_en_0="01/02/2026") | _formset(
        [
            {
                "orden": "1",
                "tipo": "UNICA",
                "ranking_de": "INTERNA",
                "texto": "¿Cuál canal prefiere?",
                "opciones_texto": "Correo directo",
            },
            {
                "orden": "2",
                "tipo": "TEXTO",
                "ranking_de": "INTERNA",
                "texto": "Comentarios",
                "opciones_texto": "Sí\nNo",
            },
        ]
    )

    respuesta = client.post(reverse("admin:comunicaciones_encuesta_add"), datos)

    assert respuesta.status_code == 200
    texto = respuesta.text
    assert "El cierre debe ser posterior a la apertura." in texto
    assert "Escriba el aviso de tratamiento de datos" in texto
    assert "Escriba al menos dos opciones, una por línea." in texto
    assert "no llevan opciones: bórrelas" in texto
    assert "Solo una pregunta de selección" in texto
    assert not Encuesta.objects.exists()


def test_con_respuestas_las_preguntas_quedan_fijas_y_el_anonimato_tambien(
    client, lider_gel
):
    encuesta = EncuestaFactory()
    pregunta = PreguntaFactory(encuesta=encuesta, opciones=["Correo", "Intranet"])
    servicio.responder(
        encuesta_id=encuesta.pk,
        valores={pregunta.pk: pregunta.opciones.first().pk},
        funcionario_id=FuncionarioFactory().pk,
    )
    client.force_login(lider_gel)

    pagina = client.get(
        reverse("admin:comunicaciones_encuesta_change", args=[encuesta.pk])
    )

    assert pagina.status_code == 200
    assert 'name="preguntas-0-texto"' not in pagina.text
    assert 'name="anonima"' not in pagina.text
    assert "Correo; Intranet" in pagina.text
    with pytest.raises(Exception, match="ya tiene respuestas"):
        servicio.fijar_opciones(pregunta=pregunta, textos=["Otra", "Cosa"])


def test_la_pieza_de_correo_lleva_a_cada_servidor_su_propio_enlace(
    django_capture_on_commit_callbacks,
):
    encuesta = EncuestaFactory()
    PreguntaFactory(encuesta=encuesta, opciones=["Correo", "Intranet"])
    personas = [
        FuncionarioFactory(nombres="Gloria", correo="gloria.arango@alcaldia.test"),
        FuncionarioFactory(nombres="Édgar", correo="edgar.munera@alcaldia.test"),
    ]
    PiezaFactory(
        al_personal=True,
        programada=True,
        encuesta=encuesta,
        titulo="Encuesta de comunicaciones: cinco minutos",
        cuerpo="Hola, {{ nombre }}: cuéntenos cómo se entera.",
    )

    with django_capture_on_commit_callbacks(execute=True):
        despacho.ejecutar_despacho()

    assert len(mail.outbox) == 2
    for mensaje in mail.outbox:
        (funcionario,) = [p for p in personas if p.correo == mensaje.to[0]]
        enlaces = set(
            re.findall(r"/encuestas/responder/([^/\s\"]+)/", mensaje.body)
        ) | set(
            re.findall(r"/encuestas/responder/([^/\s\"]+)/", mensaje.alternatives[0][0])
        )
        assert len(enlaces) == 1
        assert servicio.leer_token(enlaces.pop())[1] == funcionario


def test_el_formulario_de_la_pieza_solo_acepta_la_encuesta_en_un_correo_al_personal(
    client, lider_gel
):
    encuesta = EncuestaFactory()
    pieza = PiezaFactory()
    client.force_login(lider_gel)

    respuesta = client.post(
        reverse("admin:comunicaciones_pieza_change", args=[pieza.pk]),
        {
            "campana": pieza.campana_id,
            "canal": "CORREO",
            "titulo": pieza.titulo,
            "cuerpo": pieza.cuerpo,
            "destinatarios": "SUSCRIPTORES",
            "encuesta": encuesta.pk,
            "programada_para_0": "01/03/2026",
            "programada_para_1": "08:00:00",
        },
    )

    assert respuesta.status_code == 200
    assert "La encuesta interna va en un correo a los servidores públicos" in (
        respuesta.text
    )
    pieza.refresh_from_db()
    assert pieza.encuesta is None


def test_no_se_programa_una_pieza_con_la_encuesta_cerrada():
    encuesta = EncuestaFactory(
        abre_en=timezone.now() - timedelta(days=30),
        cierra_en=timezone.now() - timedelta(days=1),
    )
    pieza = PiezaFactory(al_personal=True, encuesta=encuesta)

    assert "La encuesta de la pieza ya cerró: elija otra." in problemas_de_la_pieza(
        Pieza.objects.get(pk=pieza.pk)
    )
