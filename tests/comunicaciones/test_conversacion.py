"""Conversación en vivo: en el horario en línea y con un funcionario de turno el
ciudadano conversa; si no, su mensaje se radica como pregunta. Cada quien ve
solo su conversación."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from comunicaciones.excepciones import MensajeInvalido
from comunicaciones.models import (
    CanalPregunta,
    Conversacion,
    EstadoConversacion,
    HorarioAsesoria,
    Modalidad,
    PreguntaCiudadana,
)
from comunicaciones.services import conversacion as servicio
from sanpedro_gel.excepciones import ConflictoDeEstado

pytestmark = pytest.mark.django_db

BOGOTA = ZoneInfo("America/Bogota")
# Lunes 7 de diciembre de 2026: la migración deja el horario en línea de lunes,
# miércoles y viernes de 2:00 a 5:00 p. m.
LUNES_EN_HORARIO = datetime(2026, 12, 7, 15, 0, tzinfo=BOGOTA)
LUNES_EN_LA_MANANA = datetime(2026, 12, 7, 10, 30, tzinfo=BOGOTA)
MARTES_EN_LA_TARDE = datetime(2026, 12, 8, 15, 0, tzinfo=BOGOTA)


@pytest.fixture
def siempre_en_linea(db):
    """Horario en línea todo el día, todos los días: las vistas usan la hora real."""
    HorarioAsesoria.objects.filter(modalidad=Modalidad.EN_LINEA).delete()
    for dia in range(7):
        HorarioAsesoria.objects.create(
            modalidad=Modalidad.EN_LINEA,
            dia=dia,
            desde=time(0, 0),
            hasta=time(23, 59, 59),
        )


@pytest.fixture
def nunca_en_linea(db):
    HorarioAsesoria.objects.filter(modalidad=Modalidad.EN_LINEA).delete()


# --- Servicio -----------------------------------------------------------------------


def test_el_horario_en_linea_se_cuenta_en_hora_de_bogota(db):
    assert servicio.en_horario(LUNES_EN_HORARIO)
    assert not servicio.en_horario(LUNES_EN_LA_MANANA)
    assert not servicio.en_horario(MARTES_EN_LA_TARDE)
    # Las 20:00 en UTC del lunes son las 3:00 p. m. en Bogotá.
    assert servicio.en_horario(datetime(2026, 12, 7, 20, 0, tzinfo=ZoneInfo("UTC")))
    HorarioAsesoria.objects.filter(modalidad=Modalidad.EN_LINEA).update(activo=False)
    assert not servicio.en_horario(LUNES_EN_HORARIO)


def test_solo_quien_responde_preguntas_puede_estar_de_turno(
    revisor_hacienda, funcionario_sin_permisos, ciudadano
):
    with pytest.raises(ConflictoDeEstado):
        servicio.marcar_turno(funcionario=funcionario_sin_permisos)
    with pytest.raises(ConflictoDeEstado):
        servicio.marcar_turno(funcionario=ciudadano)
    assert not servicio.hay_de_turno(LUNES_EN_HORARIO)
    servicio.marcar_turno(funcionario=revisor_hacienda, ahora=LUNES_EN_HORARIO)
    servicio.marcar_turno(funcionario=revisor_hacienda, ahora=LUNES_EN_HORARIO)
    assert servicio.hay_de_turno(LUNES_EN_HORARIO)


def test_el_turno_vence_si_el_funcionario_deja_de_dar_senales(revisor_hacienda):
    servicio.marcar_turno(funcionario=revisor_hacienda, ahora=LUNES_EN_HORARIO)
    despues = LUNES_EN_HORARIO + timedelta(minutes=servicio.MINUTOS_DE_TURNO + 1)
    assert not servicio.hay_de_turno(despues)
    # Renovar solo renueva a quien ya estaba de turno.
    assert not servicio.renovar_turno(funcionario=revisor_hacienda, ahora=despues)
    servicio.marcar_turno(funcionario=revisor_hacienda, ahora=despues)
    mas_tarde = despues + timedelta(minutes=servicio.MINUTOS_DE_TURNO - 1)
    assert servicio.renovar_turno(funcionario=revisor_hacienda, ahora=mas_tarde)
    assert servicio.hay_de_turno(mas_tarde + timedelta(minutes=2))
    servicio.dejar_turno(funcionario=revisor_hacienda)
    assert not servicio.hay_de_turno(mas_tarde)
    assert not servicio.renovar_turno(funcionario=revisor_hacienda, ahora=mas_tarde)


def test_sin_nadie_de_turno_el_mensaje_se_radica_como_pregunta(ciudadano):
    escrito = servicio.escribir(
        ciudadano=ciudadano,
        texto="¿Qué necesito para inscribir mi tienda?",
        ahora=LUNES_EN_HORARIO,
    )
    assert escrito.conversacion is None
    pregunta = escrito.pregunta
    assert pregunta.canal == CanalPregunta.CONVERSACION
    assert pregunta.radicado.startswith("PET-2026-")
    assert pregunta.ciudadano == ciudadano
    assert pregunta.texto == "¿Qué necesito para inscribir mi tienda?"
    assert pregunta.vence_el is not None
    assert not Conversacion.objects.exists()


def test_fuera_de_horario_es_pregunta_aunque_haya_alguien_de_turno(
    ciudadano, revisor_hacienda
):
    servicio.marcar_turno(funcionario=revisor_hacienda, ahora=LUNES_EN_LA_MANANA)
    escrito = servicio.escribir(
        ciudadano=ciudadano, texto="Hola, una duda.", ahora=LUNES_EN_LA_MANANA
    )
    assert escrito.pregunta is not None and escrito.conversacion is None


def test_con_alguien_de_turno_conversan_y_todo_queda_guardado(
    ciudadano, revisor_hacienda
):
    servicio.marcar_turno(funcionario=revisor_hacienda, ahora=LUNES_EN_HORARIO)
    primero = servicio.escribir(
        ciudadano=ciudadano, texto="Buenas tardes", ahora=LUNES_EN_HORARIO
    )
    assert primero.pregunta is None
    conversacion = primero.conversacion
    assert conversacion.estado == EstadoConversacion.ABIERTA
    segundo = servicio.escribir(
        ciudadano=ciudadano, texto="¿Me ayuda?", ahora=LUNES_EN_HORARIO
    )
    assert segundo.conversacion == conversacion
    assert servicio.esperando_respuesta().get() == conversacion

    respuesta = servicio.responder(
        conversacion_id=conversacion.pk,
        funcionario=revisor_hacienda,
        texto="Con gusto. ¿Qué trámite?",
    )
    assert respuesta.de_la_alcaldia
    conversacion.refresh_from_db()
    assert conversacion.atendida_por == revisor_hacienda
    assert not servicio.esperando_respuesta().exists()
    nuevos = servicio.mensajes_despues(
        conversacion=conversacion, despues=segundo.mensaje.pk
    )
    assert [m.texto for m in nuevos] == ["Con gusto. ¿Qué trámite?"]

    servicio.cerrar(conversacion_id=conversacion.pk, actor=revisor_hacienda)
    conversacion.refresh_from_db()
    assert conversacion.estado == EstadoConversacion.CERRADA
    assert conversacion.mensajes.count() == 3
    with pytest.raises(ConflictoDeEstado):
        servicio.responder(
            conversacion_id=conversacion.pk, funcionario=revisor_hacienda, texto="Más"
        )
    # Una nueva conversación, no la cerrada.
    otra = servicio.escribir(ciudadano=ciudadano, texto="Otra", ahora=LUNES_EN_HORARIO)
    assert otra.conversacion != conversacion


def test_quien_no_responde_preguntas_no_contesta_conversaciones(
    ciudadano, revisor_hacienda, funcionario_sin_permisos
):
    servicio.marcar_turno(funcionario=revisor_hacienda, ahora=LUNES_EN_HORARIO)
    escrito = servicio.escribir(
        ciudadano=ciudadano, texto="Hola", ahora=LUNES_EN_HORARIO
    )
    with pytest.raises(ConflictoDeEstado):
        servicio.responder(
            conversacion_id=escrito.conversacion.pk,
            funcionario=funcionario_sin_permisos,
            texto="Hola",
        )
    with pytest.raises(ConflictoDeEstado):
        servicio.cerrar(
            conversacion_id=escrito.conversacion.pk, actor=funcionario_sin_permisos
        )
    with pytest.raises(ConflictoDeEstado):
        servicio.convertir_en_pregunta(
            conversacion_id=escrito.conversacion.pk,
            funcionario=funcionario_sin_permisos,
        )
    escrito.conversacion.refresh_from_db()
    assert escrito.conversacion.abierta


def test_mensajes_vacios_o_largos_se_rechazan(ciudadano, revisor_hacienda):
    servicio.marcar_turno(funcionario=revisor_hacienda, ahora=LUNES_EN_HORARIO)
    for texto in ("   ", "x" * (servicio.LARGO_MENSAJE + 1)):
        with pytest.raises(MensajeInvalido):
            servicio.escribir(ciudadano=ciudadano, texto=texto, ahora=LUNES_EN_HORARIO)
    assert not Conversacion.objects.exists()
    assert not PreguntaCiudadana.objects.exists()


def test_la_conversacion_se_convierte_en_pregunta_una_sola_vez(
    ciudadano, revisor_hacienda
):
    servicio.marcar_turno(funcionario=revisor_hacienda, ahora=LUNES_EN_HORARIO)
    escrito = servicio.escribir(
        ciudadano=ciudadano,
        texto="Quiero un concepto sobre mi caso",
        ahora=LUNES_EN_HORARIO,
    )
    servicio.responder(
        conversacion_id=escrito.conversacion.pk,
        funcionario=revisor_hacienda,
        texto="Eso necesita respuesta formal.",
    )
    pregunta = servicio.convertir_en_pregunta(
        conversacion_id=escrito.conversacion.pk,
        funcionario=revisor_hacienda,
        ahora=LUNES_EN_HORARIO,
    )
    assert pregunta.canal == CanalPregunta.CONVERSACION
    assert pregunta.ciudadano == ciudadano
    assert "Quiero un concepto sobre mi caso" in pregunta.texto
    assert "Eso necesita respuesta formal." in pregunta.texto
    conversacion = Conversacion.objects.get()
    assert conversacion.pregunta == pregunta
    assert conversacion.estado == EstadoConversacion.CERRADA
    aviso = conversacion.mensajes.last()
    assert aviso.de_la_alcaldia and pregunta.radicado in aviso.texto

    otra_vez = servicio.convertir_en_pregunta(
        conversacion_id=conversacion.pk, funcionario=revisor_hacienda
    )
    assert otra_vez == pregunta
    assert PreguntaCiudadana.objects.count() == 1


# --- Vistas del ciudadano -------------------------------------------------------------


def _abrir(client, ciudadano, revisor, texto="Buenas tardes, una duda"):
    servicio.marcar_turno(funcionario=revisor)
    client.force_login(ciudadano)
    respuesta = client.post(reverse("comunicaciones:conversar"), {"texto": texto})
    conversacion = Conversacion.objects.get(ciudadano=ciudadano)
    assert respuesta.status_code == 302
    assert respuesta.url == reverse(
        "comunicaciones:conversacion", args=[conversacion.pk]
    )
    return conversacion


def test_la_pagina_de_asesoria_ofrece_hablar_con_un_funcionario(
    client, ciudadano, revisor_hacienda, siempre_en_linea
):
    client.force_login(ciudadano)
    html = client.get(reverse("comunicaciones:asesoria")).content.decode()
    assert "Ahora no hay funcionarios en línea" in html
    servicio.marcar_turno(funcionario=revisor_hacienda)
    html = client.get(reverse("comunicaciones:asesoria")).content.decode()
    assert "Hablar ahora con un funcionario" in html
    assert reverse("comunicaciones:conversar") in html


def test_el_ciudadano_conversa_y_el_sondeo_trae_solo_lo_nuevo(
    client, ciudadano, revisor_hacienda, siempre_en_linea
):
    conversacion = _abrir(client, ciudadano, revisor_hacienda)
    pagina = client.get(reverse("comunicaciones:conversacion", args=[conversacion.pk]))
    html = pagina.content.decode()
    assert "Buenas tardes, una duda" in html
    assert "conversacion.js" in html and "Ver mensajes nuevos" in html
    primero = conversacion.mensajes.get()

    url = reverse("comunicaciones:conversacion_mensajes", args=[conversacion.pk])
    datos = client.get(url, {"despues": primero.pk}).json()
    assert datos["mensajes"] == [] and datos["abierta"]
    servicio.responder(
        conversacion_id=conversacion.pk,
        funcionario=revisor_hacienda,
        texto="<b>Hola</b> https://ejemplo.test",
    )
    datos = client.get(url, {"despues": primero.pk}).json()
    assert [m["texto"] for m in datos["mensajes"]] == [
        "<b>Hola</b> https://ejemplo.test"
    ]
    assert datos["mensajes"][0]["de_la_alcaldia"] is True
    todos = client.get(url).json()
    assert len(todos["mensajes"]) == 2
    # En la página, como texto: ni etiquetas ni enlaces.
    html = client.get(
        reverse("comunicaciones:conversacion", args=[conversacion.pk])
    ).content.decode()
    assert "&lt;b&gt;Hola&lt;/b&gt;" in html
    assert '<a href="https://ejemplo.test' not in html

    # Escribir desde la página de la conversación.
    client.post(
        reverse("comunicaciones:conversacion", args=[conversacion.pk]),
        {"texto": "Gracias"},
    )
    assert conversacion.mensajes.last().texto == "Gracias"


def test_la_conversacion_de_otro_ciudadano_da_404(
    client, ciudadano, otro_ciudadano, revisor_hacienda, siempre_en_linea
):
    conversacion = _abrir(client, ciudadano, revisor_hacienda)
    client.force_login(otro_ciudadano)
    for nombre in (
        "comunicaciones:conversacion",
        "comunicaciones:conversacion_mensajes",
    ):
        url = reverse(nombre, args=[conversacion.pk])
        assert client.get(url).status_code == 404
    respuesta = client.post(
        reverse("comunicaciones:conversacion", args=[conversacion.pk]),
        {"texto": "Me meto"},
    )
    assert respuesta.status_code == 404
    assert conversacion.mensajes.count() == 1
    client.logout()
    url = reverse("comunicaciones:conversacion_mensajes", args=[conversacion.pk])
    assert client.get(url).status_code in (302, 403)


def test_fuera_de_horario_la_caja_radica_una_pregunta(
    client, ciudadano, revisor_hacienda, nunca_en_linea
):
    servicio.marcar_turno(funcionario=revisor_hacienda)
    client.force_login(ciudadano)
    html = client.get(reverse("comunicaciones:asesoria")).content.decode()
    assert "Ahora no hay funcionarios en línea" in html
    respuesta = client.post(
        reverse("comunicaciones:conversar"),
        {"texto": "¿Hasta qué hora atienden?"},
        follow=True,
    )
    pregunta = PreguntaCiudadana.objects.get()
    assert pregunta.canal == CanalPregunta.CONVERSACION
    assert respuesta.redirect_chain[-1][0] == reverse(
        "comunicaciones:pregunta", args=[pregunta.pk]
    )
    assert pregunta.radicado in respuesta.content.decode()
    assert not Conversacion.objects.exists()


def test_mensajes_largos_y_limite_por_cuenta(
    client, ciudadano, revisor_hacienda, siempre_en_linea
):
    conversacion = _abrir(client, ciudadano, revisor_hacienda)
    url = reverse("comunicaciones:conversacion", args=[conversacion.pk])
    respuesta = client.post(url, {"texto": "x" * 1001})
    assert respuesta.status_code == 200
    assert "1000 caracteres" in respuesta.content.decode()
    codigos = [
        client.post(url, {"texto": f"Mensaje {i}"}).status_code
        for i in range(servicio.MENSAJES_POR_CUENTA + 1)
    ]
    assert codigos[-1] == 429
    assert conversacion.mensajes.count() == servicio.MENSAJES_POR_CUENTA


def test_el_anonimo_debe_ingresar_para_conversar(client, siempre_en_linea):
    respuesta = client.post(reverse("comunicaciones:conversar"), {"texto": "Hola"})
    assert respuesta.status_code == 302 and "ingresar" in respuesta.url


# --- Admin de los funcionarios ---------------------------------------------------------


def test_el_funcionario_marca_turno_ve_la_cola_responde_y_la_vuelve_pregunta(
    client, ciudadano, revisor_hacienda, siempre_en_linea
):
    personal = client.__class__()
    personal.force_login(revisor_hacienda)
    lista = reverse("admin:comunicaciones_conversacion_changelist")
    assert "Estoy de turno" in personal.get(lista).content.decode()
    personal.post(reverse("admin:comunicaciones_conversacion_turno"), {"turno": "si"})
    assert servicio.hay_de_turno()

    client.force_login(ciudadano)
    client.post(reverse("comunicaciones:conversar"), {"texto": "<i>Necesito ayuda</i>"})
    conversacion = Conversacion.objects.get()
    cola = personal.get(reverse("admin:comunicaciones_conversacion_cola")).json()
    assert [c["id"] for c in cola["esperando"]] == [conversacion.pk]
    assert cola["de_turno"] is True
    html = personal.get(lista).content.decode()
    assert "&lt;i&gt;Necesito ayuda&lt;/i&gt;" in html

    detalle = reverse(
        "admin:comunicaciones_conversacion_change", args=[conversacion.pk]
    )
    assert "&lt;i&gt;Necesito ayuda&lt;/i&gt;" in personal.get(detalle).content.decode()
    personal.post(detalle, {"accion": "responder", "texto": "Con gusto"})
    mensajes = personal.get(
        reverse("admin:comunicaciones_conversacion_mensajes", args=[conversacion.pk])
    ).json()["mensajes"]
    assert [m["texto"] for m in mensajes] == ["<i>Necesito ayuda</i>", "Con gusto"]

    personal.post(detalle, {"accion": "convertir"})
    conversacion.refresh_from_db()
    assert conversacion.pregunta.canal == CanalPregunta.CONVERSACION
    datos = client.get(
        reverse("comunicaciones:conversacion_mensajes", args=[conversacion.pk])
    ).json()
    assert conversacion.pregunta.radicado in datos["mensajes"][-1]["texto"]
    assert datos["abierta"] is False

    personal.post(reverse("admin:comunicaciones_conversacion_turno"), {"turno": "no"})
    assert not servicio.hay_de_turno()


def test_el_personal_que_no_responde_preguntas_no_entra_a_las_conversaciones(
    client, funcionario_sin_permisos
):
    client.force_login(funcionario_sin_permisos)
    lista = reverse("admin:comunicaciones_conversacion_changelist")
    assert client.get(lista).status_code in (302, 403)
    respuesta = client.post(
        reverse("admin:comunicaciones_conversacion_turno"), {"turno": "si"}
    )
    assert respuesta.status_code in (302, 403)
    assert not servicio.hay_de_turno()


def test_la_pagina_de_asesoria_guardada_no_pasa_del_minuto_en_horario_en_linea():
    """La portada de la asesoría se guarda para los visitantes; en el horario en
    línea quién está de turno cambia sin aviso: la copia dura un minuto, y fuera
    del horario, hasta que empiece el próximo."""
    from datetime import datetime, time, timedelta
    from zoneinfo import ZoneInfo

    from comunicaciones.models import HorarioAsesoria
    from comunicaciones.paginas import proximo_cambio_de_la_conversacion

    bogota = ZoneInfo("America/Bogota")
    HorarioAsesoria.objects.all().delete()
    HorarioAsesoria.objects.create(
        modalidad="EN_LINEA", dia=0, desde=time(14), hasta=time(17)
    )
    lunes_en_horario = datetime(2026, 12, 7, 15, 0, tzinfo=bogota)
    assert proximo_cambio_de_la_conversacion(lunes_en_horario) == (
        lunes_en_horario + timedelta(minutes=1)
    )
    martes = datetime(2026, 12, 8, 9, 0, tzinfo=bogota)
    assert proximo_cambio_de_la_conversacion(martes) == datetime(
        2026, 12, 14, 14, 0, tzinfo=bogota
    )
