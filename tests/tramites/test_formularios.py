"""Los formularios por pasos de los tres trámites: validan en el servidor, guardan
exactamente el formato de docs/DATOS_SOLICITUD.md y vuelven a validar al radicar."""

from datetime import date, timedelta

import pytest

from tests import factories
from tests.tramites.ayudas import datos_horario, datos_inscripcion
from tramites.models import ActividadCIIU, Adjunto, TipoTramite
from tramites.pasos import definicion_de

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def todo_registro_es_del_solicitante(monkeypatch):
    """Estas pruebas son de los pasos del formulario: cada solicitud tramita por
    cualquier registro. Quién tramita por cuál: test_mis_establecimientos.py."""
    from tramites import selectores

    monkeypatch.setattr(selectores, "puede_tramitar", lambda cuenta, pk: True)


def borrador(tramite, datos=None, **extra):
    return factories.SolicitudFactory(tramite=tramite, datos=datos or {}, **extra)


def enviar(solicitud, clave, **cambios):
    """Valida el paso `clave` con lo guardado más `cambios` (como un POST)."""
    definicion = definicion_de(solicitud.tramite.tipo)
    vacio = definicion.formulario(clave, solicitud)
    post = vacio.datos_a_post(solicitud.datos.get(clave) or {})
    prefijo = f"{vacio.prefix}-" if getattr(vacio, "prefix", None) else ""
    for campo, valor in cambios.items():
        post[f"{prefijo}{campo}"] = valor
    formulario = definicion.formulario(clave, solicitud, data=post)
    formulario.is_valid()
    return formulario


def adjuntar_obligatorios(solicitud):
    definicion = definicion_de(solicitud.tramite.tipo)
    for requisito in definicion.documentos_faltantes(solicitud):
        Adjunto.objects.create(
            solicitud=solicitud,
            requisito=requisito,
            archivo="adjuntos/prueba.pdf",
            nombre_original="prueba.pdf",
            tipo_contenido="application/pdf",
            tamano=10,
            sha256="0" * 64,
        )


# --- Inscripción ---------------------------------------------------------------------


def test_inscripcion_completa_solo_pide_los_documentos(catalogo):
    solicitud = borrador(catalogo["inscripcion"], datos_inscripcion())
    definicion = definicion_de(TipoTramite.INSCRIPCION_ICA)
    errores = definicion.errores(solicitud)
    assert set(errores) == {"documentos"}
    assert "Adjunte «RUT»." in errores["documentos"]
    adjuntar_obligatorios(solicitud)
    assert definicion.errores(solicitud) == {}


def test_cada_paso_guardado_vuelve_a_validar_igual(catalogo):
    solicitud = borrador(catalogo["inscripcion"], datos_inscripcion())
    definicion = definicion_de(TipoTramite.INSCRIPCION_ICA)
    for paso in definicion.pasos:
        formulario = definicion.formulario_guardado(paso.clave, solicitud)
        assert formulario.is_valid(), (paso.clave, formulario.errors)
        assert formulario.a_datos() == solicitud.datos[paso.clave]


def test_el_contribuyente_se_guarda_normalizado_en_el_formato_del_contrato(catalogo):
    solicitud = borrador(catalogo["inscripcion"])
    formulario = enviar(
        solicitud,
        "contribuyente",
        naturaleza="PERSONA_NATURAL",
        tipo_documento="CC",
        numero_documento="43.555.111",
        digito_verificacion="9",
        nombre="  María Elena Gómez Uribe ",
        regimen="SIMPLE",
        direccion_notificacion="Calle 49 # 48-20",
        municipio_notificacion="San Pedro de los Milagros",
        departamento_notificacion="Antioquia",
        telefono="",
        celular="+57 310 456 7890",
        correo="Maria.Gomez@Correo.TEST",
    )
    assert formulario.is_valid(), formulario.errors
    assert formulario.a_datos() == {
        "naturaleza": "PERSONA_NATURAL",
        "tipo_documento": "CC",
        "numero_documento": "43555111",
        "digito_verificacion": "",
        "nombre": "María Elena Gómez Uribe",
        "regimen": "SIMPLE",
        "direccion_notificacion": "Calle 49 # 48-20",
        "municipio_notificacion": "San Pedro de los Milagros",
        "departamento_notificacion": "Antioquia",
        "telefono": "",
        "celular": "3104567890",
        "correo": "maria.gomez@correo.test",
        "autoriza_notificacion_electronica": False,
    }


def test_nit_con_dv_equivocado_se_rechaza_junto_al_campo(catalogo):
    solicitud = borrador(catalogo["inscripcion"], datos_inscripcion())
    formulario = enviar(solicitud, "contribuyente", digito_verificacion="3")
    assert formulario.errors["digito_verificacion"] == [
        "El dígito de verificación no corresponde a ese NIT. Revise el número y "
        "el dígito en su RUT."
    ]


def test_una_persona_juridica_se_inscribe_con_nit_de_nueve_digitos(catalogo):
    solicitud = borrador(catalogo["inscripcion"], datos_inscripcion())
    con_cedula = enviar(
        solicitud, "contribuyente", tipo_documento="CC", numero_documento="43555111"
    )
    assert "se inscribe con su NIT" in con_cedula.errors["tipo_documento"][0]
    corto = enviar(
        solicitud, "contribuyente", numero_documento="43555111", digito_verificacion="2"
    )
    assert "9 dígitos" in corto.errors["numero_documento"][0]


def test_un_documento_ya_inscrito_debe_radicar_una_novedad(catalogo):
    factories.ContribuyenteFactory(numero_documento="900123456", matricula="ICA-000777")
    solicitud = borrador(catalogo["inscripcion"], datos_inscripcion())
    formulario = enviar(solicitud, "contribuyente")
    assert "ICA-000777" in formulario.errors["numero_documento"][0]


def test_correo_y_telefonos_invalidos(catalogo):
    solicitud = borrador(catalogo["inscripcion"], datos_inscripcion())
    formulario = enviar(
        solicitud,
        "contribuyente",
        correo="no-es-correo",
        telefono="8687123",
        celular="",
    )
    assert formulario.errors["correo"] == [
        "Escriba un correo electrónico válido, como nombre@ejemplo.com."
    ]
    assert "10 dígitos" in formulario.errors["telefono"][0]
    sin_contacto = enviar(solicitud, "contribuyente", telefono="", celular="")
    assert sin_contacto.errors["celular"] == [
        "Escriba al menos un número de contacto: celular o fijo."
    ]


def test_sin_matricula_mercantil_los_demas_datos_quedan_vacios(catalogo):
    solicitud = borrador(catalogo["inscripcion"], datos_inscripcion())
    formulario = enviar(solicitud, "registro_mercantil", tiene_matricula="False")
    assert formulario.is_valid()
    assert formulario.a_datos() == {
        "tiene_matricula": False,
        "matricula_mercantil": "",
        "fecha_matricula_mercantil": None,
        "camara_comercio": "",
    }
    faltan = enviar(solicitud, "registro_mercantil", matricula_mercantil="")
    assert faltan.errors["matricula_mercantil"] == [
        "Escriba el número de matrícula mercantil."
    ]


def test_ciiu_debe_existir_y_el_texto_sugiere_actividades(catalogo):
    solicitud = borrador(catalogo["inscripcion"], datos_inscripcion())
    inexistente = enviar(solicitud, "actividades", principal="1234")
    assert "1234 no está en el catálogo" in inexistente.errors["principal"][0]
    por_nombre = enviar(solicitud, "actividades", principal="lacteos")
    assert "1040 Elaboración de productos lácteos" in por_nombre.errors["principal"][0]
    desde_la_lista = enviar(
        solicitud,
        "actividades",
        principal="1040 — Elaboración de productos lácteos",
        secundarias_0="4722",
        secundarias_1="4711 — Comercio",
        secundarias_2="4722",
    )
    assert desde_la_lista.is_valid()
    assert desde_la_lista.a_datos() == {
        "principal": "1040",
        "secundarias": ["4722", "4711"],
    }


def test_una_actividad_inactiva_del_catalogo_no_se_acepta(catalogo):
    ActividadCIIU.objects.filter(codigo="4711").update(activa=False)
    solicitud = borrador(catalogo["inscripcion"], datos_inscripcion())
    formulario = enviar(solicitud, "actividades", secundarias_0="4711")
    assert "4711 no está en el catálogo" in formulario.errors["secundarias"][0]


def test_establecimientos_fechas_areas_y_actividad_declarada(catalogo):
    solicitud = borrador(catalogo["inscripcion"], datos_inscripcion())
    manana = (date.today() + timedelta(days=1)).isoformat()
    formulario = enviar(
        solicitud,
        "establecimientos",
        **{
            "0-inicio_actividades": manana,
            "0-area_m2": "-5",
            "0-empleados": "-1",
            "0-actividad": "4711",
        },
    )
    errores = formulario.forms[0].errors
    assert errores["inicio_actividades"] == [
        "La fecha de inicio de actividades no puede ser posterior a hoy."
    ]
    assert errores["area_m2"] == ["El área no puede ser negativa."]
    assert errores["empleados"] == ["El número de empleados no puede ser negativo."]
    assert "no está entre las que declaró" in errores["actividad"][0]


def test_area_con_coma_decimal_y_varios_establecimientos(catalogo):
    solicitud = borrador(catalogo["inscripcion"], datos_inscripcion())
    segundo = {
        "1-nombre_comercial": "Punto de venta parque",
        "1-direccion": "Calle 50 # 49-30",
        "1-zona": "URBANA",
        "1-barrio_vereda": "Centro",
        "1-actividad": "4722",
        "1-inicio_actividades": "2026-01-15",
        "1-area_m2": "45,5",
        "1-empleados": "2",
        "1-avisos_tableros": "False",
    }
    formulario = enviar(
        solicitud, "establecimientos", **{"TOTAL_FORMS": "2", **segundo}
    )
    assert formulario.is_valid(), formulario.errors
    establecimientos = formulario.a_datos()
    assert len(establecimientos) == 2
    assert establecimientos[1]["area_m2"] == "45.50"
    assert establecimientos[1]["avisos_tableros"] is False
    assert "DELETE" not in establecimientos[1]

    quitado = enviar(
        solicitud,
        "establecimientos",
        **{"TOTAL_FORMS": "2", **segundo, "1-DELETE": "on"},
    )
    assert quitado.is_valid() and len(quitado.a_datos()) == 1


def test_al_menos_un_establecimiento(catalogo):
    solicitud = borrador(catalogo["inscripcion"], datos_inscripcion())
    formulario = enviar(solicitud, "establecimientos", TOTAL_FORMS="0")
    assert formulario.non_form_errors() == ["Registre al menos un establecimiento."]


def test_representante_obligatorio_para_persona_juridica_y_no_para_natural(catalogo):
    datos = datos_inscripcion()
    solicitud = borrador(catalogo["inscripcion"], datos)
    sin_representante = enviar(solicitud, "representacion", representante_nombres="")
    assert sin_representante.errors["representante_nombres"] == [
        "Escriba el nombre del representante legal."
    ]

    datos["contribuyente"].update(
        naturaleza="PERSONA_NATURAL",
        tipo_documento="CC",
        numero_documento="43555111",
        digito_verificacion="",
    )
    natural = borrador(catalogo["inscripcion"], datos)
    formulario = enviar(natural, "representacion")
    assert "representante_nombres" not in formulario.fields
    assert formulario.is_valid()
    assert formulario.a_datos()["representante_nombres"] == ""
    assert set(formulario.a_datos()) == set(datos["representacion"])


def test_el_apoderado_pide_sus_datos_y_el_poder(catalogo):
    solicitud = borrador(catalogo["inscripcion"], datos_inscripcion())
    formulario = enviar(solicitud, "representacion", actua_apoderado="True")
    assert formulario.errors["apoderado_nombres"] == [
        "Escriba el nombre del apoderado."
    ]
    datos = datos_inscripcion()
    datos["representacion"].update(
        actua_apoderado=True,
        apoderado_nombres="Julián Zapata",
        apoderado_tipo_documento="CC",
        apoderado_numero_documento="1036123456",
        apoderado_correo="julian@tramitador.test",
    )
    con_apoderado = borrador(catalogo["inscripcion"], datos)
    nombres = {
        r.nombre
        for r in definicion_de(TipoTramite.INSCRIPCION_ICA).requisitos_aplicables(
            con_apoderado
        )
    }
    assert nombres == {
        "RUT",
        "Documento de identidad",
        "Certificado de Cámara de Comercio",
        "Poder",
    }


def test_requisitos_segun_la_naturaleza_y_la_matricula(catalogo):
    datos = datos_inscripcion()
    datos["contribuyente"]["naturaleza"] = "CONSORCIO"
    datos["registro_mercantil"] = {
        "tiene_matricula": False,
        "matricula_mercantil": "",
        "fecha_matricula_mercantil": None,
        "camara_comercio": "",
    }
    solicitud = borrador(catalogo["inscripcion"], datos)
    nombres = {
        r.nombre
        for r in definicion_de(TipoTramite.INSCRIPCION_ICA).requisitos_aplicables(
            solicitud
        )
    }
    assert nombres == {"RUT", "Documento de identidad", "Acuerdo consorcial"}


def test_identificacion_y_resumen_de_la_inscripcion(catalogo):
    solicitud = borrador(catalogo["inscripcion"], datos_inscripcion())
    definicion = definicion_de(TipoTramite.INSCRIPCION_ICA)
    assert definicion.identificacion(solicitud) == (
        "900123456-8",
        "Lácteos El Ordeño S.A.S.",
    )
    resumen = dict(definicion.resumen(solicitud))
    assert ("Documento", "NIT 900.123.456-8") in resumen["Contribuyente"]
    assert ("Celular", "310 456 7890") in resumen["Contribuyente"]
    assert (
        "Actividad principal (CIIU)",
        "1040 — Elaboración de productos lácteos",
    ) in resumen["Actividades económicas"]
    assert ("Área del local (m²)", "120,00 m²") in resumen["Establecimiento 1"]
    assert ("¿Actúa un apoderado?", "No") in resumen["Representación"]


def test_un_paso_sin_guardar_es_un_error_al_radicar(catalogo):
    datos = datos_inscripcion()
    del datos["actividades"]
    solicitud = borrador(catalogo["inscripcion"], datos)
    errores = definicion_de(TipoTramite.INSCRIPCION_ICA).errores(solicitud)
    assert errores["actividades"] == [
        "Falta completar el paso «Actividades económicas»."
    ]


def test_cambiar_la_naturaleza_despues_invalida_la_representacion(catalogo):
    datos = datos_inscripcion()
    datos["contribuyente"].update(
        naturaleza="PERSONA_NATURAL",
        tipo_documento="CC",
        numero_documento="43555111",
        digito_verificacion="",
    )
    datos["representacion"].update(
        representante_nombres="",
        representante_tipo_documento="",
        representante_numero_documento="",
        representante_correo="",
    )
    solicitud = borrador(catalogo["inscripcion"], datos)
    assert "representacion" not in definicion_de(solicitud.tramite.tipo).errores(
        solicitud
    )
    # Luego cambia a persona jurídica sin volver al paso de representación.
    solicitud.datos["contribuyente"].update(
        naturaleza="PERSONA_JURIDICA",
        tipo_documento="NIT",
        numero_documento="900123456",
        digito_verificacion="8",
    )
    errores = definicion_de(solicitud.tramite.tipo).errores(solicitud)
    assert any("representante" in m.lower() for m in errores["representacion"])


# --- Ampliación de horario --------------------------------------------------------------


def test_horario_completo_y_sus_requisitos(catalogo, bar):
    solicitud = borrador(catalogo["horario"], datos_horario(bar))
    definicion = definicion_de(TipoTramite.AMPLIACION_HORARIO)
    errores = definicion.errores(solicitud)
    assert set(errores) == {"documentos"}
    nombres = {r.nombre for r in definicion.requisitos_aplicables(solicitud)}
    assert nombres == {
        "Cédula del solicitante",
        "Póliza de responsabilidad civil",
        "Plano del local",
    }
    adjuntar_obligatorios(solicitud)
    assert definicion.errores(solicitud) == {}
    assert definicion.identificacion(solicitud) == (
        "71222333",
        "Carlos Mario Jaramillo",
    )


def test_el_establecimiento_se_busca_por_matricula_y_documento(catalogo, bar):
    solicitud = borrador(catalogo["horario"], datos_horario(bar))
    formulario = enviar(
        solicitud,
        "establecimiento",
        matricula="ica-000098",
        numero_documento="900.373.913-4",
        establecimiento_id="",
    )
    assert formulario.is_valid(), formulario.errors
    assert formulario.a_datos() == {
        "establecimiento_id": bar.pk,
        "actual": {
            "matricula": "ICA-000098",
            "nombre_comercial": "Bar La Fonda",
            "direccion": "Calle 51 # 50-10",
            "actividad": "5630",
            "aforo": 80,
            "horario_ordinario": "Hasta las 2:00 a. m.",
        },
    }
    equivocado = enviar(solicitud, "establecimiento", numero_documento="900000000")
    assert "No encontramos establecimientos activos" in equivocado.non_field_errors()[0]


def test_el_establecimiento_de_un_nit_de_otro_pais_se_encuentra(catalogo, bar):
    # El NIT de otro país se guarda tal como se escribió, con su guion.
    bar.contribuyente.tipo_documento = "NIT_EXTRANJERO"
    bar.contribuyente.numero_documento = "RUC-20.512.345"
    bar.contribuyente.digito_verificacion = ""
    bar.contribuyente.save()
    solicitud = borrador(catalogo["horario"], datos_horario(bar))
    formulario = enviar(
        solicitud,
        "establecimiento",
        matricula="ICA-000098",
        numero_documento="ruc-20.512.345",
        establecimiento_id="",
    )
    assert formulario.is_valid(), formulario.errors
    assert formulario.a_datos()["establecimiento_id"] == bar.pk


def test_solo_actividades_elegibles_piden_ampliacion(catalogo):
    peluqueria = factories.EstablecimientoFactory(
        actividad=ActividadCIIU.objects.get(codigo="9602"),
        contribuyente__matricula="ICA-000321",
        contribuyente__numero_documento="901234567",
    )
    solicitud = borrador(catalogo["horario"], datos_horario(peluqueria))
    formulario = enviar(solicitud, "establecimiento")
    mensaje = formulario.non_field_errors()[0]
    assert "no está entre las que pueden pedir ampliación de horario" in mensaje
    assert "5630" in mensaje


def test_un_establecimiento_cerrado_no_pide_ampliacion(catalogo, bar):
    bar.activo = False
    bar.save()
    solicitud = borrador(catalogo["horario"], datos_horario(bar))
    assert "establecimiento" in definicion_de(solicitud.tramite.tipo).errores(solicitud)


def test_varios_establecimientos_obligan_a_elegir(catalogo, bar):
    otro = factories.EstablecimientoFactory(
        contribuyente=bar.contribuyente,
        nombre_comercial="Discoteca El Establo",
        actividad=bar.actividad,
    )
    solicitud = borrador(catalogo["horario"], datos_horario(bar))
    formulario = enviar(solicitud, "establecimiento", establecimiento_id="")
    assert formulario.errors["establecimiento_id"] == [
        "Elija en la lista el establecimiento para el que pide la ampliación."
    ]
    elegido = enviar(solicitud, "establecimiento", establecimiento_id=str(otro.pk))
    assert elegido.is_valid() and elegido.a_datos()["establecimiento_id"] == otro.pk


def test_la_ocasional_exige_dias_habiles_de_anticipacion(catalogo, bar):
    solicitud = borrador(catalogo["horario"], datos_horario(bar))
    pronto = (date.today() + timedelta(days=3)).isoformat()
    formulario = enviar(solicitud, "solicitud", fecha_inicio=pronto, fecha_fin=pronto)
    assert (
        "al menos 10 días hábiles de anticipación"
        in formulario.errors["fecha_inicio"][0]
    )
    catalogo["horario"].anticipacion_dias_habiles = 0
    catalogo["horario"].save()
    solicitud.tramite.refresh_from_db()
    assert enviar(
        solicitud, "solicitud", fecha_inicio=pronto, fecha_fin=pronto
    ).is_valid()


def test_fechas_del_evento_por_venir_y_en_orden(catalogo, bar):
    solicitud = borrador(catalogo["horario"], datos_horario(bar))
    hoy = date.today().isoformat()
    formulario = enviar(solicitud, "solicitud", tipo="TEMPORADA", fecha_inicio=hoy)
    assert formulario.errors["fecha_inicio"] == [
        "La fecha de inicio debe ser posterior a hoy."
    ]
    al_reves = enviar(
        solicitud,
        "solicitud",
        tipo="TEMPORADA",
        fecha_inicio=(date.today() + timedelta(days=30)).isoformat(),
        fecha_fin=(date.today() + timedelta(days=20)).isoformat(),
    )
    assert al_reves.errors["fecha_fin"] == [
        "La fecha final no puede ser anterior a la de inicio."
    ]
    permanente = enviar(solicitud, "solicitud", tipo="PERMANENTE", fecha_fin="")
    assert permanente.is_valid()
    assert permanente.a_datos()["fecha_fin"] is None


def test_aforo_y_conteos_no_negativos_ni_mayores_que_el_registrado(catalogo, bar):
    solicitud = borrador(catalogo["horario"], datos_horario(bar))
    formulario = enviar(solicitud, "solicitud", aforo="120", personal_seguridad="-2")
    assert formulario.errors["aforo"] == [
        "El aforo no puede superar el registrado para el establecimiento (80 personas)."
    ]
    assert formulario.errors["personal_seguridad"] == [
        "El personal de seguridad no puede ser negativo."
    ]


def test_la_solicitud_de_horario_se_guarda_como_el_contrato(catalogo, bar):
    datos = datos_horario(bar)
    solicitud = borrador(catalogo["horario"], datos)
    formulario = enviar(solicitud, "solicitud", hora_cierre="4:00")
    assert formulario.is_valid()
    assert formulario.a_datos() == datos["solicitud"]
