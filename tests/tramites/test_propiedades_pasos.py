"""Propiedades de cada paso de los tres trámites (Hypothesis).

1. Con cualquier cosa en cualquier campo (tildes, emoji, NUL, textos enormes,
   «1e3», negativos, espacios, listas) el formulario responde is_valid() sin
   lanzar, y si acepta, lo guardado vuelve a validar igual.
2. Con datos válidos como los escribe un ciudadano (NIT con su DV, cédulas con
   puntos, CIIU del catálogo, área con coma, celulares con +57), el formulario
   acepta y lo guardado (a_datos → datos_a_post → formulario) es lo mismo.
3. Por HTTP, el dueño del borrador que envía basura a un paso con «continuar» o
   «salir» nunca ve un 500.
"""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from hypothesis import example, given
from hypothesis import strategies as st
from stdnum.co import nit

from tests import factories
from tests import hipotesis as h
from tests.tramites.ayudas import datos_horario, datos_inscripcion
from tramites.models import (
    ActividadCIIU,
    Contribuyente,
    Solicitud,
    TipoNovedad,
    TipoTramite,
)
from tramites.pasos import definicion_de
from tramites.pasos.base import FormsetPaso, mensajes_de

pytestmark = pytest.mark.django_db

PASOS = [
    (tipo, paso.clave)
    for tipo in (
        TipoTramite.INSCRIPCION_ICA,
        TipoTramite.NOVEDAD_ICA,
        TipoTramite.AMPLIACION_HORARIO,
    )
    for paso in definicion_de(tipo).pasos
]


def _hoy():
    return timezone.localdate()


def detalle_valido(bar) -> dict:
    """POST válido del paso «detalle» con todas las novedades menos el cese."""
    contribuyente = bar.contribuyente
    numero = (
        "900123456" if contribuyente.numero_documento != "900123456" else "800197268"
    )
    otro_regimen = "SIMPLE" if contribuyente.regimen == "ORDINARIO" else "ORDINARIO"
    ayer = (_hoy() - timedelta(days=1)).isoformat()
    valores = {
        "DIRECCION_NOTIFICACION": {
            "direccion_notificacion": "Calle 10 # 5-20",
            "municipio_notificacion": "Belmira",
            "departamento_notificacion": "Antioquia",
        },
        "TRASLADO_ESTABLECIMIENTO": {
            "establecimiento_id": str(bar.pk),
            "direccion": "Calle 30 # 20-10",
            "zona": "RURAL",
            "barrio_vereda": "Vereda La Lana",
        },
        "RAZON_SOCIAL": {"nombre": "Inversiones La Fonda Dos S.A.S."},
        "NOMBRE_COMERCIAL": {
            "establecimiento_id": str(bar.pk),
            "nombre_comercial": "Bar La Fonda Nueva",
        },
        "ACTIVIDAD_ECONOMICA": {"principal": "5630", "secundarias_0": "4711"},
        "REPRESENTANTE": {
            "representante_nombres": "Pedro Pérez Úsuga",
            "representante_tipo_documento": "CC",
            "representante_numero_documento": "71000111",
            "representante_correo": "pedro@fonda.test",
        },
        "REGIMEN": {"regimen": otro_regimen},
        "APERTURA_ESTABLECIMIENTO": {
            "nombre_comercial": "La Fonda 2",
            "direccion": "Carrera 49 # 50-01",
            "zona": "URBANA",
            "barrio_vereda": "Centro",
            "telefono": "3104567890",
            "actividad": "5630",
            "inicio_actividades": ayer,
            "area_m2": "45,5",
            "empleados": "3",
            "avisos_tableros": "True",
            "aforo": "50",
            "horario_ordinario": "",
        },
        "CIERRE_ESTABLECIMIENTO": {
            "establecimiento_id": str(bar.pk),
            "fecha_cierre": ayer,
        },
        "CORRECCION_IDENTIFICACION": {
            "tipo_documento": "NIT",
            "numero_documento": numero,
            "digito_verificacion": nit.calc_check_digit(numero),
        },
        "DATOS_CONTACTO": {
            "telefono": "6048687123",
            "celular": "3009998877",
            "correo": "nuevo@fonda.test",
        },
    }
    return {
        f"{tipo}__{campo}": valor
        for tipo, campos_del_tipo in valores.items()
        for campo, valor in campos_del_tipo.items()
    }


TIPOS_DETALLE = [t for t in TipoNovedad.values if t != "CESE_ACTIVIDADES"]


@pytest.fixture
def escenario(catalogo, bar, ciudadano):
    """Un borrador completo de cada trámite, de `ciudadano`, sobre el bar de su
    cuenta. Devuelve {tipo: (solicitud, datos completos)}."""
    contribuyente = bar.contribuyente
    inscripcion = datos_inscripcion()
    novedad = {
        "registro": {
            "numero_documento": contribuyente.numero_documento,
            "matricula": contribuyente.matricula,
            "contribuyente_id": contribuyente.pk,
        },
        "novedades": {
            "tipos": TIPOS_DETALLE,
            "fecha_hecho": (_hoy() - timedelta(days=2)).isoformat(),
            "observaciones": "",
        },
    }
    horario = datos_horario(bar)
    resultado = {}
    for tipo, datos in (
        (TipoTramite.INSCRIPCION_ICA, inscripcion),
        (TipoTramite.NOVEDAD_ICA, novedad),
        (TipoTramite.AMPLIACION_HORARIO, horario),
    ):
        tramite = {
            TipoTramite.INSCRIPCION_ICA: catalogo["inscripcion"],
            TipoTramite.NOVEDAD_ICA: catalogo["novedad"],
            TipoTramite.AMPLIACION_HORARIO: catalogo["horario"],
        }[tipo]
        solicitud = factories.SolicitudFactory(
            tramite=tramite, solicitante=ciudadano, datos=json.loads(json.dumps(datos))
        )
        resultado[tipo] = solicitud
    # El detalle de la novedad, guardado a partir de un POST válido.
    solicitud = resultado[TipoTramite.NOVEDAD_ICA]
    formulario = definicion_de(TipoTramite.NOVEDAD_ICA).formulario(
        "detalle", solicitud, data=detalle_valido(bar)
    )
    assert formulario.is_valid(), mensajes_de(formulario)
    solicitud.datos["detalle"] = formulario.a_datos()
    solicitud.save()
    return {tipo: (s, json.loads(json.dumps(s.datos))) for tipo, s in resultado.items()}


def post_valido(solicitud, clave) -> dict:
    definicion = definicion_de(solicitud.tramite.tipo)
    vacio = definicion.formulario(clave, solicitud)
    return vacio.datos_a_post(solicitud.datos[clave])


_BASES: dict = {}


def _post_base(solicitud, clave) -> dict:
    """post_valido() una vez por borrador y paso: los ejemplos lo comparten."""
    llave = (solicitud.pk, clave)
    if llave not in _BASES:
        _BASES[llave] = post_valido(solicitud, clave)
    return _BASES[llave]


def ida_y_vuelta(solicitud, clave, post, *, exigir: bool = True) -> object:
    """Valida `post`; si acepta, lo guardado vuelve a dar lo mismo. Devuelve lo
    guardado, o None si el formulario no aceptó (solo si no se `exigir`)."""
    definicion = definicion_de(solicitud.tramite.tipo)
    formulario = definicion.formulario(clave, solicitud, data=post)
    if not formulario.is_valid():
        assert not exigir, (mensajes_de(formulario), post)
        # Los mensajes también se arman sin lanzar.
        assert mensajes_de(formulario) or isinstance(formulario, FormsetPaso)
        return None
    guardado = formulario.a_datos()
    assert json.loads(json.dumps(guardado)) == guardado
    vacio = definicion.formulario(clave, solicitud)
    otra = definicion.formulario(clave, solicitud, data=vacio.datos_a_post(guardado))
    assert otra.is_valid(), mensajes_de(otra)
    assert otra.a_datos() == guardado
    return guardado


def restaurar(solicitud, datos):
    solicitud.datos = json.loads(json.dumps(datos))
    solicitud.a_medias = {}


def test_los_datos_base_de_cada_paso_son_validos(escenario):
    for tipo, clave in PASOS:
        solicitud, _ = escenario[tipo]
        assert ida_y_vuelta(solicitud, clave, post_valido(solicitud, clave)) is not None


# --- 1. Basura en cualquier campo -------------------------------------------------


@pytest.mark.parametrize(("tipo", "clave"), PASOS)
@h.con_fixtures()
@given(datos=st.data())
def test_un_paso_no_lanza_con_cualquier_dato(escenario, tipo, clave, datos):
    solicitud, completos = escenario[tipo]
    restaurar(solicitud, completos)
    revuelto = datos.draw(h.datos_revueltos(_post_base(solicitud, clave)))
    ida_y_vuelta(solicitud, clave, MultiValueDict(revuelto), exigir=False)


# --- 2. Datos válidos: se guardan como se escribieron, normalizados ------------------

CODIGOS = ["1040", "4722", "4711", "5630", "9602"]


@st.composite
def contribuyente_valido(draw):
    naturaleza = draw(
        st.sampled_from(
            ["PERSONA_NATURAL", "PERSONA_JURIDICA", "SOCIEDAD_DE_HECHO", "CONSORCIO"]
        )
    )
    digito = ""
    if naturaleza == "PERSONA_NATURAL" and draw(st.booleans()):
        tipo, escrito, numero = draw(h.documento_de_persona())
    else:
        tipo = "NIT"
        numero, digito = draw(
            h.nit_con_dv(9 if naturaleza == "PERSONA_JURIDICA" else None)
        )
        escrito = draw(h.escrito_de(numero))
    celular = draw(st.one_of(st.just(""), h.celular()))
    telefono = draw(h.fijo()) if not celular or draw(st.booleans()) else ""
    autoriza = draw(st.booleans())
    post = {
        "naturaleza": naturaleza,
        "tipo_documento": tipo,
        "numero_documento": escrito,
        "digito_verificacion": digito,
        "nombre": draw(h.texto_valido(maximo=250)),
        "regimen": draw(st.sampled_from(["ORDINARIO", "SIMPLE"])),
        "direccion_notificacion": draw(h.texto_valido(maximo=200)),
        "municipio_notificacion": draw(h.texto_valido(maximo=100)),
        "departamento_notificacion": draw(h.texto_valido(maximo=100)),
        "telefono": telefono,
        "celular": celular,
        "correo": draw(h.correo),
    }
    if autoriza:
        post["autoriza_notificacion_electronica"] = "on"
    esperado = {
        "tipo_documento": tipo,
        "numero_documento": numero,
        "digito_verificacion": digito,
        "nombre": post["nombre"].strip(),
        "correo": post["correo"].lower(),
        "autoriza_notificacion_electronica": autoriza,
    }
    return post, esperado


NIT_CORTO = {
    "naturaleza": "SOCIEDAD_DE_HECHO",
    "tipo_documento": "NIT",
    "numero_documento": "100",
    "digito_verificacion": "9",
    "nombre": "0",
    "regimen": "ORDINARIO",
    "direccion_notificacion": "0",
    "municipio_notificacion": "0",
    "departamento_notificacion": "0",
    "telefono": "6010000000",
    "celular": "",
    "correo": "0@a0.co",
}


@h.con_fixtures()
@given(caso=contribuyente_valido())
# El NIT de una persona es su cédula (desde 3 dígitos) más el DV: stdnum exigía
# 8 cifras y rechazaba un DV correcto.
@example(
    caso=(
        NIT_CORTO,
        {
            "tipo_documento": "NIT",
            "numero_documento": "100",
            "digito_verificacion": "9",
            "nombre": "0",
            "correo": "0@a0.co",
            "autoriza_notificacion_electronica": False,
        },
    )
)
def test_contribuyente_valido_se_guarda_normalizado(escenario, caso):
    solicitud, completos = escenario[TipoTramite.INSCRIPCION_ICA]
    restaurar(solicitud, completos)
    post, esperado = caso
    if esperado["numero_documento"] == "900373913":  # el del bar, ya inscrito
        return
    guardado = ida_y_vuelta(solicitud, "contribuyente", post)
    assert guardado is not None, post
    assert {k: guardado[k] for k in esperado} == esperado
    for campo in ("telefono", "celular"):
        assert guardado[campo] == "" or len(guardado[campo]) == 10


@st.composite
def mercantil_valido(draw):
    if not draw(st.booleans()):
        return {"tiene_matricula": "False", "matricula_mercantil": "basura"}, {
            "tiene_matricula": False,
            "matricula_mercantil": "",
            "fecha_matricula_mercantil": None,
            "camara_comercio": "",
        }
    matricula = draw(
        st.from_regex(r"[0-9A-Z]{1,8}(-[0-9A-Z]{1,8}){0,2}", fullmatch=True)
    )
    fecha = draw(h.hasta_hoy())
    camara = draw(h.texto_valido(maximo=100))
    post = {
        "tiene_matricula": "True",
        "matricula_mercantil": matricula,
        "fecha_matricula_mercantil": draw(h.fecha_escrita(fecha)),
        "camara_comercio": camara,
    }
    return post, {
        "tiene_matricula": True,
        "matricula_mercantil": matricula,
        "fecha_matricula_mercantil": fecha.isoformat(),
        "camara_comercio": camara.strip(),
    }


@h.con_fixtures()
@given(caso=mercantil_valido())
def test_registro_mercantil_valido_se_guarda_normalizado(escenario, caso):
    solicitud, completos = escenario[TipoTramite.INSCRIPCION_ICA]
    restaurar(solicitud, completos)
    post, esperado = caso
    assert ida_y_vuelta(solicitud, "registro_mercantil", post) == esperado


@h.con_fixtures()
@given(datos=st.data())
def test_actividades_validas_se_guardan_como_codigos(escenario, datos):
    solicitud, completos = escenario[TipoTramite.INSCRIPCION_ICA]
    restaurar(solicitud, completos)
    catalogo = dict(ActividadCIIU.objects.values_list("codigo", "descripcion"))
    escrito, principal = datos.draw(h.ciiu_escrito(CODIGOS, catalogo))
    otras = [c for c in CODIGOS if c != principal]
    secundarias = datos.draw(st.lists(st.sampled_from(otras), max_size=5))
    post = {"principal": escrito}
    for indice, codigo in enumerate(secundarias):
        post[f"secundarias_{indice}"] = datos.draw(h.ciiu_escrito([codigo], catalogo))[
            0
        ]
    guardado = ida_y_vuelta(solicitud, "actividades", post)
    assert guardado == {
        "principal": principal,
        "secundarias": list(dict.fromkeys(secundarias)),
    }


@st.composite
def establecimiento_valido(draw, codigos, catalogo, nombre):
    area_escrita, area = draw(h.area_escrita())
    actividad_escrita, actividad = draw(h.ciiu_escrito(codigos, catalogo))
    inicio = draw(h.hasta_hoy())
    empleados = draw(st.integers(min_value=0, max_value=100000))
    aforo = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=100000)))
    telefono = draw(st.one_of(st.just(""), h.celular(), h.fijo()))
    avisos = draw(st.booleans())
    post = {
        "nombre_comercial": nombre,
        "direccion": draw(h.texto_valido()),
        "zona": draw(st.sampled_from(["URBANA", "RURAL"])),
        "barrio_vereda": draw(h.texto_valido(maximo=120)),
        "telefono": telefono,
        "actividad": actividad_escrita,
        "inicio_actividades": draw(h.fecha_escrita(inicio)),
        "area_m2": area_escrita,
        "empleados": str(empleados),
        "avisos_tableros": str(avisos),
        "aforo": "" if aforo is None else f" {aforo}",
        "horario_ordinario": draw(st.one_of(st.just(""), h.texto_valido())),
    }
    esperado = {
        "nombre_comercial": nombre.strip(),
        "actividad": actividad,
        "inicio_actividades": inicio.isoformat(),
        "area_m2": area,
        "empleados": empleados,
        "aforo": aforo,
        "avisos_tableros": avisos,
    }
    return post, esperado


@h.con_fixtures()
@given(datos=st.data())
def test_establecimientos_validos_se_guardan_normalizados(escenario, datos):
    solicitud, completos = escenario[TipoTramite.INSCRIPCION_ICA]
    restaurar(solicitud, completos)
    declaradas = ["1040", "4722"]
    catalogo = dict(ActividadCIIU.objects.values_list("codigo", "descripcion"))
    nombres = datos.draw(
        st.lists(
            h.texto_valido(),
            min_size=1,
            max_size=3,
            unique_by=lambda n: n.strip().lower(),
        )
    )
    post = {
        "establecimientos-TOTAL_FORMS": str(len(nombres)),
        "establecimientos-INITIAL_FORMS": "0",
    }
    esperados = []
    for indice, nombre in enumerate(nombres):
        uno, esperado = datos.draw(establecimiento_valido(declaradas, catalogo, nombre))
        post.update({f"establecimientos-{indice}-{k}": v for k, v in uno.items()})
        esperados.append(esperado)
    guardado = ida_y_vuelta(solicitud, "establecimientos", post)
    assert guardado is not None, post
    assert [{k: g[k] for k in e} for g, e in zip(guardado, esperados, strict=True)] == (
        esperados
    )


@h.con_fixtures()
@given(
    representante=h.documento_de_persona(),
    apoderado=st.one_of(st.none(), h.documento_de_persona()),
    nombres=h.texto_valido(),
    correo=h.correo,
)
def test_representacion_valida_se_guarda_normalizada(
    escenario, representante, apoderado, nombres, correo
):
    solicitud, completos = escenario[TipoTramite.INSCRIPCION_ICA]
    restaurar(solicitud, completos)
    post = {
        "representante_nombres": nombres,
        "representante_tipo_documento": representante[0],
        "representante_numero_documento": representante[1],
        "representante_correo": correo,
        "actua_apoderado": "True" if apoderado else "False",
    }
    if apoderado:
        post.update(
            apoderado_nombres=nombres,
            apoderado_tipo_documento=apoderado[0],
            apoderado_numero_documento=apoderado[1],
            apoderado_correo=correo,
        )
    guardado = ida_y_vuelta(solicitud, "representacion", post)
    assert guardado is not None, post
    assert guardado["representante_numero_documento"] == representante[2]
    assert guardado["representante_correo"] == correo.lower()
    assert guardado["apoderado_numero_documento"] == (apoderado[2] if apoderado else "")


@h.con_fixtures()
@given(
    documento=st.sampled_from(["{n}", "{p}", "{p}-{dv}", " {n} ", "{n}-{dv}"]),
    matricula=st.sampled_from(
        ["{m}", "{m_min}", "ICA{cifras}", "ica {numero}", "{numero}"]
    ),
)
def test_registro_de_la_novedad_se_identifica_como_lo_escriba(
    escenario, documento, matricula
):
    solicitud, completos = escenario[TipoTramite.NOVEDAD_ICA]
    restaurar(solicitud, completos)
    c = Contribuyente.objects.get(pk=completos["registro"]["contribuyente_id"])
    cifras = c.matricula.split("-")[1]
    valores = {
        "n": c.numero_documento,
        "p": h.con_puntos(c.numero_documento),
        "dv": c.digito_verificacion,
        "m": c.matricula,
        "m_min": c.matricula.lower(),
        "cifras": cifras,
        "numero": str(int(cifras)),
    }
    post = {
        "numero_documento": documento.format(**valores),
        "matricula": matricula.format(**valores),
    }
    assert ida_y_vuelta(solicitud, "registro", post) == completos["registro"]


@h.con_fixtures()
@given(
    tipos=st.one_of(
        st.just(["CESE_ACTIVIDADES"]),
        st.lists(st.sampled_from(TIPOS_DETALLE), min_size=1, unique=True),
    ),
    fecha=h.hasta_hoy(),
    observaciones=st.one_of(st.just(""), h.texto_valido(maximo=1000)),
)
def test_novedades_validas_se_guardan_en_orden(escenario, tipos, fecha, observaciones):
    solicitud, completos = escenario[TipoTramite.NOVEDAD_ICA]
    restaurar(solicitud, completos)
    post = MultiValueDict(
        {
            "tipos": tipos,
            "fecha_hecho": [fecha.isoformat()],
            "observaciones": [observaciones],
        }
    )
    guardado = ida_y_vuelta(solicitud, "novedades", post)
    assert guardado == {
        "tipos": [t for t in TipoNovedad.values if t in tipos],
        "fecha_hecho": fecha.isoformat(),
        "observaciones": observaciones.strip(),
    }


@h.con_fixtures()
@given(
    tipos=st.lists(st.sampled_from(TIPOS_DETALLE), min_size=1, unique=True),
    direccion=h.texto_valido(),
    nombre=h.texto_valido(maximo=250),
    celular=h.celular(),
    correo=h.correo,
    area=h.area_escrita(),
)
def test_detalle_valido_se_guarda_con_el_valor_actual(
    escenario, bar, tipos, direccion, nombre, celular, correo, area
):
    solicitud, completos = escenario[TipoTramite.NOVEDAD_ICA]
    restaurar(solicitud, completos)
    solicitud.datos["novedades"]["tipos"] = [
        t for t in TipoNovedad.values if t in tipos
    ]
    post = {
        clave: valor
        for clave, valor in detalle_valido(bar).items()
        if clave.split("__")[0] in tipos
    }
    cambios = {
        "DIRECCION_NOTIFICACION__direccion_notificacion": direccion,
        "TRASLADO_ESTABLECIMIENTO__direccion": direccion,
        "RAZON_SOCIAL__nombre": nombre,
        "DATOS_CONTACTO__celular": celular,
        "DATOS_CONTACTO__correo": correo,
        "APERTURA_ESTABLECIMIENTO__area_m2": area[0],
    }
    post.update({k: v for k, v in cambios.items() if k in post})
    guardado = ida_y_vuelta(solicitud, "detalle", post, exigir=False)
    if guardado is None:
        # Solo se rechaza un valor nuevo igual al registrado.
        formulario = definicion_de(TipoTramite.NOVEDAD_ICA).formulario(
            "detalle", solicitud, data=post
        )
        formulario.is_valid()
        assert all("igual al que ya" in m for m in mensajes_de(formulario))
        return
    assert list(guardado) == solicitud.datos["novedades"]["tipos"]
    if "RAZON_SOCIAL" in guardado:
        assert guardado["RAZON_SOCIAL"]["nuevo"]["nombre"] == nombre.strip()
        assert guardado["RAZON_SOCIAL"]["actual"]["nombre"] == bar.contribuyente.nombre
    if "DATOS_CONTACTO" in guardado:
        assert guardado["DATOS_CONTACTO"]["nuevo"]["correo"] == correo.lower()
    if "APERTURA_ESTABLECIMIENTO" in guardado:
        assert guardado["APERTURA_ESTABLECIMIENTO"]["nuevo"]["area_m2"] == area[1]


@h.con_fixtures()
@given(
    documento=h.documento_de_persona(),
    nombre=h.texto_valido(maximo=250),
    calidad=st.sampled_from(["PROPIETARIO", "REPRESENTANTE_LEGAL", "ADMINISTRADOR"]),
    telefono=st.one_of(h.celular(), h.fijo()),
    correo=h.correo,
)
def test_solicitante_valido_se_guarda_normalizado(
    escenario, documento, nombre, calidad, telefono, correo
):
    solicitud, completos = escenario[TipoTramite.AMPLIACION_HORARIO]
    restaurar(solicitud, completos)
    post = {
        "tipo_documento": documento[0],
        "numero_documento": documento[1],
        "nombre": nombre,
        "calidad": calidad,
        "telefono": telefono,
        "correo": correo,
    }
    guardado = ida_y_vuelta(solicitud, "solicitante", post)
    assert guardado is not None, post
    assert guardado["numero_documento"] == documento[2]
    assert guardado["nombre"] == nombre.strip()
    assert len(guardado["telefono"]) == 10
    assert guardado["correo"] == correo.lower()


@h.con_fixtures()
@given(
    matricula=st.sampled_from(["ICA-000098", "ica 98", "ICA000098", "98", " ica-98 "]),
    documento=st.sampled_from(["900373913", "900.373.913", "900373913-{dv}"]),
)
def test_establecimiento_del_horario_se_identifica_como_lo_escriba(
    escenario, bar, matricula, documento
):
    solicitud, completos = escenario[TipoTramite.AMPLIACION_HORARIO]
    restaurar(solicitud, completos)
    post = {
        "matricula": matricula,
        "numero_documento": documento.format(dv=bar.contribuyente.digito_verificacion),
    }
    assert (
        ida_y_vuelta(solicitud, "establecimiento", post) == completos["establecimiento"]
    )


@h.con_fixtures()
@given(
    tipo=st.sampled_from(["OCASIONAL", "TEMPORADA", "PERMANENTE"]),
    inicio=h.despues_de_hoy(30, 300),
    duracion=st.one_of(st.none(), st.integers(min_value=0, max_value=90)),
    hora=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    actividades=st.lists(
        st.sampled_from(["MUSICA_EN_VIVO", "MUSICA_GRABADA", "BAILE"]), unique=True
    ),
    aforo=st.integers(min_value=0, max_value=80),
    personal=st.integers(min_value=0, max_value=100),
    motivo=h.texto_valido(maximo=1000),
)
def test_horario_solicitado_valido_se_guarda_normalizado(
    escenario, tipo, inicio, duracion, hora, actividades, aforo, personal, motivo
):
    solicitud, completos = escenario[TipoTramite.AMPLIACION_HORARIO]
    restaurar(solicitud, completos)
    if tipo != "PERMANENTE" and duracion is None:
        duracion = 0
    fin = inicio + timedelta(days=duracion) if duracion is not None else None
    post = MultiValueDict(
        {
            "tipo": [tipo],
            "fecha_inicio": [inicio.strftime("%d/%m/%Y")],
            "fecha_fin": [fin.isoformat() if fin else ""],
            "hora_cierre": [hora.strftime("%H:%M")],
            "motivo": [motivo],
            "actividades": actividades,
            "aforo": [str(aforo)],
            "personal_seguridad": [str(personal)],
            "medidas_seguridad": ["Control de ingreso y de aforo."],
            "plan_contingencia": [""],
        }
    )
    guardado = ida_y_vuelta(solicitud, "solicitud", post)
    assert guardado is not None, post
    assert guardado["fecha_inicio"] == inicio.isoformat()
    assert guardado["fecha_fin"] == (fin.isoformat() if fin else None)
    assert guardado["hora_cierre"] == hora.strftime("%H:%M")
    assert guardado["aforo"] == aforo
    assert guardado["motivo"] == motivo.strip()


# --- 3. Por HTTP: nunca un 500 ------------------------------------------------------


@pytest.fixture
def cliente_del_dueno(client, ciudadano):
    client.force_login(ciudadano)
    client.raise_request_exception = True
    return client


@pytest.mark.parametrize(("tipo", "clave"), PASOS)
@h.por_http()
@given(datos=st.data(), accion=st.sampled_from(["continuar", "salir"]))
def test_un_paso_por_http_nunca_da_500(
    escenario, cliente_del_dueno, tipo, clave, datos, accion
):
    solicitud, completos = escenario[tipo]
    Solicitud.objects.filter(pk=solicitud.pk).update(datos=completos, a_medias={})
    solicitud.refresh_from_db()
    revuelto = datos.draw(h.datos_revueltos(post_valido(solicitud, clave)))
    revuelto["accion"] = [accion]
    respuesta = cliente_del_dueno.post(
        f"/tramites/mis-tramites/{solicitud.pk}/paso/{clave}/", revuelto
    )
    assert respuesta.status_code in (200, 302, 404, 429)


@h.con_fixtures()
@given(
    post=st.dictionaries(
        h.basura, st.lists(h.basura, min_size=1, max_size=3), max_size=6
    )
)
# PostgreSQL rechazaba el NUL en el jsonb de `a_medias`: «salir» daba un 500.
@example(post={"tipo_documento": ["\x00"]})
@example(post={"a\x00b": ["ok"]})
def test_lo_escrito_a_medias_siempre_se_puede_guardar(escenario, post):
    from django.utils.datastructures import MultiValueDict

    from tramites.services.borradores import guardar_a_medias, lo_escrito

    solicitud, _ = escenario[TipoTramite.AMPLIACION_HORARIO]
    escrito = lo_escrito(MultiValueDict(post))
    guardar_a_medias(solicitud=solicitud, clave="solicitante", escrito=escrito)
    solicitud.refresh_from_db()
    assert solicitud.a_medias["solicitante"] == escrito
    assert "\x00" not in json.dumps(escrito, ensure_ascii=False)


@h.con_fixtures()
@given(matricula=h.basura, documento=h.basura)
# PostgreSQL: un NUL en lo escrito llegaba a la búsqueda del establecimiento
# (antes de limpiar el formulario) y daba un 500.
@example(matricula="ICA-000098", documento="\x00")
def test_establecimiento_del_horario_no_lanza_con_cualquier_documento(
    escenario, matricula, documento
):
    solicitud, completos = escenario[TipoTramite.AMPLIACION_HORARIO]
    restaurar(solicitud, completos)
    post = {"matricula": matricula, "numero_documento": documento}
    assert ida_y_vuelta(solicitud, "establecimiento", post, exigir=False) is None
