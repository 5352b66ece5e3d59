"""Propiedades de los formularios públicos de comunicaciones (Hypothesis):
la suscripción, la encuesta externa y la pregunta de asesoría.

Con cualquier dato, nunca un 500; lo aceptado se guarda normalizado como dice
el formulario.
"""

import pytest
from django.core.cache import cache
from hypothesis import example, given
from hypothesis import strategies as st

from comunicaciones.forms import SuscripcionForm
from comunicaciones.forms.asesoria import PreguntaForm
from comunicaciones.models import Respuesta, Suscriptor, TipoPregunta
from tests import hipotesis as h
from tests.factories import EncuestaFactory, PreguntaFactory, TextoConsentimientoFactory

pytestmark = pytest.mark.django_db

ESTADOS_ADMITIDOS = (200, 302, 404, 429)


def _colapsado(texto: str) -> str:
    return " ".join(texto.split())


# --- Suscripción ---------------------------------------------------------------

SUSCRIPCION_VALIDA = {
    "tipo": "CIUDADANO",
    "nombre": "María Gómez",
    "correo": "maria@correo.test",
    "vereda_barrio": "Centro",
    "acepto": "on",
}


@given(datos=h.datos_revueltos(SUSCRIPCION_VALIDA))
def test_suscripcion_no_lanza_con_cualquier_dato(datos):
    from django.utils.datastructures import MultiValueDict

    formulario = SuscripcionForm(MultiValueDict(datos))
    if formulario.is_valid():
        otra = SuscripcionForm(
            {**formulario.cleaned_data, "acepto": "on"},
        )
        assert otra.is_valid(), otra.errors
        assert otra.cleaned_data == formulario.cleaned_data


@pytest.fixture
def consentimiento(db):
    return TextoConsentimientoFactory()


@h.por_http()
@given(
    tipo=st.sampled_from(["CIUDADANO", "ORGANIZACION"]),
    nombre=h.texto_valido(maximo=200),
    correo=h.correo,
    vereda=h.texto_valido(maximo=120),
)
def test_suscripcion_valida_se_guarda_normalizada(
    client, consentimiento, tipo, nombre, correo, vereda
):
    cache.clear()
    Suscriptor.objects.all().delete()
    respuesta = client.post(
        "/suscribase/",
        {
            "tipo": tipo,
            "nombre": f"  {nombre} ",
            "correo": f" {correo} ",
            "vereda_barrio": vereda,
            "acepto": "on",
        },
    )
    assert respuesta.status_code == 302, respuesta.context["form"].errors
    suscriptor = Suscriptor.objects.get()
    assert suscriptor.nombre == _colapsado(nombre)
    assert suscriptor.correo == correo.lower()
    assert suscriptor.vereda_barrio == _colapsado(vereda)
    assert suscriptor.tipo == tipo


@h.por_http()
@given(datos=h.datos_revueltos(SUSCRIPCION_VALIDA))
def test_suscripcion_por_http_nunca_da_500(client, consentimiento, datos):
    cache.clear()
    assert client.post("/suscribase/", datos).status_code in ESTADOS_ADMITIDOS


# --- Encuesta externa -------------------------------------------------------------


@pytest.fixture
def encuesta(db):
    encuesta = EncuestaFactory(externa=True)
    canal = PreguntaFactory(
        encuesta=encuesta, orden=1, opciones=["Correo directo", "Emisora", "Afiches"]
    )
    multiple = PreguntaFactory(
        encuesta=encuesta,
        orden=2,
        tipo=TipoPregunta.MULTIPLE,
        opciones=["Radio", "Prensa", "Redes"],
    )
    escala = PreguntaFactory(encuesta=encuesta, orden=3, tipo=TipoPregunta.ESCALA)
    texto = PreguntaFactory(
        encuesta=encuesta, orden=4, tipo=TipoPregunta.TEXTO, obligatoria=False
    )
    return encuesta, canal, multiple, escala, texto


def _respuestas_validas(encuesta):
    _, canal, multiple, escala, texto = encuesta
    return {
        f"p{canal.pk}": str(canal.opciones.first().pk),
        f"p{multiple.pk}": [str(o.pk) for o in multiple.opciones.all()[:2]],
        f"p{escala.pk}": "4",
        f"p{texto.pk}": "Más afiches en la vereda.",
        "zona": "VEREDA",
        "rango_edad": "29_44",
        "origen": "afiche-cafe-internet",
    }


@h.por_http()
@given(datos=st.data())
def test_encuesta_externa_por_http_nunca_da_500(client, encuesta, datos):
    cache.clear()
    client.cookies.clear()
    revuelto = datos.draw(h.datos_revueltos(_respuestas_validas(encuesta)))
    url = f"/encuestas/{encuesta[0].slug}/"
    assert client.post(url, revuelto).status_code in ESTADOS_ADMITIDOS
    assert client.get(
        url, {"origen": (revuelto.get("origen") or [""])[0]}
    ).status_code in (ESTADOS_ADMITIDOS)


@h.por_http()
@given(datos=st.data())
def test_encuesta_externa_valida_se_guarda_como_se_respondio(client, encuesta, datos):
    cache.clear()
    client.cookies.clear()
    Respuesta.objects.all().delete()
    _, canal, multiple, escala, texto = encuesta
    opcion = datos.draw(st.sampled_from(list(canal.opciones.all())))
    marcadas = datos.draw(
        st.lists(
            st.sampled_from(list(multiple.opciones.all())), min_size=1, unique=True
        )
    )
    valor = datos.draw(st.integers(min_value=1, max_value=5))
    comentario = datos.draw(st.one_of(st.just(""), h.texto_valido(maximo=400)))
    respuesta = client.post(
        f"/encuestas/{encuesta[0].slug}/",
        {
            f"p{canal.pk}": str(opcion.pk),
            f"p{multiple.pk}": [str(o.pk) for o in marcadas],
            f"p{escala.pk}": str(valor),
            f"p{texto.pk}": comentario,
        },
    )
    assert respuesta.status_code == 302
    guardada = Respuesta.objects.get()
    por_pregunta = {}
    for contestacion in guardada.contestaciones.all():
        por_pregunta.setdefault(contestacion.pregunta_id, []).append(contestacion)
    assert [c.opcion_id for c in por_pregunta[canal.pk]] == [opcion.pk]
    assert {c.opcion_id for c in por_pregunta[multiple.pk]} == {o.pk for o in marcadas}
    assert [c.valor for c in por_pregunta[escala.pk]] == [valor]
    if comentario.strip():
        assert [c.texto for c in por_pregunta[texto.pk]] == [_colapsado(comentario)]


# --- Pregunta de asesoría -----------------------------------------------------------

PREGUNTA_VALIDA = {
    "asunto": "¿Debo inscribir una tienda en la vereda?",
    "texto": "Tengo una tienda pequeña en la vereda La Lana y quiero saber.",
    "clase": "INFORMACION",
}


@given(datos=h.datos_revueltos(PREGUNTA_VALIDA))
def test_pregunta_no_lanza_con_cualquier_dato(datos):
    from django.utils.datastructures import MultiValueDict

    formulario = PreguntaForm(MultiValueDict(datos))
    if formulario.is_valid():
        otra = PreguntaForm(formulario.cleaned_data)
        assert otra.is_valid(), otra.errors
        assert otra.cleaned_data == formulario.cleaned_data


@h.por_http()
@given(datos=h.datos_revueltos(PREGUNTA_VALIDA, extras=("tramite", "solicitud")))
# PostgreSQL: un NUL en ?tramite= llegaba a la consulta del slug y daba un 500.
@example(datos={"tramite": ["\x00"]})
def test_preguntar_por_http_nunca_da_500(client, ciudadano, datos):
    cache.clear()
    client.force_login(ciudadano)
    assert client.post("/asesoria/preguntar/", datos).status_code in ESTADOS_ADMITIDOS
    consulta = {k: v[0] for k, v in datos.items() if v}
    assert client.get("/asesoria/preguntar/", consulta).status_code in (
        ESTADOS_ADMITIDOS
    )


@h.por_http()
@given(
    asunto=h.texto_valido(maximo=150),
    texto=h.texto_valido(minimo=10, maximo=4000),
    clase=st.sampled_from(["INFORMACION", "CONSULTA", "GENERAL"]),
)
def test_pregunta_valida_se_guarda_como_se_escribio(
    client, ciudadano, asunto, texto, clase
):
    from comunicaciones.models import PreguntaCiudadana

    cache.clear()
    PreguntaCiudadana.objects.all().delete()
    client.force_login(ciudadano)
    respuesta = client.post(
        "/asesoria/preguntar/", {"asunto": asunto, "texto": texto, "clase": clase}
    )
    assert respuesta.status_code == 302
    pregunta = PreguntaCiudadana.objects.get()
    assert pregunta.asunto == asunto.strip()
    assert pregunta.texto == texto.strip()
    assert pregunta.clase == clase
