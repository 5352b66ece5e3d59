"""La migración a la bandeja de salida no pierde correos: lo pendiente queda
pendiente (el barrido lo envía) y lo enviado queda como historia."""

from datetime import timedelta

import pytest
from django.utils import timezone

from capacitacion.models import Certificado, Seguimiento, TipoAviso
from capacitacion.services import jornadas
from sanpedro_gel import buzon
from sanpedro_gel.models import EstadoMensaje, Mensaje
from tests.factories import FuncionarioFactory, JornadaFactory

pytestmark = pytest.mark.django_db(transaction=True)

ANTES = [("capacitacion", "0002_estado_de_la_asistencia")]
DESPUES = [("capacitacion", "0003_correos_por_la_bandeja_de_salida")]


def test_la_migracion_pasa_entregas_y_certificados_a_la_bandeja(mailoutbox, migrar):
    gloria, oscar = FuncionarioFactory.create_batch(2)
    inicio = timezone.now() - timedelta(days=1)
    jornada = JornadaFactory(inicio=inicio, fin=inicio + timedelta(hours=2))
    jornadas.convocar_jornada(jornada_id=jornada.pk, ahora=inicio - timedelta(days=8))
    jornadas.registrar_asistencia(
        jornada_id=jornada.pk, funcionario_ids=[gloria.pk, oscar.pk], ahora=inicio
    )
    jornadas.cerrar_jornada(jornada_id=jornada.pk)
    seguimiento = Seguimiento.objects.create(
        jornada=jornada, asunto="Cómo vamos", mensaje="Bien.", enviar_en=inicio
    )
    invitacion = jornada.avisos.get(tipo=TipoAviso.INVITACION)
    de_gloria = jornada.asistencias.get(funcionario=gloria)
    de_oscar = jornada.asistencias.get(funcionario=oscar)
    Mensaje.objects.all().delete()  # antes de la bandeja no había mensajes
    mailoutbox.clear()

    viejas = migrar(ANTES)
    try:
        Entrega = viejas.get_model("capacitacion", "Entrega")
        Entrega.objects.create(
            asistencia_id=de_gloria.pk,
            aviso_id=invitacion.pk,
            estado="ENVIADA",
            enviada_en=inicio - timedelta(days=7),
            intentos=0,
        )
        Entrega.objects.create(
            asistencia_id=de_oscar.pk, seguimiento_id=seguimiento.pk, intentos=1
        )
        viejas.get_model("capacitacion", "Certificado").objects.filter(
            asistencia_id=de_gloria.pk
        ).update(enviado_en=inicio)
    finally:
        migrar(DESPUES)

    enviada = Mensaje.objects.get(
        clave=f"capacitacion.aviso:{invitacion.pk}:{de_gloria.pk}"
    )
    assert (enviada.tipo, enviada.estado) == (
        "capacitacion.invitacion",
        EstadoMensaje.ENVIADO,
    )
    pendiente = Mensaje.objects.get(
        clave=f"capacitacion.seguimiento:{seguimiento.pk}:{de_oscar.pk}"
    )
    assert pendiente.estado == EstadoMensaje.PENDIENTE
    assert pendiente.referencia == de_oscar
    certificados = {
        c.asistencia_id: buzon.mensajes_de(c).get() for c in Certificado.objects.all()
    }
    assert certificados[de_gloria.pk].estado == EstadoMensaje.ENVIADO
    assert certificados[de_oscar.pk].estado == EstadoMensaje.PENDIENTE

    assert buzon.enviar_pendientes(ahora=timezone.now() + timedelta(hours=1)) == 2
    assert sorted(m.subject for m in mailoutbox) == sorted(
        ["Cómo vamos", f"Su certificado de asistencia: {jornada.titulo}"]
    )
    assert all(m.to == [oscar.correo] for m in mailoutbox)
