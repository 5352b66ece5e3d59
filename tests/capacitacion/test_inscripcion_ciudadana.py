"""Inscripción de ciudadanos a las jornadas de asesoría ciudadana: cupo, lista
de espera, cancelación con ascenso en orden, correo con el evento de
calendario, recordatorio del día anterior y llegada con el código."""

from datetime import UTC, timedelta

import pytest
from django.urls import reverse

from capacitacion.calendario import evento_ics
from capacitacion.excepciones import ErrorDeCapacitacion
from capacitacion.models import EstadoInscripcion, Inscripcion, TipoJornada
from capacitacion.services import inscripciones, jornadas
from sanpedro_gel.models import Mensaje
from sanpedro_gel.verificacion import ALFABETO_CODIGO
from tests.factories import JornadaFactory, UsuarioFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def asesoria(db):
    jornada = JornadaFactory(
        tipo=TipoJornada.ASESORIA,
        titulo="Asesoría: inscriba su negocio en línea",
        lugar="Casa de Gobierno, piso 1",
        alcance="SELECCION",
        cupo=2,
    )
    jornadas.convocar_jornada(jornada_id=jornada.pk)
    jornada.refresh_from_db()
    return jornada


def _inscribir(jornada, usuario):
    return inscripciones.inscribir_ciudadano(jornada_id=jornada.pk, usuario=usuario)


def _texto(contenido) -> str:
    return contenido.decode() if isinstance(contenido, bytes) else contenido


# --- Servicio ---------------------------------------------------------------------


def test_inscribir_dentro_del_cupo_da_puesto_y_codigo(asesoria, ciudadano):
    inscripcion = _inscribir(asesoria, ciudadano)

    assert inscripcion.estado == EstadoInscripcion.INSCRITA
    assert inscripcion.posicion is None
    assert len(inscripcion.codigo_verificacion) == 6
    assert set(inscripcion.codigo_verificacion) <= set(ALFABETO_CODIGO)


def test_inscribir_dos_veces_devuelve_la_misma_inscripcion(asesoria, ciudadano):
    primera = _inscribir(asesoria, ciudadano)
    segunda = _inscribir(asesoria, ciudadano)

    assert primera.pk == segunda.pk
    assert Inscripcion.objects.count() == 1
    assert Mensaje.objects.filter(tipo="capacitacion.inscripcion").count() == 1


def test_pasado_el_cupo_se_entra_a_la_lista_de_espera_con_su_puesto(asesoria):
    usuarios = UsuarioFactory.create_batch(5)
    resultado = [_inscribir(asesoria, u) for u in usuarios]

    assert [i.estado for i in resultado] == [
        EstadoInscripcion.INSCRITA,
        EstadoInscripcion.INSCRITA,
        EstadoInscripcion.ESPERA,
        EstadoInscripcion.ESPERA,
        EstadoInscripcion.ESPERA,
    ]
    assert [i.posicion for i in resultado] == [None, None, 1, 2, 3]


def test_solo_las_jornadas_de_asesoria_convocadas_reciben_inscripciones(ciudadano):
    capacitacion = JornadaFactory(alcance="SELECCION")
    jornadas.convocar_jornada(jornada_id=capacitacion.pk)
    borrador = JornadaFactory(tipo=TipoJornada.ASESORIA)

    for jornada in (capacitacion, borrador):
        with pytest.raises(ErrorDeCapacitacion):
            _inscribir(jornada, ciudadano)
    assert not Inscripcion.objects.exists()


def test_cancelar_asciende_al_primero_de_la_espera_en_orden_y_le_avisa(
    asesoria, en_linea, mailoutbox
):
    a, b, c, d = UsuarioFactory.create_batch(4)
    with en_linea():
        primera = _inscribir(asesoria, a)
        _inscribir(asesoria, b)
        tercera = _inscribir(asesoria, c)
        cuarta = _inscribir(asesoria, d)
    mailoutbox.clear()

    with en_linea():
        inscripciones.cancelar_inscripcion(inscripcion_id=primera.pk, usuario=a)

    primera.refresh_from_db()
    tercera.refresh_from_db()
    cuarta.refresh_from_db()
    assert primera.estado == EstadoInscripcion.CANCELADA
    assert tercera.estado == EstadoInscripcion.INSCRITA
    assert tercera.posicion is None
    assert tercera.promovida_en is not None
    assert (cuarta.estado, cuarta.posicion) == (EstadoInscripcion.ESPERA, 1)
    (correo,) = mailoutbox
    assert correo.to == [c.email]
    assert "cupo" in correo.subject.lower()
    assert tercera.codigo_verificacion in correo.body
    nombre, contenido, tipo = correo.attachments[0]
    assert (nombre, tipo) == ("jornada.ics", "text/calendar")

    # El siguiente que cancela asciende a quien quedó primero.
    with en_linea():
        inscripciones.cancelar_inscripcion(inscripcion_id=tercera.pk, usuario=c)
    cuarta.refresh_from_db()
    assert (cuarta.estado, cuarta.posicion) == (EstadoInscripcion.INSCRITA, None)


def test_cancelar_en_espera_cierra_el_hueco_de_la_lista(asesoria):
    usuarios = UsuarioFactory.create_batch(5)
    resultado = [_inscribir(asesoria, u) for u in usuarios]

    inscripciones.cancelar_inscripcion(
        inscripcion_id=resultado[2].pk, usuario=usuarios[2]
    )

    en_espera = asesoria.inscripciones.filter(estado=EstadoInscripcion.ESPERA)
    assert sorted(en_espera.values_list("posicion", flat=True)) == [1, 2]
    assert asesoria.inscripciones.filter(estado=EstadoInscripcion.INSCRITA).count() == 2


def test_cancelar_dos_veces_es_inofensivo(asesoria, ciudadano, otro_ciudadano):
    inscripcion = _inscribir(asesoria, ciudadano)
    inscripciones.cancelar_inscripcion(inscripcion_id=inscripcion.pk, usuario=ciudadano)
    inscripciones.cancelar_inscripcion(inscripcion_id=inscripcion.pk, usuario=ciudadano)

    inscripcion.refresh_from_db()
    assert inscripcion.estado == EstadoInscripcion.CANCELADA


def test_tras_cancelar_puede_inscribirse_de_nuevo(asesoria, ciudadano):
    inscripcion = _inscribir(asesoria, ciudadano)
    inscripciones.cancelar_inscripcion(inscripcion_id=inscripcion.pk, usuario=ciudadano)

    nueva = _inscribir(asesoria, ciudadano)

    assert nueva.pk != inscripcion.pk
    assert nueva.estado == EstadoInscripcion.INSCRITA


# --- Correos ----------------------------------------------------------------------


def test_el_correo_de_inscripcion_trae_el_codigo_y_el_evento(
    asesoria, ciudadano, en_linea, mailoutbox
):
    with en_linea():
        inscripcion = _inscribir(asesoria, ciudadano)

    (correo,) = mailoutbox
    assert correo.to == [ciudadano.email]
    assert inscripcion.codigo_verificacion in correo.body
    nombre, contenido, tipo = correo.attachments[0]
    assert (nombre, tipo) == ("jornada.ics", "text/calendar")
    texto = _texto(contenido)
    assert texto == _texto(evento_ics(asesoria))
    assert texto.startswith("BEGIN:VCALENDAR\r\n")
    assert texto.endswith("END:VCALENDAR\r\n")
    assert "\n" not in texto.replace("\r\n", "")
    assert f"DTSTART:{asesoria.inicio.astimezone(UTC):%Y%m%dT%H%M%SZ}\r\n" in texto
    assert f"DTEND:{asesoria.fin.astimezone(UTC):%Y%m%dT%H%M%SZ}\r\n" in texto
    assert f"UID:jornada-{asesoria.pk}@" in texto
    assert "DTSTAMP:" in texto
    assert "SUMMARY:Asesoría: inscriba su negocio en línea\r\n" in texto
    assert "LOCATION:Casa de Gobierno\\, piso 1\r\n" in texto


def test_quien_queda_en_espera_recibe_su_puesto_sin_evento(
    asesoria, en_linea, mailoutbox
):
    a, b, c = UsuarioFactory.create_batch(3)
    _inscribir(asesoria, a)
    _inscribir(asesoria, b)
    with en_linea():
        _inscribir(asesoria, c)

    (correo,) = mailoutbox
    assert "lista de espera" in correo.body
    assert "puesto 1" in correo.body
    assert correo.attachments == []


def test_el_recordatorio_del_dia_anterior_llega_a_los_inscritos(
    asesoria, despachar, mailoutbox
):
    a, b, c = UsuarioFactory.create_batch(3)
    inscrita = _inscribir(asesoria, a)
    _inscribir(asesoria, b)
    _inscribir(asesoria, c)  # en espera: no tiene puesto que recordar
    cancelada = _inscribir(asesoria, b)
    inscripciones.cancelar_inscripcion(inscripcion_id=cancelada.pk, usuario=b)
    mailoutbox.clear()

    despachar(ahora=asesoria.inicio - timedelta(days=1, hours=1))
    assert mailoutbox == []
    despachar(ahora=asesoria.inicio - timedelta(days=1))

    destinatarios = sorted(m.to[0] for m in mailoutbox)
    assert destinatarios == sorted([a.email, c.email])  # c ascendió al cancelar b
    recordatorio = next(m for m in mailoutbox if m.to == [a.email])
    assert "mañana" in recordatorio.subject.lower()
    assert inscrita.codigo_verificacion in recordatorio.body
    assert Mensaje.objects.filter(tipo="capacitacion.inscripcion.recordatorio").count()

    # Correr el despacho otra vez no repite nada.
    mailoutbox.clear()
    despachar(ahora=asesoria.inicio - timedelta(days=1))
    assert mailoutbox == []


# --- Llegada con el código --------------------------------------------------------


def test_registrar_llegada_con_el_codigo(asesoria, ciudadano, lider_gel):
    inscripcion = _inscribir(asesoria, ciudadano)

    llegada = inscripciones.registrar_llegada(
        jornada_id=asesoria.pk,
        codigo=inscripcion.codigo_verificacion.lower()[:3]
        + "-"
        + inscripcion.codigo_verificacion[3:],
        usuario=lider_gel,
    )

    assert llegada.pk == inscripcion.pk
    assert llegada.estado == EstadoInscripcion.ASISTIO
    assert llegada.asistio_en is not None
    assert llegada.registrada_por == lider_gel
    # Dos veces: sigue registrada, sin error.
    otra = inscripciones.registrar_llegada(
        jornada_id=asesoria.pk,
        codigo=inscripcion.codigo_verificacion,
        usuario=lider_gel,
    )
    assert otra.asistio_en == llegada.asistio_en


def test_el_codigo_de_otra_jornada_o_en_espera_no_sirve(asesoria, lider_gel):
    a, b, c = UsuarioFactory.create_batch(3)
    _inscribir(asesoria, a)
    _inscribir(asesoria, b)
    espera = _inscribir(asesoria, c)
    otra = JornadaFactory(tipo=TipoJornada.ASESORIA, alcance="SELECCION", cupo=5)
    jornadas.convocar_jornada(jornada_id=otra.pk)
    ajena = _inscribir(otra, a)

    with pytest.raises(ErrorDeCapacitacion, match="lista de espera"):
        inscripciones.registrar_llegada(
            jornada_id=asesoria.pk, codigo=espera.codigo_verificacion, usuario=lider_gel
        )
    with pytest.raises(ErrorDeCapacitacion, match="No hay"):
        inscripciones.registrar_llegada(
            jornada_id=asesoria.pk, codigo=ajena.codigo_verificacion, usuario=lider_gel
        )


def test_el_admin_registra_la_llegada_tecleando_el_codigo(
    asesoria, ciudadano, lider_gel, client
):
    inscripcion = _inscribir(asesoria, ciudadano)
    client.force_login(lider_gel)
    url = reverse("admin:capacitacion_jornada_llegada", args=[asesoria.pk])

    assert client.get(url).status_code == 200
    respuesta = client.post(url, {"codigo": "ZZZZZZ"})
    assert respuesta.status_code == 200
    assert "No hay una inscripción con ese código" in respuesta.content.decode()

    respuesta = client.post(url, {"codigo": inscripcion.codigo_verificacion})
    assert respuesta.status_code == 302
    inscripcion.refresh_from_db()
    assert inscripcion.estado == EstadoInscripcion.ASISTIO


def test_el_admin_de_llegada_exige_permiso(asesoria, funcionario_sin_permisos, client):
    client.force_login(funcionario_sin_permisos)
    url = reverse("admin:capacitacion_jornada_llegada", args=[asesoria.pk])

    assert client.get(url).status_code == 403


# --- Página pública ---------------------------------------------------------------


def test_la_pagina_invita_a_iniciar_sesion_para_inscribirse(asesoria, client):
    pagina = client.get(asesoria.get_absolute_url()).content.decode()

    assert "Inicie sesión para inscribirse" in pagina


def test_el_ciudadano_se_inscribe_desde_la_pagina_y_ve_su_codigo(
    asesoria, ciudadano, client
):
    client.force_login(ciudadano)
    url = reverse("capacitacion:inscribirme", args=[asesoria.pk])

    respuesta = client.post(url)
    assert respuesta.status_code == 302
    inscripcion = Inscripcion.objects.get()
    pagina = client.get(asesoria.get_absolute_url()).content.decode()
    assert inscripcion.codigo_verificacion in pagina
    assert "Cancelar mi inscripción" in pagina

    # Un segundo clic muestra la misma inscripción.
    respuesta = client.post(url, follow=True)
    assert Inscripcion.objects.count() == 1
    assert "Ya está inscrito" in respuesta.content.decode()


def test_inscribirse_exige_sesion(asesoria, client):
    url = reverse("capacitacion:inscribirme", args=[asesoria.pk])

    respuesta = client.post(url)

    assert respuesta.status_code == 302
    assert reverse("account_login") in respuesta["Location"]
    assert not Inscripcion.objects.exists()


def test_el_ciudadano_cancela_desde_la_pagina(asesoria, ciudadano, client):
    inscripcion = _inscribir(asesoria, ciudadano)
    client.force_login(ciudadano)

    respuesta = client.post(
        reverse("capacitacion:cancelar_inscripcion", args=[inscripcion.pk])
    )

    assert respuesta.status_code == 302
    inscripcion.refresh_from_db()
    assert inscripcion.estado == EstadoInscripcion.CANCELADA


def test_la_inscripcion_de_otro_ciudadano_responde_404(
    asesoria, ciudadano, otro_ciudadano, client
):
    inscripcion = _inscribir(asesoria, ciudadano)
    client.force_login(otro_ciudadano)

    detalle = client.get(reverse("capacitacion:inscripcion", args=[inscripcion.pk]))
    cancelar = client.post(
        reverse("capacitacion:cancelar_inscripcion", args=[inscripcion.pk])
    )

    assert detalle.status_code == 404
    assert cancelar.status_code == 404
    inscripcion.refresh_from_db()
    assert inscripcion.estado == EstadoInscripcion.INSCRITA
    assert inscripcion.codigo_verificacion not in detalle.content.decode()


def test_el_titular_ve_su_inscripcion(asesoria, ciudadano, client):
    inscripcion = _inscribir(asesoria, ciudadano)
    client.force_login(ciudadano)

    pagina = client.get(reverse("capacitacion:inscripcion", args=[inscripcion.pk]))

    assert pagina.status_code == 200
    assert inscripcion.codigo_verificacion in pagina.content.decode()
