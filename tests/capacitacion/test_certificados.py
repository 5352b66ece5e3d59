"""Cerrar la jornada expide certificados: PDF verificable, correo y descarga."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from capacitacion.models import Certificado
from capacitacion.services import certificados, jornadas
from sanpedro_gel import buzon, formato
from sanpedro_gel.excepciones import TransicionInvalida
from sanpedro_gel.models import EstadoMensaje, Mensaje
from tests.factories import FuncionarioFactory, JornadaFactory
from tests.pdfa import es_pdf_a_etiquetado

pytestmark = pytest.mark.django_db


def texto_de_pdf(contenido: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(contenido)).pages)


@pytest.fixture
def realizada(en_linea):
    """Taller de ayer: dos convocados, asistió Gloria; cerrado (tareas en línea)."""
    gloria = FuncionarioFactory(
        nombres="Gloria Inés", apellidos="Montoya Gaviria", cargo="Tesorera"
    )
    FuncionarioFactory(nombres="Óscar Darío", apellidos="Muñoz Bedoya")
    inicio = timezone.now() - timedelta(days=1)
    jornada = JornadaFactory(
        tipo="TALLER",
        titulo="Taller técnico de la herramienta",
        inicio=inicio,
        fin=inicio + timedelta(hours=3),
        temas=[5, 6, 7],
    )
    jornadas.convocar_jornada(jornada_id=jornada.pk, ahora=inicio - timedelta(days=8))
    jornadas.registrar_asistencia(
        jornada_id=jornada.pk, funcionario_ids=[gloria.pk], ahora=inicio
    )
    with en_linea():
        jornadas.cerrar_jornada(jornada_id=jornada.pk)
    return jornada


def test_cerrar_expide_un_certificado_por_asistente_y_lo_envia(realizada, mailoutbox):
    (certificado,) = Certificado.objects.all()
    assert certificado.asistencia.funcionario.nombres == "Gloria Inés"
    assert len(certificado.codigo_verificacion) == 10
    (mensaje,) = mailoutbox
    assert mensaje.to == [certificado.asistencia.funcionario.correo]
    assert certificado.codigo_verificacion in mensaje.body
    ((nombre, contenido, tipo),) = mensaje.attachments
    assert tipo == "application/pdf"
    assert es_pdf_a_etiquetado(contenido)
    texto = texto_de_pdf(contenido)
    assert "Gloria Inés Montoya Gaviria" in texto
    assert "Taller técnico de la herramienta" in texto
    assert certificado.codigo_verificacion in texto
    assert f"/verificar/{certificado.codigo_verificacion}/" in texto.replace(" ", "")
    assert "5. Presentación general de la herramienta" in texto


def test_cerrar_dos_veces_no_expide_de_nuevo(realizada, mailoutbox):
    with pytest.raises(TransicionInvalida):
        jornadas.cerrar_jornada(jornada_id=realizada.pk)
    assert certificados.emitir_certificados(jornada=realizada) == 0
    (mensaje,) = Mensaje.objects.filter(tipo="capacitacion.certificado")
    assert buzon.enviar_mensaje(mensaje_id=mensaje.pk) is False
    assert Certificado.objects.count() == 1
    assert len(mailoutbox) == 1


def test_el_codigo_se_verifica_en_la_pagina_publica(client, realizada):
    certificado = Certificado.objects.get()

    pagina = client.get(f"/verificar/{certificado.codigo_verificacion.lower()}/")

    assert pagina.status_code == 200
    texto = pagina.content.decode()
    assert "Certificado de asistencia" in texto
    assert "Gloria Inés Montoya Gaviria" in texto
    assert "Taller técnico de la herramienta" in texto


def test_la_verificacion_escribe_la_intensidad_con_coma_decimal(client, realizada):
    certificado = Certificado.objects.get()
    certificado.contenido = {**certificado.contenido, "horas": 0.7}
    certificado.save(update_fields=["contenido"])

    pagina = client.get(f"/verificar/{certificado.codigo_verificacion}/")

    assert "0,7 horas" in pagina.content.decode()
    assert "0.7 horas" not in pagina.content.decode()


def test_una_asistencia_registrada_despues_del_cierre_recibe_su_certificado(
    realizada, en_linea, mailoutbox
):
    oscar = realizada.asistencias.get(funcionario__nombres="Óscar Darío")
    with en_linea():
        jornadas.registrar_asistencia(
            jornada_id=realizada.pk, funcionario_ids=[oscar.funcionario_id]
        )
    assert Certificado.objects.count() == 2
    assert len(mailoutbox) == 2


def test_no_se_quita_la_asistencia_de_quien_tiene_certificado(realizada):
    gloria = realizada.asistencias.get(certificado__isnull=False)
    with pytest.raises(TransicionInvalida):
        jornadas.registrar_asistencia(
            jornada_id=realizada.pk,
            funcionario_ids=[gloria.funcionario_id],
            asistio=False,
        )


def test_no_se_registra_asistencia_antes_del_dia_de_la_jornada():
    FuncionarioFactory()
    jornada = JornadaFactory()
    jornadas.convocar_jornada(jornada_id=jornada.pk)
    with pytest.raises(TransicionInvalida):
        jornadas.registrar_asistencia(
            jornada_id=jornada.pk,
            funcionario_ids=list(
                jornada.asistencias.values_list("funcionario_id", flat=True)
            ),
        )


def test_el_titular_y_el_lider_descargan_otro_funcionario_recibe_404(
    client, realizada, lider_gel, funcionario_sin_permisos
):
    certificado = Certificado.objects.select_related("asistencia__funcionario").get()
    url = reverse("capacitacion:certificado", args=[certificado.pk])
    titular = certificado.asistencia.funcionario.usuario

    assert client.get(url).status_code == 302  # sin sesión: a ingresar

    client.force_login(funcionario_sin_permisos)
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("capacitacion:certificado", args=[999])).status_code == 404
    )

    for persona in (titular, lider_gel):
        client.force_login(persona)
        respuesta = client.get(url)
        assert respuesta.status_code == 200
        assert b"".join(respuesta.streaming_content).startswith(b"%PDF-")


def test_el_admin_de_certificados_dice_cuando_salio_el_correo(
    client, realizada, lider_gel
):
    (mensaje,) = buzon.mensajes_de(Certificado.objects.get())
    client.force_login(lider_gel)

    pagina = client.get(reverse("admin:capacitacion_certificado_changelist"))

    assert formato.fecha_hora(mensaje.enviado_en) in pagina.content.decode()


def test_mis_certificados_lista_solo_los_propios(client, realizada):
    certificado = Certificado.objects.select_related("asistencia__funcionario").get()
    otro = realizada.asistencias.get(certificado__isnull=True).funcionario.usuario

    client.force_login(certificado.asistencia.funcionario.usuario)
    assert (
        certificado.codigo_verificacion
        in client.get(reverse("capacitacion:mis_certificados")).content.decode()
    )

    client.force_login(otro)
    assert (
        certificado.codigo_verificacion
        not in client.get(reverse("capacitacion:mis_certificados")).content.decode()
    )


def test_un_certificado_que_no_salio_lo_reintenta_la_bandeja(
    realizada, settings, en_linea, mailoutbox
):
    oscar = realizada.asistencias.get(funcionario__nombres="Óscar Darío")
    settings.EMAIL_BACKEND = "tests.capacitacion.test_despacho.CorreoQueFalla"
    with en_linea():
        jornadas.registrar_asistencia(
            jornada_id=realizada.pk, funcionario_ids=[oscar.funcionario_id]
        )
    certificado = Certificado.objects.get(asistencia=oscar)
    (mensaje,) = buzon.mensajes_de(certificado)
    assert (mensaje.estado, mensaje.intentos) == (EstadoMensaje.PENDIENTE, 1)
    assert "servidor caído" in mensaje.error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert buzon.enviar_pendientes(ahora=timezone.now() + timedelta(seconds=30)) == 0
    assert buzon.enviar_pendientes(ahora=timezone.now() + timedelta(minutes=2)) == 1
    mensaje.refresh_from_db()
    assert mensaje.estado == EstadoMensaje.ENVIADO
    assert mailoutbox[-1].to == [oscar.funcionario.correo]
    assert mailoutbox[-1].attachments[0][0] == certificado.nombre_archivo
