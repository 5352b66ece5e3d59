"""El formulario por pasos en el navegador del ciudadano (cliente de pruebas):
guarda cada paso, muestra errores sin perder lo escrito, revisa y radica."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests import factories
from tests.tramites.ayudas import (
    EJECUTABLE,
    JPEG,
    PDF,
    archivo,
    datos_inscripcion,
    texto_pdf,
)
from tramites.models import Actuacion, AvisoPrivacidad, Estado, Solicitud
from tramites.pasos import definicion_de

pytestmark = pytest.mark.django_db

CONTRIBUYENTE = {
    "naturaleza": "PERSONA_NATURAL",
    "tipo_documento": "CC",
    "numero_documento": "43.555.111",
    "digito_verificacion": "",
    "nombre": "María Elena Gómez Uribe",
    "regimen": "SIMPLE",
    "direccion_notificacion": "Calle 49 # 48-20",
    "municipio_notificacion": "San Pedro de los Milagros",
    "departamento_notificacion": "Antioquia",
    "telefono": "",
    "celular": "310 456 7890",
    "correo": "maria.gomez@correo.test",
    "accion": "continuar",
}
REGISTRO_MERCANTIL = {"tiene_matricula": "False", "accion": "continuar"}
ACTIVIDADES = {
    "principal": "4722 — Comercio al por menor de leche",
    "accion": "continuar",
}
ESTABLECIMIENTOS = {
    "establecimientos-TOTAL_FORMS": "1",
    "establecimientos-INITIAL_FORMS": "0",
    "establecimientos-0-nombre_comercial": "Lácteos Doña María",
    "establecimientos-0-direccion": "Carrera 49 # 50-12",
    "establecimientos-0-zona": "URBANA",
    "establecimientos-0-barrio_vereda": "Centro",
    "establecimientos-0-actividad": "4722",
    "establecimientos-0-inicio_actividades": "2025-11-03",
    "establecimientos-0-area_m2": "32,5",
    "establecimientos-0-empleados": "1",
    "establecimientos-0-avisos_tableros": "True",
    "accion": "continuar",
}
REPRESENTACION = {"actua_apoderado": "False", "accion": "continuar"}


def url_paso(solicitud, clave):
    return reverse("tramites:paso", args=[solicitud.pk, clave])


@pytest.fixture
def cliente(client, ciudadano):
    client.force_login(ciudadano)
    return client


def iniciar(cliente, tramite):
    respuesta = cliente.post(reverse("tramites:iniciar", args=[tramite.slug]))
    solicitud = Solicitud.objects.latest("pk")
    assert respuesta.status_code == 302
    return solicitud, respuesta


def llenar_inscripcion(cliente, solicitud):
    for clave, datos in (
        ("contribuyente", CONTRIBUYENTE),
        ("registro_mercantil", REGISTRO_MERCANTIL),
        ("actividades", ACTIVIDADES),
        ("establecimientos", ESTABLECIMIENTOS),
        ("representacion", REPRESENTACION),
    ):
        respuesta = cliente.post(url_paso(solicitud, clave), datos)
        assert respuesta.status_code == 302, (clave, respuesta.content.decode()[:3000])


def subir_documentos(cliente, solicitud, catalogo):
    requisitos = catalogo["requisitos"]
    return cliente.post(
        reverse("tramites:documentos", args=[solicitud.pk]),
        {
            f"requisito_{requisitos['rut'].pk}": archivo("rut.pdf"),
            f"requisito_{requisitos['cedula'].pk}": archivo("cedula.pdf"),
            "accion": "continuar",
        },
    )


def test_un_ciudadano_radica_una_inscripcion_de_principio_a_fin(
    cliente, ciudadano, catalogo, django_capture_on_commit_callbacks
):
    ficha = catalogo["inscripcion"]
    assert (
        cliente.get(reverse("tramites:iniciar", args=[ficha.slug])).status_code == 200
    )
    solicitud, respuesta = iniciar(cliente, ficha)
    assert respuesta.url == url_paso(solicitud, "contribuyente")
    pagina = cliente.get(respuesta.url).content.decode()
    # El nombre y el correo de la cuenta vienen sugeridos.
    assert 'value="maria.gomez@correo.test"' in pagina

    llenar_inscripcion(cliente, solicitud)
    solicitud.refresh_from_db()
    assert solicitud.datos["contribuyente"]["numero_documento"] == "43555111"
    assert solicitud.datos["establecimientos"][0]["area_m2"] == "32.50"
    assert solicitud.paso_actual == "documentos"

    respuesta = subir_documentos(cliente, solicitud, catalogo)
    assert respuesta.status_code == 302
    assert respuesta.url == reverse("tramites:revision", args=[solicitud.pk])

    revision = cliente.get(respuesta.url)
    html = revision.content.decode()
    assert "Revise su solicitud" in html
    assert "Cambiar" in html and "C.C. 43.555.111" in html
    assert "Versión 2026-1" in html
    assert "¿Cómo se enteró de este trámite en línea?" in html

    aviso = AvisoPrivacidad.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = cliente.post(
            revision.request["PATH_INFO"],
            {"aviso": aviso.pk, "acepta_aviso": "on", "como_se_entero": "EMISORA"},
        )
    assert respuesta.status_code == 302
    assert respuesta.url == reverse("tramites:confirmacion", args=[solicitud.pk])
    solicitud.refresh_from_db()
    assert solicitud.estado == Estado.RADICADO
    assert re.fullmatch(r"ICA-\d{4}-000001", solicitud.radicado)
    assert solicitud.aviso_privacidad == aviso and solicitud.aviso_aceptado_en
    assert solicitud.como_se_entero == "EMISORA"
    assert (solicitud.documento, solicitud.nombre_solicitante) == (
        "43555111",
        "María Elena Gómez Uribe",
    )

    confirmacion = cliente.get(respuesta.url).content.decode()
    assert solicitud.radicado in confirmacion
    assert solicitud.vence_el.strftime("%Y") in confirmacion
    assert reverse("tramites:constancia", args=[solicitud.pk]) in confirmacion
    assert reverse("tramites:solicitud", args=[solicitud.pk]) in confirmacion

    assert len(mail.outbox) == 1
    constancia = cliente.get(reverse("tramites:constancia", args=[solicitud.pk]))
    texto = texto_pdf(b"".join(constancia.streaming_content))
    assert solicitud.radicado in texto
    assert "Lácteos Doña María" in texto
    assert "rut.pdf" in texto


def test_un_error_se_muestra_junto_al_campo_y_en_el_resumen_sin_perder_valores(
    cliente, catalogo
):
    solicitud, _ = iniciar(cliente, catalogo["inscripcion"])
    respuesta = cliente.post(
        url_paso(solicitud, "contribuyente"),
        {
            **CONTRIBUYENTE,
            "tipo_documento": "NIT",
            "numero_documento": "800197268",
            "digito_verificacion": "5",
            "celular": "2104567890",
        },
    )
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "<title>Error: " in html
    assert 'id="resumen-errores"' in html
    mensaje = "El dígito de verificación no corresponde a ese NIT."
    assert html.count(mensaje) == 2  # en el resumen y junto al campo
    assert 'href="#id_digito_verificacion"' in html
    assert 'value="800197268"' in html and 'value="2104567890"' in html
    assert 'value="Calle 49 # 48-20"' in html
    solicitud.refresh_from_db()
    assert "contribuyente" not in solicitud.datos


def test_guardar_y_salir_deja_el_borrador_en_mis_tramites(cliente, catalogo):
    solicitud, _ = iniciar(cliente, catalogo["inscripcion"])
    respuesta = cliente.post(
        url_paso(solicitud, "contribuyente"), {**CONTRIBUYENTE, "accion": "salir"}
    )
    assert respuesta.url == reverse("tramites:mis_tramites")
    html = cliente.get(respuesta.url).content.decode()
    assert "Borradores" in html
    assert url_paso(solicitud, "registro_mercantil") in html


def test_mas_tarde_guarda_dos_establecimientos_a_medias_tal_cual(
    cliente, ciudadano, catalogo
):
    datos = datos_inscripcion()
    del datos["establecimientos"], datos["representacion"]
    solicitud = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"],
        solicitante=ciudadano,
        datos=datos,
        paso_actual="establecimientos",
    )
    url = url_paso(solicitud, "establecimientos")
    a_medias = {
        **ESTABLECIMIENTOS,
        "establecimientos-TOTAL_FORMS": "2",
        # El segundo: solo el nombre y una dirección en minúsculas, sin zona.
        "establecimientos-1-nombre_comercial": "Quesería El Páramo",
        "establecimientos-1-direccion": "vereda la lana, finca el recreo",
        "establecimientos-0-area_m2": "treinta",  # no es un número
        "accion": "salir",
    }
    respuesta = cliente.post(url, a_medias)
    assert respuesta.url == reverse("tramites:mis_tramites")
    mensajes = cliente.get(respuesta.url).content.decode()
    assert "quedó sin terminar" in mensajes

    solicitud.refresh_from_db()
    assert "establecimientos" not in solicitud.datos  # no se validó
    assert "establecimientos" in solicitud.a_medias

    # Al volver está todo lo escrito, con lo que falta señalado.
    html = cliente.get(url).content.decode()
    for valor in (
        "Lácteos Doña María",
        "Quesería El Páramo",
        "vereda la lana, finca el recreo",
        'value="treinta"',
    ):
        assert valor in html
    assert "Este paso quedó sin terminar" in html
    assert 'id="resumen-errores"' in html

    # El paso sigue pendiente: no se sigue ni se radica con él así.
    siguiente = cliente.get(url_paso(solicitud, "representacion"))
    assert siguiente.url == url
    assert "establecimientos" in definicion_de(solicitud.tramite.tipo).errores(
        solicitud
    )

    # «Guardar y continuar» con todo bien lo termina y borra lo escrito a medias.
    respuesta = cliente.post(url, ESTABLECIMIENTOS)
    assert respuesta.url == url_paso(solicitud, "representacion")
    solicitud.refresh_from_db()
    assert solicitud.a_medias == {}
    assert solicitud.datos["establecimientos"][0]["nombre_comercial"] == (
        "Lácteos Doña María"
    )


def test_mas_tarde_sobre_un_paso_ya_valido_lo_deja_pendiente(cliente, catalogo):
    solicitud, _ = iniciar(cliente, catalogo["inscripcion"])
    url = url_paso(solicitud, "contribuyente")
    cliente.post(url, CONTRIBUYENTE)
    cliente.post(url, {**CONTRIBUYENTE, "correo": "maria@", "accion": "salir"})
    solicitud.refresh_from_db()
    assert solicitud.datos["contribuyente"]["correo"] == "maria.gomez@correo.test"
    assert 'value="maria@"' in cliente.get(url).content.decode()
    assert cliente.get(url_paso(solicitud, "actividades")).url == url


def test_no_se_puede_saltar_un_paso(cliente, catalogo):
    solicitud, _ = iniciar(cliente, catalogo["inscripcion"])
    respuesta = cliente.get(url_paso(solicitud, "actividades"))
    assert respuesta.url == url_paso(solicitud, "contribuyente")
    respuesta = cliente.get(reverse("tramites:revision", args=[solicitud.pk]))
    assert respuesta.url == url_paso(solicitud, "contribuyente")


def test_agregar_otro_establecimiento_sin_mostrar_errores(cliente, ciudadano, catalogo):
    datos = datos_inscripcion()
    del datos["establecimientos"], datos["representacion"]
    solicitud = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"], solicitante=ciudadano, datos=datos
    )
    respuesta = cliente.post(
        url_paso(solicitud, "establecimientos"), {**ESTABLECIMIENTOS, "agregar": "1"}
    )
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Establecimiento 2" in html
    assert 'value="Lácteos Doña María"' in html
    assert 'id="resumen-errores"' not in html


def test_cambiar_desde_la_revision_vuelve_a_la_revision(cliente, ciudadano, catalogo):
    solicitud = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"],
        solicitante=ciudadano,
        datos=datos_inscripcion(),
    )
    revision = cliente.get(reverse("tramites:revision", args=[solicitud.pk]))
    enlace = url_paso(solicitud, "actividades") + "?volver=revision"
    assert enlace in revision.content.decode()
    respuesta = cliente.post(
        enlace,
        {"principal": "1040", "secundarias_0": "4711", "accion": "continuar"},
    )
    assert respuesta.url == reverse("tramites:revision", args=[solicitud.pk])


def test_radicar_con_datos_incompletos_lleva_al_paso_con_errores(
    cliente, ciudadano, catalogo
):
    datos = datos_inscripcion()
    datos["representacion"]["representante_nombres"] = ""
    solicitud = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"], solicitante=ciudadano, datos=datos
    )
    respuesta = cliente.post(
        reverse("tramites:revision", args=[solicitud.pk]),
        {
            "aviso": AvisoPrivacidad.objects.get().pk,
            "acepta_aviso": "on",
            "como_se_entero": "AFICHE",
        },
    )
    assert respuesta.url == url_paso(solicitud, "representacion") + "?verificar=1"
    html = cliente.get(respuesta.url).content.decode()
    assert "Escriba el nombre del representante legal." in html
    assert "<title>Error: " in html
    solicitud.refresh_from_db()
    assert solicitud.estado == Estado.BORRADOR and solicitud.radicado is None


def test_radicar_sin_documentos_lleva_a_los_documentos(cliente, ciudadano, catalogo):
    solicitud = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"],
        solicitante=ciudadano,
        datos=datos_inscripcion(),
    )
    respuesta = cliente.post(
        reverse("tramites:revision", args=[solicitud.pk]),
        {
            "aviso": AvisoPrivacidad.objects.get().pk,
            "acepta_aviso": "on",
            "como_se_entero": "AFICHE",
        },
    )
    assert respuesta.url == reverse("tramites:documentos", args=[solicitud.pk]) + (
        "?verificar=1"
    )
    html = cliente.get(respuesta.url).content.decode()
    assert "Adjunte «RUT»." in html


def test_radicar_exige_el_aviso_y_como_se_entero(cliente, ciudadano, catalogo):
    solicitud = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"],
        solicitante=ciudadano,
        datos=datos_inscripcion(),
    )
    respuesta = cliente.post(
        reverse("tramites:revision", args=[solicitud.pk]),
        {"aviso": AvisoPrivacidad.objects.get().pk},
    )
    html = respuesta.content.decode()
    assert respuesta.status_code == 200 and "<title>Error: " in html
    assert "Marque la casilla para declarar que leyó el aviso" in html
    assert "Cuéntenos cómo se enteró de este trámite en línea." in html


def test_un_aviso_nuevo_durante_la_revision_obliga_a_leerlo(
    cliente, ciudadano, catalogo
):
    from django.utils import timezone

    solicitud = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"],
        solicitante=ciudadano,
        datos=datos_inscripcion(),
    )
    viejo = AvisoPrivacidad.objects.get()
    AvisoPrivacidad.objects.create(
        version="2026-2",
        texto="Aviso actualizado.",
        vigente_desde=timezone.now(),
    )
    respuesta = cliente.post(
        reverse("tramites:revision", args=[solicitud.pk]),
        {"aviso": viejo.pk, "acepta_aviso": "on", "como_se_entero": "OTRO"},
    )
    assert "El aviso de privacidad se actualizó" in respuesta.content.decode()


def test_una_solicitud_radicada_ya_no_se_edita_ni_se_radica_de_nuevo(
    cliente, ciudadano, catalogo
):
    solicitud = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"], solicitante=ciudadano, radicada=True
    )
    for url in (
        url_paso(solicitud, "contribuyente"),
        reverse("tramites:documentos", args=[solicitud.pk]),
        reverse("tramites:revision", args=[solicitud.pk]),
    ):
        respuesta = cliente.post(url, {"accion": "continuar"})
        assert respuesta.url == reverse("tramites:solicitud", args=[solicitud.pk])
    assert not Actuacion.objects.exists()


def test_la_ampliacion_de_horario_radica_con_origen_de_la_campana(
    client, ciudadano, catalogo, bar, django_capture_on_commit_callbacks
):
    from datetime import date, timedelta

    client.get("/tramites/?origen=Cuña Emisora Mayo")
    client.force_login(ciudadano)
    solicitud, _ = iniciar(client, catalogo["horario"])
    evento = date.today() + timedelta(days=45)
    pasos = {
        "solicitante": {
            "tipo_documento": "CC",
            "numero_documento": "71222333",
            "nombre": "Carlos Mario Jaramillo",
            "calidad": "ADMINISTRADOR",
            "telefono": "300 123 4567",
            "correo": "carlos@bar.test",
        },
        "establecimiento": {"matricula": "ICA-000098", "numero_documento": "900373913"},
        "solicitud": {
            "tipo": "OCASIONAL",
            "fecha_inicio": evento.isoformat(),
            "fecha_fin": evento.isoformat(),
            "hora_cierre": "03:00",
            "motivo": "Concierto de música parrandera",
            "actividades": ["MUSICA_EN_VIVO"],
            "aforo": "70",
            "personal_seguridad": "3",
            "medidas_seguridad": "Control de ingreso.",
        },
    }
    for clave, datos in pasos.items():
        respuesta = client.post(
            url_paso(solicitud, clave), {**datos, "accion": "continuar"}
        )
        assert respuesta.status_code == 302, respuesta.content.decode()[:2000]
    requisitos = catalogo["requisitos"]
    client.post(
        reverse("tramites:documentos", args=[solicitud.pk]),
        {
            f"requisito_{requisitos['cedula_horario'].pk}": archivo(
                "cedula.jpg", JPEG, "image/jpeg"
            ),
            f"requisito_{requisitos['poliza'].pk}": archivo("poliza.pdf"),
            "accion": "continuar",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("tramites:revision", args=[solicitud.pk]),
            {
                "aviso": AvisoPrivacidad.objects.get().pk,
                "acepta_aviso": "on",
                "como_se_entero": "EMISORA",
            },
        )
    solicitud.refresh_from_db()
    assert solicitud.radicado.startswith("HOR-")
    assert solicitud.origen == "cu-a-emisora-mayo"
    assert solicitud.datos["establecimiento"]["establecimiento_id"] == bar.pk


def test_un_ejecutable_renombrado_se_rechaza_en_la_pagina(cliente, ciudadano, catalogo):
    solicitud = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"],
        solicitante=ciudadano,
        datos=datos_inscripcion(),
    )
    rut = catalogo["requisitos"]["rut"]
    respuesta = cliente.post(
        reverse("tramites:documentos", args=[solicitud.pk]),
        {f"requisito_{rut.pk}": archivo("rut.pdf", EJECUTABLE), "accion": "subir"},
    )
    html = respuesta.content.decode()
    assert respuesta.status_code == 200 and "<title>Error: " in html
    assert html.count("El archivo «rut.pdf» no es un PDF, JPG o PNG.") == 2
    assert not solicitud.adjuntos.exists()


def test_quitar_un_documento_del_borrador(cliente, ciudadano, catalogo):
    solicitud = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"],
        solicitante=ciudadano,
        datos=datos_inscripcion(),
    )
    rut = catalogo["requisitos"]["rut"]
    url = reverse("tramites:documentos", args=[solicitud.pk])
    cliente.post(
        url, {f"requisito_{rut.pk}": archivo("rut.pdf", PDF), "accion": "subir"}
    )
    adjunto = solicitud.adjuntos.get()
    respuesta = cliente.post(url, {"quitar": adjunto.pk})
    assert respuesta.status_code == 302
    assert not solicitud.adjuntos.exists()


@pytest.mark.parametrize(
    "valor", ["abc", "\x00", "1e3", "-1", "99999999999999999999999"]
)
def test_quitar_algo_que_no_es_un_id_no_da_500(cliente, ciudadano, catalogo, valor):
    solicitud = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"],
        solicitante=ciudadano,
        datos=datos_inscripcion(),
    )
    url = reverse("tramites:documentos", args=[solicitud.pk])
    assert cliente.post(url, {"quitar": valor}).status_code == 404


def test_descartar_un_borrador(cliente, ciudadano, catalogo):
    solicitud = factories.SolicitudFactory(
        tramite=catalogo["inscripcion"], solicitante=ciudadano
    )
    url = reverse("tramites:descartar", args=[solicitud.pk])
    assert cliente.get(url).status_code == 200
    assert cliente.post(url).status_code == 302
    assert not Solicitud.objects.filter(pk=solicitud.pk).exists()


@pytest.mark.parametrize("tramite", ["inscripcion", "novedad", "horario"])
def test_ningun_paso_da_error_500_con_datos_vacios_o_basura(
    cliente, ciudadano, catalogo, bar, tramite
):
    from tramites.pasos import definicion_de

    solicitud = factories.SolicitudFactory(
        tramite=catalogo[tramite], solicitante=ciudadano
    )
    definicion = definicion_de(solicitud.tramite.tipo)
    basura = {
        "tipos": ["NO_EXISTE"],
        "fecha_hecho": "31/02/2026",
        "numero_documento": "<script>",
        "matricula": "' OR 1=1 --",
        "establecimientos-TOTAL_FORMS": "x",
        "establecimiento_id": "9999999",
        "aforo": "-1e9",
        "hora_cierre": "25:99",
        "principal": "0000",
    }
    for paso in definicion.pasos:
        # Se guarda algo en el paso anterior para poder llegar a este.
        for datos in ({}, basura):
            respuesta = cliente.post(url_paso(solicitud, paso.clave), datos)
            assert respuesta.status_code in (200, 302), (
                paso.clave,
                respuesta.status_code,
            )
        solicitud.datos[paso.clave] = {}
        solicitud.save()
    respuesta = cliente.get(reverse("tramites:revision", args=[solicitud.pk]))
    assert respuesta.status_code == 200
