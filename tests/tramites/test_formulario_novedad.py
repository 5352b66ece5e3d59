"""Novedad del registro ICA: identificar el registro, elegir tipos y, por tipo,
el valor actual (de solo lectura) junto al nuevo."""

import pytest

from tests import factories
from tests.tramites.test_formularios import adjuntar_obligatorios, borrador, enviar
from tramites.models import ActividadContribuyente, TipoTramite
from tramites.pasos import definicion_de

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def todo_registro_es_del_solicitante(monkeypatch):
    """Estas pruebas son de los pasos del formulario: cada solicitud tramita por
    cualquier registro. Quién tramita por cuál: test_mis_establecimientos.py."""
    from tramites import selectores

    monkeypatch.setattr(selectores, "puede_tramitar", lambda cuenta, pk: True)


@pytest.fixture
def registrado(catalogo):
    """Quesera inscrita, con un establecimiento y dos actividades."""
    establecimiento = factories.EstablecimientoFactory(
        nombre_comercial="Quesera El Ordeño",
        direccion="Carrera 50 # 52-14",
        actividad_id="1040",
        contribuyente__matricula="ICA-000123",
        contribuyente__numero_documento="900123456",
        contribuyente__nombre="Lácteos El Ordeño S.A.S.",
    )
    contribuyente = establecimiento.contribuyente
    ActividadContribuyente.objects.create(
        contribuyente=contribuyente, actividad_id="1040", principal=True
    )
    ActividadContribuyente.objects.create(
        contribuyente=contribuyente, actividad_id="4722"
    )
    return contribuyente


def datos_novedad(contribuyente, tipos, detalle=None):
    datos = {
        "registro": {
            "numero_documento": contribuyente.numero_documento,
            "matricula": contribuyente.matricula,
            "contribuyente_id": contribuyente.pk,
        },
        "novedades": {
            "tipos": tipos,
            "fecha_hecho": "2026-01-20",
            "observaciones": "",
        },
    }
    if detalle is not None:
        datos["detalle"] = detalle
    return datos


def test_el_registro_debe_existir_y_estar_activo(catalogo, registrado):
    solicitud = borrador(catalogo["novedad"])
    formulario = enviar(
        solicitud, "registro", numero_documento="900.123.456-8", matricula="ica-000123"
    )
    assert formulario.is_valid()
    assert formulario.a_datos() == {
        "numero_documento": "900123456",
        "matricula": "ICA-000123",
        "contribuyente_id": registrado.pk,
    }
    otra_matricula = enviar(
        solicitud, "registro", numero_documento="900123456", matricula="ICA-999999"
    )
    assert "No encontramos un registro activo" in otra_matricula.non_field_errors()[0]

    registrado.estado = "CANCELADO"
    registrado.save()
    cancelado = enviar(
        solicitud, "registro", numero_documento="900123456", matricula="ICA-000123"
    )
    assert not cancelado.is_valid()


def test_un_nit_de_otro_pais_con_guion_encuentra_su_registro(catalogo):
    # Se guarda tal como se escribió; antes la búsqueda le cortaba lo que sigue
    # al guion, como al DV de un NIT nacional, y nunca lo encontraba.
    extranjero = factories.ContribuyenteFactory(
        tipo_documento="NIT_EXTRANJERO",
        numero_documento="RUC-20.512.345",
        digito_verificacion="",
        matricula="ICA-000777",
    )
    nacional = factories.ContribuyenteFactory(
        numero_documento="20512345", matricula="ICA-000778"
    )
    solicitud = borrador(catalogo["novedad"])
    formulario = enviar(
        solicitud, "registro", numero_documento="ruc-20.512.345", matricula="777"
    )
    assert formulario.is_valid(), formulario.errors
    assert formulario.a_datos()["contribuyente_id"] == extranjero.pk
    assert formulario.a_datos()["numero_documento"] == "RUC-20.512.345"
    # Un documento nacional con los mismos dígitos es otro registro.
    formulario = enviar(
        solicitud, "registro", numero_documento="20.512.345", matricula="ICA-000778"
    )
    assert formulario.a_datos()["contribuyente_id"] == nacional.pk
    assert not enviar(
        solicitud, "registro", numero_documento="20.512.345", matricula="ICA-000777"
    ).is_valid()


def test_el_cese_se_radica_solo(catalogo, registrado):
    solicitud = borrador(catalogo["novedad"], datos_novedad(registrado, []))
    formulario = enviar(solicitud, "novedades", tipos=["CESE_ACTIVIDADES", "REGIMEN"])
    assert formulario.errors["tipos"] == [
        "El cese de actividades cancela el registro: radíquelo solo, sin otras "
        "novedades."
    ]


def test_el_valor_nuevo_empieza_igual_al_actual(catalogo, registrado):
    solicitud = borrador(
        catalogo["novedad"],
        datos_novedad(registrado, ["DIRECCION_NOTIFICACION", "NOMBRE_COMERCIAL"]),
    )
    formulario = definicion_de(TipoTramite.NOVEDAD_ICA).formulario("detalle", solicitud)
    grupos = {g.tipo: g for g in formulario.grupos()}
    assert ("Dirección de notificación", "Carrera 50 # 52-14") in grupos[
        "DIRECCION_NOTIFICACION"
    ].actual
    assert formulario["DIRECCION_NOTIFICACION__direccion_notificacion"].value() == (
        "Carrera 50 # 52-14"
    )
    establecimiento = registrado.establecimientos.get()
    # Con un solo establecimiento, ya queda elegido.
    assert formulario["NOMBRE_COMERCIAL__establecimiento_id"].value() == (
        establecimiento.pk
    )


def test_el_detalle_se_guarda_con_actual_y_nuevo(catalogo, registrado):
    establecimiento = registrado.establecimientos.get()
    solicitud = borrador(
        catalogo["novedad"],
        datos_novedad(
            registrado,
            ["DIRECCION_NOTIFICACION", "NOMBRE_COMERCIAL", "ACTIVIDAD_ECONOMICA"],
        ),
    )
    formulario = enviar(
        solicitud,
        "detalle",
        DIRECCION_NOTIFICACION__direccion_notificacion="Calle 49 # 48-20",
        DIRECCION_NOTIFICACION__municipio_notificacion="San Pedro de los Milagros",
        DIRECCION_NOTIFICACION__departamento_notificacion="Antioquia",
        NOMBRE_COMERCIAL__establecimiento_id=str(establecimiento.pk),
        NOMBRE_COMERCIAL__nombre_comercial="Lácteos El Ordeño",
        ACTIVIDAD_ECONOMICA__principal="1040",
        ACTIVIDAD_ECONOMICA__secundarias_0="4711",
    )
    assert formulario.is_valid(), formulario.errors
    assert formulario.a_datos() == {
        "DIRECCION_NOTIFICACION": {
            "actual": {
                "direccion_notificacion": "Carrera 50 # 52-14",
                "municipio_notificacion": "San Pedro de los Milagros",
                "departamento_notificacion": "Antioquia",
            },
            "nuevo": {
                "direccion_notificacion": "Calle 49 # 48-20",
                "municipio_notificacion": "San Pedro de los Milagros",
                "departamento_notificacion": "Antioquia",
            },
        },
        "NOMBRE_COMERCIAL": {
            "actual": {
                "establecimiento_id": establecimiento.pk,
                "nombre_comercial": "Quesera El Ordeño",
            },
            "nuevo": {
                "establecimiento_id": establecimiento.pk,
                "nombre_comercial": "Lácteos El Ordeño",
            },
        },
        "ACTIVIDAD_ECONOMICA": {
            "actual": {"principal": "1040", "secundarias": ["4722"]},
            "nuevo": {"principal": "1040", "secundarias": ["4711"]},
        },
    }
    solicitud.datos["detalle"] = formulario.a_datos()
    adjuntar_obligatorios(solicitud)
    assert definicion_de(TipoTramite.NOVEDAD_ICA).errores(solicitud) == {}
    resumen = dict(definicion_de(TipoTramite.NOVEDAD_ICA).resumen(solicitud))
    assert (
        "Nueva dirección de notificación",
        "Calle 49 # 48-20\n(antes: Carrera 50 # 52-14)",
    ) in resumen["Novedad: Cambio de dirección de notificación"]


def test_un_valor_nuevo_igual_al_registrado_no_es_novedad(catalogo, registrado):
    solicitud = borrador(
        catalogo["novedad"], datos_novedad(registrado, ["RAZON_SOCIAL"])
    )
    formulario = enviar(
        solicitud, "detalle", RAZON_SOCIAL__nombre="lácteos el ordeño s.a.s."
    )
    assert (
        "el valor nuevo es igual al que ya está registrado"
        in formulario.errors["RAZON_SOCIAL__nombre"][0]
    )


def test_correccion_de_identificacion_valida_el_nit(catalogo, registrado):
    solicitud = borrador(
        catalogo["novedad"], datos_novedad(registrado, ["CORRECCION_IDENTIFICACION"])
    )
    formulario = enviar(
        solicitud,
        "detalle",
        CORRECCION_IDENTIFICACION__tipo_documento="NIT",
        CORRECCION_IDENTIFICACION__numero_documento="900123457",
        CORRECCION_IDENTIFICACION__digito_verificacion="1",
    )
    assert (
        "no corresponde a ese NIT"
        in formulario.errors["CORRECCION_IDENTIFICACION__digito_verificacion"][0]
    )


def test_apertura_y_cese_piden_sus_datos_y_soportes(catalogo, registrado):
    solicitud = borrador(
        catalogo["novedad"], datos_novedad(registrado, ["CESE_ACTIVIDADES"])
    )
    formulario = enviar(solicitud, "detalle")
    assert formulario.errors["CESE_ACTIVIDADES__fecha_cese"] == [
        "Escriba la fecha en que cesaron las actividades."
    ]
    nombres = {
        r.nombre
        for r in definicion_de(TipoTramite.NOVEDAD_ICA).requisitos_aplicables(solicitud)
    }
    assert nombres == {"RUT actualizado", "Paz y salvo"}

    apertura = borrador(
        catalogo["novedad"], datos_novedad(registrado, ["APERTURA_ESTABLECIMIENTO"])
    )
    formulario = enviar(
        apertura,
        "detalle",
        APERTURA_ESTABLECIMIENTO__nombre_comercial="Quesera El Ordeño 2",
        APERTURA_ESTABLECIMIENTO__direccion="Vereda Río Chico, finca La Esperanza",
        APERTURA_ESTABLECIMIENTO__zona="RURAL",
        APERTURA_ESTABLECIMIENTO__barrio_vereda="Río Chico",
        APERTURA_ESTABLECIMIENTO__actividad="1040",
        APERTURA_ESTABLECIMIENTO__inicio_actividades="2026-01-10",
        APERTURA_ESTABLECIMIENTO__area_m2="60",
        APERTURA_ESTABLECIMIENTO__empleados="2",
        APERTURA_ESTABLECIMIENTO__avisos_tableros="False",
    )
    assert formulario.is_valid(), formulario.errors
    guardado = formulario.a_datos()["APERTURA_ESTABLECIMIENTO"]
    assert guardado["actual"] == {}
    assert guardado["nuevo"]["area_m2"] == "60.00"
    assert guardado["nuevo"]["zona"] == "RURAL"


def test_cambiar_de_registro_descarta_el_detalle(catalogo, registrado):
    from tramites.services.borradores import guardar_paso

    detalle = {"RAZON_SOCIAL": {"actual": {"nombre": "x"}, "nuevo": {"nombre": "y"}}}
    solicitud = borrador(
        catalogo["novedad"], datos_novedad(registrado, ["RAZON_SOCIAL"], detalle)
    )
    otro = factories.ContribuyenteFactory(matricula="ICA-000555")
    formulario = enviar(
        solicitud,
        "registro",
        numero_documento=otro.numero_documento,
        matricula="ICA-000555",
    )
    guardada = guardar_paso(
        solicitud=solicitud, clave="registro", formulario=formulario
    )
    assert "detalle" not in guardada.datos

    solicitud = borrador(
        catalogo["novedad"],
        datos_novedad(registrado, ["RAZON_SOCIAL", "REGIMEN"], detalle),
    )
    formulario = enviar(solicitud, "novedades", tipos=["REGIMEN"])
    guardada = guardar_paso(
        solicitud=solicitud, clave="novedades", formulario=formulario
    )
    assert guardada.datos["detalle"] == {}
    assert guardada.paso_actual == "detalle"


def test_cada_novedad_sin_cambio_tiene_su_propio_error(catalogo, registrado):
    solicitud = borrador(
        catalogo["novedad"],
        datos_novedad(registrado, ["DIRECCION_NOTIFICACION", "NOMBRE_COMERCIAL"]),
    )
    formulario = definicion_de(TipoTramite.NOVEDAD_ICA).formulario("detalle", solicitud)
    post = {
        nombre: "" if campo.initial is None else str(campo.initial)
        for nombre, campo in formulario.fields.items()
    }
    post.update({k: str(v) for k, v in formulario.initial.items()})
    ligado = definicion_de(TipoTramite.NOVEDAD_ICA).formulario(
        "detalle", solicitud, data=post
    )
    assert not ligado.is_valid()
    assert set(ligado.errors) == {
        "DIRECCION_NOTIFICACION__direccion_notificacion",
        "NOMBRE_COMERCIAL__nombre_comercial",
    }
