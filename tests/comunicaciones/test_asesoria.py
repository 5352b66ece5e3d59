"""Asesoría ciudadana: una pregunta es una petición con radicado y término en
días hábiles; la responde la oficina del trámite; el ciudadano lee el hilo,
replica una vez o la da por resuelta; las frecuentes se publican sin datos
personales."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from comunicaciones.models import (
    Area,
    CanalPregunta,
    EstadoPregunta,
    PreguntaCiudadana,
    PreguntaFrecuente,
)
from comunicaciones.services import asesoria
from tests import factories
from tests.pdfa import es_pdf_a_etiquetado
from tests.tramites.ayudas import texto_pdf
from tramites.models import TipoTramite

pytestmark = pytest.mark.django_db

BOGOTA = ZoneInfo("America/Bogota")
# Lunes 7 de diciembre de 2026; el martes 8 es festivo (Inmaculada Concepción).
LUNES = datetime(2026, 12, 7, 10, 30, tzinfo=BOGOTA)


@pytest.fixture
def ica(db):
    return factories.TramiteFactory(tipo=TipoTramite.INSCRIPCION_ICA)


@pytest.fixture
def horario(db):
    return factories.TramiteFactory(
        tipo=TipoTramite.AMPLIACION_HORARIO, dependencia="Secretaría de Gobierno"
    )


def _preguntar(ciudadano, tramite=None, **extra):
    datos = {
        "asunto": "¿Debo inscribir mi tienda de la vereda?",
        "texto": "Tengo una tienda pequeña en la vereda La Lana y vendo queso.",
        "clase": "INFORMACION",
        **extra,
    }
    return asesoria.preguntar(ciudadano=ciudadano, tramite=tramite, **datos)


def test_la_pregunta_se_radica_con_su_termino_y_acuse_en_una_semana_con_festivo(
    ciudadano, ica, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pregunta = _preguntar(ciudadano, ica, ahora=LUNES)
    assert re.fullmatch(r"PET-2026-\d{6}", pregunta.radicado)
    # 10 días hábiles desde el día siguiente, sin el festivo del 8.
    assert pregunta.vence_el == date(2026, 12, 22)
    assert pregunta.area == Area.HACIENDA
    assert mail.outbox[-1].to == [ciudadano.email]
    assert pregunta.radicado in mail.outbox[-1].subject
    assert "22 de diciembre de 2026" in mail.outbox[-1].body

    otra = _preguntar(ciudadano, ahora=LUNES, clase="CONSULTA")
    assert int(otra.radicado[-6:]) == int(pregunta.radicado[-6:]) + 1
    assert otra.area == Area.GENERAL
    assert otra.vence_el == date(2027, 1, 22)  # 30 días, con los festivos de enero


def test_el_ciudadano_pregunta_desde_el_portal_y_sigue_el_hilo(
    client, ciudadano, revisor_hacienda, ica, django_capture_on_commit_callbacks
):
    client.force_login(ciudadano)
    url = reverse("comunicaciones:preguntar") + f"?tramite={ica.slug}"
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(
            url,
            {
                "asunto": "Horario de la tienda",
                "texto": "<script>alert(1)</script> ¿Qué papeles necesito? "
                "Vean https://ejemplo.test",
                "clase": "INFORMACION",
                "tramite": ica.slug,
            },
        )
    pregunta = PreguntaCiudadana.objects.get()
    assert respuesta.url == reverse("comunicaciones:pregunta", args=[pregunta.pk])
    assert pregunta.tramite == ica
    html = client.get(respuesta.url).content.decode()
    assert "&lt;script&gt;" in html and "<script>alert" not in html
    assert '<a href="https://ejemplo.test' not in html  # los enlaces, como texto

    # Hacienda responde desde el admin; el ciudadano recibe el correo.
    personal = client.__class__()
    personal.force_login(revisor_hacienda)
    detalle = reverse(
        "admin:comunicaciones_preguntaciudadana_change", args=[pregunta.pk]
    )
    assert personal.get(detalle).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        personal.post(
            detalle,
            {"accion": "responder", "texto": "Necesita el **RUT** y la cédula."},
        )
    pregunta.refresh_from_db()
    assert pregunta.estado == EstadoPregunta.RESPONDIDA
    assert pregunta.dias_habiles_respuesta == 0
    assert mail.outbox[-1].to == [ciudadano.email]
    assert "Necesita el **RUT**" in mail.outbox[-1].body

    html = client.get(respuesta.url).content.decode()
    assert "<strong>RUT</strong>" in html
    # Responde una vez (se reabre) y no dos.
    client.post(respuesta.url, {"accion": "replicar", "texto": "¿Y si es rural?"})
    pregunta.refresh_from_db()
    assert pregunta.estado == EstadoPregunta.EN_ESTUDIO and pregunta.replicas == 1
    personal.post(detalle, {"accion": "responder", "texto": "Igual."})
    client.post(respuesta.url, {"accion": "replicar", "texto": "Otra más"})
    pregunta.refresh_from_db()
    assert pregunta.replicas == 1 and pregunta.estado == EstadoPregunta.RESPONDIDA
    client.post(respuesta.url, {"accion": "resuelta"})
    pregunta.refresh_from_db()
    assert pregunta.estado == EstadoPregunta.CERRADA

    # La respuesta en PDF, con su código que se verifica.
    pdf = client.get(reverse("comunicaciones:pregunta_pdf", args=[pregunta.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert es_pdf_a_etiquetado(pdf.content)
    texto = texto_pdf(pdf.content)
    assert pregunta.radicado in texto and pregunta.codigo_verificacion in texto
    verificada = client.get(reverse("verificar", args=[pregunta.codigo_verificacion]))
    assert pregunta.radicado in verificada.content.decode()


def test_nota_interna_y_traslado_con_aviso(
    client,
    ciudadano,
    revisor_hacienda,
    revisor_gobierno,
    horario,
    django_capture_on_commit_callbacks,
):
    pregunta = _preguntar(ciudadano)  # general
    pregunta.area = Area.HACIENDA
    pregunta.save()
    client.force_login(revisor_hacienda)
    detalle = reverse(
        "admin:comunicaciones_preguntaciudadana_change", args=[pregunta.pk]
    )
    client.post(detalle, {"accion": "anotar", "texto": "Parece de Gobierno."})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            detalle,
            {"accion": "trasladar", "area": "GOBIERNO", "motivo": "Es del horario."},
        )
    pregunta.refresh_from_db()
    assert pregunta.area == Area.GOBIERNO and pregunta.trasladada_en
    assert "Secretaría de Gobierno" in mail.outbox[-1].subject
    assert client.get(detalle).status_code == 404  # ya no es de Hacienda

    # El ciudadano no ve las notas internas.
    ciudad = client.__class__()
    ciudad.force_login(ciudadano)
    html = ciudad.get(reverse("comunicaciones:pregunta", args=[pregunta.pk])).content
    assert "Parece de Gobierno" not in html.decode()


def test_cada_oficina_ve_las_suyas_y_nadie_ve_las_de_otro_ciudadano(
    client, ciudadano, otro_ciudadano, revisor_gobierno, ica
):
    pregunta = _preguntar(ciudadano, ica)
    client.force_login(revisor_gobierno)
    lista = client.get(reverse("admin:comunicaciones_preguntaciudadana_changelist"))
    assert pregunta.radicado not in lista.content.decode()
    detalle = reverse(
        "admin:comunicaciones_preguntaciudadana_change", args=[pregunta.pk]
    )
    assert client.get(detalle).status_code == 404

    client.force_login(otro_ciudadano)
    for nombre in ("pregunta", "pregunta_pdf"):
        url = reverse(f"comunicaciones:{nombre}", args=[pregunta.pk])
        assert client.get(url).status_code == 404
    assert (
        pregunta.radicado
        not in client.get(reverse("comunicaciones:mis_preguntas")).content.decode()
    )


def test_la_frecuente_se_publica_sin_datos_personales_y_se_busca_sin_tildes(
    client, ciudadano, lider_gel, ica
):
    pregunta = _preguntar(ciudadano, ica)
    asesoria.responder(pregunta_id=pregunta.pk, actor=lider_gel, texto="Sí, debe.")
    client.force_login(lider_gel)
    detalle = reverse(
        "admin:comunicaciones_preguntaciudadana_change", args=[pregunta.pk]
    )
    con_nombre = client.post(
        detalle,
        {
            "accion": "publicar",
            "pregunta": f"¿Debe {ciudadano.get_full_name()} inscribir su tienda?",
            "respuesta": "Sí.",
        },
        follow=True,
    )
    assert "todavía tiene datos personales" in con_nombre.content.decode()
    assert not PreguntaFrecuente.objects.exists()
    r = client.post(
        detalle,
        {
            "accion": "publicar",
            "pregunta": "¿Una tienda en la vereda debe inscribirse en Industria y Comercio?",
            "respuesta": "Sí: toda actividad **comercial** en el municipio se inscribe.",
        },
    )
    assert r.status_code == 302
    frecuente = PreguntaFrecuente.objects.get()
    assert frecuente.origen == pregunta and "<strong>comercial</strong>" in (
        frecuente.respuesta_html
    )

    anonimo = client.__class__()
    html = anonimo.get(reverse("comunicaciones:asesoria"), {"q": "INDUSTRIA comercio"})
    html = html.content.decode()
    assert "¿Una tienda en la vereda" in html
    assert ciudadano.email not in html and pregunta.radicado not in html
    assert (
        "¿Una tienda"
        not in anonimo.get(
            reverse("comunicaciones:asesoria"), {"q": "ampliación"}
        ).content.decode()
    )
    assert (
        "¿Una tienda en la vereda"
        in anonimo.get(reverse("tramites:ficha", args=[ica.slug])).content.decode()
    )

    votar = reverse("comunicaciones:votar_frecuente", args=[frecuente.pk])
    anonimo.post(votar, {"sirvio": "si"})
    anonimo.post(votar, {"sirvio": "si"})  # el mismo navegador no vota dos veces
    frecuente.refresh_from_db()
    assert (frecuente.le_sirvio, frecuente.no_le_sirvio) == (1, 0)


def test_preguntar_tiene_limite_por_cuenta(client, ciudadano):
    client.force_login(ciudadano)
    url = reverse("comunicaciones:preguntar")
    datos = {"asunto": "Duda", "texto": "¿A qué hora atienden?", "clase": "GENERAL"}
    for _ in range(5):
        assert client.post(url, datos).status_code == 302
    assert client.post(url, datos).status_code == 429
    assert PreguntaCiudadana.objects.count() == 5


def test_errores_del_formulario_en_espanol_junto_al_campo(client, ciudadano):
    client.force_login(ciudadano)
    html = client.post(
        reverse("comunicaciones:preguntar"),
        {"asunto": "", "texto": "corta", "clase": "GENERAL"},
    ).content.decode()
    assert html.count("Escriba el asunto de su pregunta.") == 2
    assert "escriba al menos 10 caracteres" in html
    assert not PreguntaCiudadana.objects.exists()


def test_comunicaciones_registra_una_pregunta_de_redes(
    client, encargado_comunicaciones, ica
):
    client.force_login(encargado_comunicaciones)
    url = reverse("admin:comunicaciones_preguntaciudadana_redes")
    respuesta = client.post(
        url,
        {
            "red_social": "Facebook",
            "perfil": "Tienda Doña Rosa",
            "recibida_en": "2026-12-04T18:20",
            "clase": "INFORMACION",
            "tramite": ica.pk,
            "asunto": "Inscripción",
            "texto": "¿Cómo inscribo mi tienda?",
            "respuesta": "Por el portal, en Trámites en línea.",
        },
    )
    pregunta = PreguntaCiudadana.objects.get()
    assert respuesta.status_code == 302
    assert pregunta.canal == CanalPregunta.REDES and pregunta.ciudadano is None
    assert pregunta.estado == EstadoPregunta.RESPONDIDA
    assert pregunta.vence_el == date(2026, 12, 21)
    assert pregunta.area == Area.HACIENDA


def test_la_pagina_de_asesoria_muestra_los_horarios_presenciales(client):
    html = client.get(reverse("comunicaciones:asesoria")).content.decode()
    for dia in ("Lunes", "Miércoles", "Viernes"):
        assert dia in html
    assert "punto de atención al ciudadano" in html
    assert "8:00 a. m. a 12:00 m." in html and "a.m." not in html


def test_la_pagina_de_asesoria_anuncia_las_sesiones_en_colegios_y_veredas(client):
    from datetime import timedelta

    from django.utils import timezone

    from capacitacion.models import EstadoJornada, TipoJornada

    inicio = timezone.now() + timedelta(days=5)
    sesion = factories.JornadaFactory(
        tipo=TipoJornada.ASESORIA,
        titulo="Trámites en línea en la Institución Educativa Padre Roberto",
        lugar="Vereda Ovejas, I. E. Padre Roberto",
        inicio=inicio,
        fin=inicio + timedelta(hours=2),
        estado=EstadoJornada.CONVOCADA,
        publicada=True,
    )
    html = client.get(reverse("comunicaciones:asesoria")).content.decode()
    assert sesion.titulo in html and "Vereda Ovejas" in html
    assert reverse("capacitacion:jornada", args=[sesion.pk]) in html


def test_las_preguntas_aparecen_en_mis_tramites_con_estado_y_fecha(
    client, ciudadano, otro_ciudadano, ica
):
    propia = _preguntar(ciudadano, ica, ahora=LUNES)
    ajena = _preguntar(otro_ciudadano, ica, asunto="Pregunta de otra persona")
    client.force_login(ciudadano)
    html = client.get(reverse("tramites:mis_tramites")).content.decode()
    assert propia.radicado in html and "Recibida" in html
    assert "22 de diciembre de 2026" in html
    assert ajena.radicado not in html and "otra persona" not in html
