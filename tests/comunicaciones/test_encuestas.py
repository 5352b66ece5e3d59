"""La encuesta de comunicaciones: el enlace personal de los servidores, el
anonimato, la página pública y sus límites."""

from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comunicaciones.models import (
    Contestacion,
    Participacion,
    Respuesta,
    TipoPregunta,
    Vinculacion,
)
from comunicaciones.services import encuestas as servicio
from tests.factories import (
    DependenciaFactory,
    EncuestaFactory,
    FuncionarioFactory,
    PreguntaFactory,
)

pytestmark = pytest.mark.django_db

CANALES = [
    "Correo directo",
    "Página web de Gobierno en Línea",
    "Carteleras",
    "Intranet",
]


def _encuesta(**kwargs):
    encuesta = EncuestaFactory(**kwargs)
    canal = PreguntaFactory(encuesta=encuesta, orden=1, opciones=CANALES)
    escala = PreguntaFactory(
        encuesta=encuesta,
        orden=2,
        texto="¿Qué tan bien conoce los trámites en línea?",
        tipo=TipoPregunta.ESCALA,
    )
    texto = PreguntaFactory(
        encuesta=encuesta,
        orden=3,
        texto="¿Qué le falta para recomendarlos?",
        tipo=TipoPregunta.TEXTO,
        obligatoria=False,
    )
    return encuesta, canal, escala, texto


def _opcion(pregunta, texto):
    return pregunta.opciones.get(texto=texto)


def _url(encuesta, funcionario):
    return reverse(
        "comunicaciones:encuesta_personal",
        args=[servicio.token_encuesta(encuesta.pk, funcionario.pk)],
    )


def _datos(canal, escala, texto, opcion, valor, comentario=""):
    return {
        f"p{canal.pk}": str(opcion.pk),
        f"p{escala.pk}": str(valor),
        f"p{texto.pk}": comentario,
    }


# --- Interna nominal ------------------------------------------------------------------


def test_enlace_personal_una_respuesta_y_la_segunda_visita_la_muestra_y_la_cambia():
    encuesta, canal, escala, texto = _encuesta(nominal=True)
    ana = FuncionarioFactory(nombres="Ana Lucía", apellidos="Múnera Gil")
    navegador = Client()
    url = _url(encuesta, ana)

    primera = navegador.get(url)
    assert "Responde como <strong>Ana Lucía Múnera Gil</strong>" in primera.text
    enviada = navegador.post(
        url,
        _datos(canal, escala, texto, _opcion(canal, "Correo directo"), 4, "Más videos"),
    )
    assert enviada.status_code == 302

    # En otro navegador (otro computador) sigue siendo la misma persona: ve lo
    # que respondió, sin formulario.
    otro = Client()
    segunda = otro.get(url)
    assert "Lo que respondió" in segunda.text
    assert "Correo directo" in segunda.text and "4 de 5" in segunda.text
    assert "Enviar mis respuestas" not in segunda.text
    assert "Cambiar mis respuestas" in segunda.text

    otro.post(url, _datos(canal, escala, texto, _opcion(canal, "Intranet"), 2))

    (respuesta,) = Respuesta.objects.filter(encuesta=encuesta)
    assert respuesta.funcionario == ana
    assert respuesta.dependencia == ana.dependencia
    assert sorted(
        (c.pregunta_id, c.opcion_id, c.valor, c.texto)
        for c in respuesta.contestaciones.all()
    ) == sorted(
        [
            (canal.pk, _opcion(canal, "Intranet").pk, None, ""),
            (escala.pk, None, 2, ""),
        ]
    )


def test_enlace_alterado_o_de_otra_encuesta_no_sirve():
    encuesta, *_ = _encuesta()
    ana = FuncionarioFactory()
    bueno = servicio.token_encuesta(encuesta.pk, ana.pk)
    alterado = signing.dumps({"e": encuesta.pk, "f": ana.pk + 1}, salt="otra")

    for token in (bueno[:-3] + "xyz", alterado):
        respuesta = Client().get(
            reverse("comunicaciones:encuesta_personal", args=[token])
        )
        assert respuesta.status_code == 400
        assert "El enlace de la encuesta no es válido" in respuesta.text


def test_un_funcionario_retirado_ya_no_responde():
    encuesta, *_ = _encuesta()
    retirado = FuncionarioFactory(activo=False)

    assert Client().get(_url(encuesta, retirado)).status_code == 400


# --- Interna anónima ------------------------------------------------------------------


def test_anonima_ninguna_tabla_une_a_la_persona_con_su_respuesta():
    encuesta, canal, escala, texto = _encuesta(anonima=True)
    hacienda = DependenciaFactory(nombre="Secretaría de Hacienda")
    ana = FuncionarioFactory(dependencia=hacienda)
    beto = FuncionarioFactory(dependencia=hacienda, vinculacion=Vinculacion.CONTRATISTA)
    for persona, opcion in ((ana, "Correo directo"), (beto, "Carteleras")):
        Client().post(
            _url(encuesta, persona),
            _datos(canal, escala, texto, _opcion(canal, opcion), 3),
        )

    respuestas = Respuesta.objects.filter(encuesta=encuesta)
    assert respuestas.count() == 2
    assert not respuestas.filter(funcionario__isnull=False).exists()
    assert set(
        Participacion.objects.filter(encuesta=encuesta).values_list(
            "funcionario", flat=True
        )
    ) == {ana.pk, beto.pk}
    # La participación no tiene hora ni orden que la empareje con la respuesta,
    # y la respuesta no guarda nada de la persona más allá de su dependencia y
    # vinculación (para los filtros).
    assert {f.name for f in Participacion._meta.concrete_fields} == {
        "id",
        "encuesta",
        "funcionario",
    }
    assert Participacion._meta.pk.get_internal_type() == "UUIDField"
    campos_de_persona = {
        f.name
        for f in Respuesta._meta.concrete_fields
        if f.is_relation and f.related_model.__name__ == "Funcionario"
    } | {
        f.name
        for f in Contestacion._meta.concrete_fields
        if f.is_relation and f.related_model.__name__ == "Funcionario"
    }
    assert campos_de_persona == {"funcionario"}
    assert Respuesta._meta.get_field("recibida_el").get_internal_type() == "DateField"
    # La huella guardada no es ninguna marca derivable de la persona: es la de
    # un secreto aleatorio que solo tiene su navegador.
    derivables = {
        servicio.huella(servicio.token_encuesta(encuesta.pk, f.pk)) for f in (ana, beto)
    } | {servicio.huella(servicio.nombre_de_cookie(encuesta, f)) for f in (ana, beto)}
    assert not derivables & set(respuestas.values_list("clave_navegador", flat=True))


def test_anonima_desde_otro_navegador_no_responde_dos_veces_ni_ve_lo_respondido():
    encuesta, canal, escala, texto = _encuesta(anonima=True)
    ana = FuncionarioFactory()
    url = _url(encuesta, ana)
    Client().post(url, _datos(canal, escala, texto, _opcion(canal, "Intranet"), 5))

    otro = Client()
    pagina = otro.get(url)
    assert "Usted ya respondió esta encuesta" in pagina.text
    assert "Intranet" not in pagina.text
    otro.post(url, _datos(canal, escala, texto, _opcion(canal, "Carteleras"), 1))

    assert Respuesta.objects.filter(encuesta=encuesta).count() == 1
    assert not Contestacion.objects.filter(opcion__texto="Carteleras").exists()


def test_anonima_se_cambia_desde_el_mismo_navegador_hasta_el_cierre():
    encuesta, canal, escala, texto = _encuesta(anonima=True)
    ana = FuncionarioFactory()
    url = _url(encuesta, ana)
    navegador = Client()
    navegador.post(url, _datos(canal, escala, texto, _opcion(canal, "Intranet"), 5))

    pagina = navegador.get(url)
    assert "Lo que respondió" in pagina.text and "Intranet" in pagina.text
    navegador.post(url, _datos(canal, escala, texto, _opcion(canal, "Carteleras"), 1))

    (respuesta,) = Respuesta.objects.filter(encuesta=encuesta)
    assert respuesta.contestaciones.get(pregunta=canal).opcion.texto == "Carteleras"
    assert Participacion.objects.filter(encuesta=encuesta).count() == 1


def test_dos_servidores_en_el_mismo_computador_no_abren_la_respuesta_del_otro():
    encuesta, canal, escala, texto = _encuesta(anonima=True)
    ana, beto = FuncionarioFactory(), FuncionarioFactory()
    compartido = Client()
    compartido.post(
        _url(encuesta, ana), _datos(canal, escala, texto, _opcion(canal, "Intranet"), 5)
    )

    pagina = compartido.get(_url(encuesta, beto))
    assert "Lo que respondió" not in pagina.text
    assert "Enviar mis respuestas" in pagina.text
    compartido.post(
        _url(encuesta, beto),
        _datos(canal, escala, texto, _opcion(canal, "Carteleras"), 2),
    )

    assert Respuesta.objects.filter(encuesta=encuesta).count() == 2


def test_cerrada_muestra_lo_respondido_y_no_recibe_mas():
    encuesta, canal, escala, texto = _encuesta(nominal=True)
    ana, beto = FuncionarioFactory(), FuncionarioFactory()
    Client().post(
        _url(encuesta, ana), _datos(canal, escala, texto, _opcion(canal, "Intranet"), 5)
    )
    encuesta.cierra_en = timezone.now() - timedelta(minutes=1)
    encuesta.save()

    pagina = Client().get(_url(encuesta, ana))
    assert "Lo que respondió" in pagina.text
    assert "Cambiar mis respuestas" not in pagina.text
    cerrada = Client().post(
        _url(encuesta, beto),
        _datos(canal, escala, texto, _opcion(canal, "Carteleras"), 1),
    )
    assert "La encuesta cerró el" in cerrada.text
    assert Respuesta.objects.filter(encuesta=encuesta).count() == 1


def test_preguntas_obligatorias_sin_responder_dan_mensajes_junto_al_campo_y_arriba():
    encuesta, canal, escala, texto = _encuesta()
    respuesta = Client().post(_url(encuesta, FuncionarioFactory()), {})

    assert respuesta.status_code == 200
    assert "Hay un problema" in respuesta.text
    assert respuesta.text.count("Elija una respuesta.") == 2
    assert respuesta.text.count("Elija un valor de 1 a 5.") == 2
    assert not Respuesta.objects.exists()


# --- Externa -----------------------------------------------------------------------------


def _externa(**kwargs):
    encuesta, canal, escala, texto = _encuesta(externa=True, **kwargs)
    return encuesta, canal, escala, texto


def test_la_lista_publica_muestra_solo_las_externas_abiertas():
    abierta, *_ = _externa(titulo="¿Por dónde se entera de las novedades?")
    EncuestaFactory(
        externa=True,
        titulo="Encuesta del año pasado",
        cierra_en=timezone.now() - timedelta(days=1),
        abre_en=timezone.now() - timedelta(days=30),
    )
    EncuestaFactory(titulo="Encuesta del personal")

    pagina = Client().get(reverse("comunicaciones:encuestas"))

    assert "¿Por dónde se entera de las novedades?" in pagina.text
    assert "Encuesta del año pasado" not in pagina.text
    assert "Encuesta del personal" not in pagina.text
    # Una interna no tiene página pública.
    interna = EncuestaFactory()
    assert (
        Client()
        .get(reverse("comunicaciones:encuesta", args=[interna.slug]))
        .status_code
        == 404
    )


def test_externa_una_respuesta_por_navegador_con_zona_edad_y_origen_del_qr():
    encuesta, canal, escala, texto = _externa()
    url = reverse("comunicaciones:encuesta", args=[encuesta.slug])
    navegador = Client()

    pagina = navegador.get(url + "?origen=afiche-cafe-internet")
    assert "Tratamiento de sus datos personales" in pagina.text
    assert 'value="afiche-cafe-internet"' in pagina.text
    datos = _datos(canal, escala, texto, _opcion(canal, "Carteleras"), 4)
    datos |= {"zona": "VEREDA", "rango_edad": "29_44", "origen": "afiche-cafe-internet"}
    enviada = navegador.post(url, datos)
    assert enviada.status_code == 302
    assert enviada.cookies[f"encuesta{encuesta.pk}"]["httponly"]

    segunda = navegador.get(url)
    assert "Lo que respondió" in segunda.text
    navegador.post(url, datos | {f"p{escala.pk}": "5"})

    (respuesta,) = Respuesta.objects.filter(encuesta=encuesta)
    assert (respuesta.zona, respuesta.rango_edad, respuesta.origen) == (
        "VEREDA",
        "29_44",
        "afiche-cafe-internet",
    )
    assert respuesta.contestaciones.get(pregunta=escala).valor == 5
    assert respuesta.funcionario is None


def test_externa_limita_las_respuestas_por_ip(settings):
    settings.ENCUESTA_RESPUESTAS_POR_IP = 2
    encuesta, canal, escala, texto = _externa()
    url = reverse("comunicaciones:encuesta", args=[encuesta.slug])
    datos = _datos(canal, escala, texto, _opcion(canal, "Intranet"), 3)

    codigos = [
        Client(REMOTE_ADDR="181.49.12.7").post(url, datos).status_code for _ in range(3)
    ]
    otra_ip = Client(REMOTE_ADDR="190.85.3.44").post(url, datos)

    assert codigos == [302, 302, 429]
    assert otra_ip.status_code == 302
    assert Respuesta.objects.filter(encuesta=encuesta).count() == 3


def test_externa_no_acepta_opciones_de_otra_pregunta_ni_origen_raro():
    encuesta, canal, escala, texto = _externa()
    ajena = PreguntaFactory(opciones=["Emisora"]).opciones.get()
    url = reverse("comunicaciones:encuesta", args=[encuesta.slug])

    invalida = Client().post(url, {f"p{canal.pk}": str(ajena.pk), f"p{escala.pk}": "9"})
    assert invalida.status_code == 200
    assert "Hay un problema" in invalida.text

    Client().post(
        url,
        _datos(canal, escala, texto, _opcion(canal, "Intranet"), 3)
        | {"origen": "<script>"},
    )
    assert Respuesta.objects.get(encuesta=encuesta).origen == ""


def test_antes_de_abrir_no_se_responde():
    encuesta, *_ = _externa(
        abre_en=timezone.now() + timedelta(days=2),
        cierra_en=timezone.now() + timedelta(days=9),
    )
    pagina = Client().get(reverse("comunicaciones:encuesta", args=[encuesta.slug]))
    assert "La encuesta abre el" in pagina.text
    assert "Enviar mis respuestas" not in pagina.text


def test_responder_dos_veces_con_el_mismo_secreto_deja_una_respuesta():
    encuesta, canal, escala, texto = _externa()
    valores = {canal.pk: _opcion(canal, "Intranet").pk, escala.pk: 3}
    primera = servicio.responder(encuesta_id=encuesta.pk, valores=valores)
    servicio.responder(
        encuesta_id=encuesta.pk, valores=valores, secreto=primera.secreto
    )

    assert Respuesta.objects.filter(encuesta=encuesta).count() == 1
    assert Contestacion.objects.filter(respuesta__encuesta=encuesta).count() == 2
