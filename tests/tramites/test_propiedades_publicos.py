"""Propiedades de los formularios públicos de los trámites (Hypothesis): la
consulta por radicado, la verificación de un documento expedido y la respuesta
a una subsanación. Con cualquier dato, nunca un 500."""

from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.utils.datastructures import MultiValueDict
from hypothesis import example, given
from hypothesis import strategies as st

from tests import factories
from tests import hipotesis as h
from tramites.forms import ConsultaForm, RespuestaSubsanacionForm

pytestmark = pytest.mark.django_db

ESTADOS_ADMITIDOS = (200, 302, 404, 429)
CONSULTA_VALIDA = {"radicado": "ICA-2026-000001", "dato": "43123456"}


@given(datos=h.datos_revueltos(CONSULTA_VALIDA))
def test_consulta_no_lanza_con_cualquier_dato(datos):
    formulario = ConsultaForm(MultiValueDict(datos))
    if formulario.is_valid():
        otra = ConsultaForm(formulario.cleaned_data)
        assert otra.is_valid()
        assert otra.cleaned_data == formulario.cleaned_data


@pytest.fixture
def radicada(db):
    return factories.SolicitudFactory(
        radicada=True, radicado="ICA-2026-000001", documento="43123456"
    )


@h.por_http()
@given(datos=h.datos_revueltos(CONSULTA_VALIDA))
def test_consulta_por_http_nunca_da_500(client, radicada, datos):
    cache.clear()
    assert client.post("/tramites/consulta/", datos).status_code in ESTADOS_ADMITIDOS
    consulta = {k: v[0] for k, v in datos.items() if v}
    assert client.get("/tramites/consulta/", consulta).status_code in (
        ESTADOS_ADMITIDOS
    )


@h.con_fixtures()
@given(
    radicado=st.sampled_from(
        ["ICA-2026-000001", "ica-2026-000001", " ICA-2026-000001 ", "Ica-2026-000001"]
    ),
    dato=st.sampled_from(["43123456", "43.123.456", " 43 123 456 ", "{codigo}"]),
)
def test_consulta_valida_encuentra_la_solicitud_como_se_escriba(
    client, radicada, radicado, dato
):
    cache.clear()
    respuesta = client.post(
        "/tramites/consulta/",
        {
            "radicado": radicado,
            "dato": dato.format(codigo=radicada.codigo_verificacion),
        },
    )
    assert respuesta.status_code == 200
    assert respuesta.context["solicitud"] == radicada


@h.por_http()
@given(codigo=st.one_of(h.basura, st.from_regex(r"[A-Z0-9]{8}", fullmatch=True)))
# PostgreSQL: /verificar/%00/ llegaba a la consulta y daba un 500.
@example(codigo="\x00")
def test_verificar_con_cualquier_codigo_nunca_da_500(client, codigo):
    cache.clear()
    camino = quote(codigo, safe="") or "x"
    respuesta = client.get(f"/verificar/{camino}/")
    assert respuesta.status_code in ESTADOS_ADMITIDOS


# --- Subsanación ----------------------------------------------------------------------


@pytest.fixture
def por_subsanar(definicion_mesa, ciiu, ciudadano, revisor_hacienda):
    from tests.tramites.mesa import en_revision
    from tests.tramites.test_subsanacion import pedir

    solicitud = en_revision(ciudadano, revisor_hacienda)
    pedida = pedir(solicitud, revisor_hacienda)
    return solicitud, pedida


@h.por_http()
@given(datos=st.data())
def test_subsanar_con_cualquier_dato_nunca_da_500(
    client, ciudadano, por_subsanar, datos
):
    solicitud, pedida = por_subsanar
    client.force_login(ciudadano)
    campos = {"comentario": "Adjunto el RUT."} | {
        f"item_{i.pk}": "rut.pdf" for i in pedida.items.all()
    }
    revuelto = datos.draw(h.datos_revueltos(campos))
    respuesta = client.post(
        f"/tramites/mis-tramites/{solicitud.pk}/subsanar/", revuelto
    )
    assert respuesta.status_code in ESTADOS_ADMITIDOS


@h.con_fixtures()
@given(datos=st.data())
def test_respuesta_de_subsanacion_no_lanza_con_cualquier_dato(por_subsanar, datos):
    solicitud, pedida = por_subsanar
    items = list(pedida.items.all())
    revuelto = datos.draw(h.datos_revueltos({"comentario": "Adjunto el RUT."}))
    formulario = RespuestaSubsanacionForm(
        MultiValueDict(revuelto), {}, items=items, solicitud=solicitud
    )
    formulario.is_valid()
