"""Los correos de la capacitación: cada entrega con su plantilla y su contexto."""

from django.conf import settings

from capacitacion.calendario import evento_ics
from capacitacion.models import Entrega, TipoAviso
from capacitacion.services.confirmacion import enlace_confirmacion
from sanpedro_gel.correo import construir_correo
from sanpedro_gel.texto import markdown_seguro, texto_plano

# Los avisos que llevan el enlace para confirmar la asistencia.
_CON_CONFIRMACION = {TipoAviso.INVITACION, TipoAviso.RECORDATORIO, TipoAviso.CAMBIO}


def contexto_de_jornada(jornada) -> dict:
    return {
        "jornada": jornada,
        "enlace_jornada": (
            settings.PORTAL_URL + jornada.get_absolute_url()
            if jornada.publicada
            else ""
        ),
    }


def correo_de_entrega(entrega: Entrega):
    """El mensaje (sin enviar) de un aviso o un seguimiento para su destinatario."""
    asistencia = entrega.asistencia
    funcionario = asistencia.funcionario
    if entrega.seguimiento_id:
        seguimiento = entrega.seguimiento
        return construir_correo(
            "capacitacion/emails/seguimiento",
            {
                **contexto_de_jornada(seguimiento.jornada),
                "funcionario": funcionario,
                "seguimiento": seguimiento,
                "mensaje_html": markdown_seguro(seguimiento.mensaje),
                "mensaje_texto": texto_plano(seguimiento.mensaje),
            },
            [funcionario.correo],
        )
    aviso = entrega.aviso
    # Cada cambio de fecha sube la secuencia: la agenda reemplaza el evento.
    cambios = aviso.jornada.avisos.filter(
        tipo=TipoAviso.CAMBIO, pk__lte=aviso.pk
    ).count()
    evento = evento_ics(
        aviso.jornada,
        secuencia=cambios,
        cancelado=aviso.tipo == TipoAviso.CANCELACION,
    )
    confirmar = aviso.tipo in _CON_CONFIRMACION and asistencia.confirmado_en is None
    return construir_correo(
        "capacitacion/emails/aviso",
        {
            **contexto_de_jornada(aviso.jornada),
            "funcionario": funcionario,
            "aviso": aviso,
            "tipo": aviso.tipo,
            "confirmado": asistencia.confirmado_en is not None,
            "enlace_confirmar": enlace_confirmacion(asistencia) if confirmar else "",
        },
        [funcionario.correo],
        adjuntos=[("jornada.ics", evento, "text/calendar")],
    )
