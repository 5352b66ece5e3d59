"""Cómo se arma cada correo de la capacitación cuando sale de la bandeja.

Los preparadores y el generador del PDF del certificado se registran en
`sanpedro_gel.buzon` al importar este módulo desde `CapacitacionConfig.ready()`.
Cada preparador lee las filas de dominio en el momento del envío: un correo que
sale con retraso muestra la fecha vigente de la jornada. Si la fila de la que
salía ya no existe, el mensaje se anula sin enviarse. Qué se registra y con qué
clave: `services/mensajes.py`.
"""

from capacitacion.calendario import evento_ics
from capacitacion.models import (
    CON_CUPO,
    Asistencia,
    Aviso,
    Certificado,
    EstadoInscripcion,
    Inscripcion,
    Seguimiento,
    TipoAviso,
)
from capacitacion.services import certificados, mensajes
from capacitacion.services.confirmacion import enlace_confirmacion
from sanpedro_gel import buzon
from sanpedro_gel.enlaces import absoluta, url_del_portal
from sanpedro_gel.texto import markdown_seguro, texto_plano

# Los avisos que llevan el enlace para confirmar la asistencia.
_CON_CONFIRMACION = {TipoAviso.INVITACION, TipoAviso.RECORDATORIO, TipoAviso.CAMBIO}

_DESCRIPCIONES = {
    TipoAviso.INVITACION: "Capacitación: invitación a una jornada",
    TipoAviso.RECORDATORIO: "Capacitación: recordatorio de una jornada",
    TipoAviso.CAMBIO: "Capacitación: cambio de fecha de una jornada",
    TipoAviso.CANCELACION: "Capacitación: cancelación de una jornada",
}


def _contexto_de_jornada(jornada) -> dict:
    return {
        "jornada": jornada,
        "enlace_jornada": (
            absoluta(jornada.get_absolute_url()) if jornada.publicada else ""
        ),
    }


def _asistencia(mensaje) -> Asistencia:
    asistencia = (
        Asistencia.objects.select_related("funcionario", "jornada")
        .filter(pk=mensaje.referencia_id)
        .first()
    )
    if asistencia is None:
        raise buzon.MensajeObsoleto("La asistencia ya no existe.")
    return asistencia


def preparar_aviso(mensaje) -> buzon.Preparado:
    """Invitación, recordatorio, cambio de fecha o cancelación, con la jornada
    como evento de calendario: mismo UID siempre y una secuencia que sube con
    cada cambio de fecha, para que la agenda reemplace el evento."""
    asistencia = _asistencia(mensaje)
    aviso = Aviso.objects.filter(pk=mensaje.datos.get("aviso")).first()
    if aviso is None:
        raise buzon.MensajeObsoleto("El aviso ya no existe.")
    jornada = asistencia.jornada
    cambios = jornada.avisos.filter(tipo=TipoAviso.CAMBIO, pk__lte=aviso.pk).count()
    evento = evento_ics(
        jornada, secuencia=cambios, cancelado=aviso.tipo == TipoAviso.CANCELACION
    )
    confirmar = aviso.tipo in _CON_CONFIRMACION and asistencia.confirmado_en is None
    return buzon.Preparado(
        contexto={
            **_contexto_de_jornada(jornada),
            "funcionario": asistencia.funcionario,
            "aviso": aviso,
            "tipo": aviso.tipo,
            "confirmado": asistencia.confirmado_en is not None,
            "enlace_confirmar": enlace_confirmacion(asistencia) if confirmar else "",
        },
        adjuntos=[("jornada.ics", evento, "text/calendar")],
    )


for _tipo, _nombre in mensajes.TIPO_DE_AVISO.items():
    buzon.tipo_de_mensaje(_nombre, _DESCRIPCIONES[_tipo])(preparar_aviso)


def _inscripcion(mensaje) -> Inscripcion:
    inscripcion = (
        Inscripcion.objects.select_related("usuario", "jornada")
        .filter(pk=mensaje.referencia_id)
        .first()
    )
    if inscripcion is None:
        raise buzon.MensajeObsoleto("La inscripción ya no existe.")
    if inscripcion.estado == EstadoInscripcion.CANCELADA:
        raise buzon.MensajeObsoleto("La inscripción se canceló.")
    return inscripcion


def _secuencia(jornada, hasta_aviso: int | None = None) -> int:
    cambios = jornada.avisos.filter(tipo=TipoAviso.CAMBIO)
    if hasta_aviso is not None:
        cambios = cambios.filter(pk__lte=hasta_aviso)
    return cambios.count()


def _contexto_de_inscripcion(inscripcion: Inscripcion) -> dict:
    usuario = inscripcion.usuario
    return {
        **_contexto_de_jornada(inscripcion.jornada),
        "inscripcion": inscripcion,
        "nombre": usuario.first_name or usuario.get_full_name() or usuario.email,
        "enlace_inscripcion": absoluta(inscripcion.get_absolute_url()),
    }


@buzon.tipo_de_mensaje(
    mensajes.INSCRIPCION, "Capacitación: inscripción a una asesoría ciudadana"
)
def preparar_inscripcion(mensaje) -> buzon.Preparado:
    """Inscripción con cupo o cupo obtenido desde la espera (con el evento de
    calendario), o el puesto en la lista de espera. Si al salir ya no está en
    la espera (ascendió o canceló), el mensaje de espera se anula."""
    inscripcion = _inscripcion(mensaje)
    motivo = mensaje.datos.get("motivo", "inscrita")
    if motivo == "espera" and inscripcion.estado != EstadoInscripcion.ESPERA:
        raise buzon.MensajeObsoleto("Ya no está en la lista de espera.")
    adjuntos = []
    if motivo != "espera" and inscripcion.estado in CON_CUPO:
        jornada = inscripcion.jornada
        evento = evento_ics(jornada, secuencia=_secuencia(jornada))
        adjuntos.append(("jornada.ics", evento, "text/calendar"))
    return buzon.Preparado(
        contexto={**_contexto_de_inscripcion(inscripcion), "motivo": motivo},
        adjuntos=adjuntos,
    )


def preparar_aviso_a_inscrito(mensaje) -> buzon.Preparado:
    """Recordatorio, cambio de fecha o cancelación para el ciudadano inscrito,
    con el evento de calendario (mismo UID que el de su inscripción)."""
    inscripcion = _inscripcion(mensaje)
    aviso = Aviso.objects.filter(pk=mensaje.datos.get("aviso")).first()
    if aviso is None:
        raise buzon.MensajeObsoleto("El aviso ya no existe.")
    if aviso.tipo == TipoAviso.RECORDATORIO and inscripcion.estado not in CON_CUPO:
        raise buzon.MensajeObsoleto("La inscripción no tiene cupo.")
    jornada = inscripcion.jornada
    evento = evento_ics(
        jornada,
        secuencia=_secuencia(jornada, aviso.pk),
        cancelado=aviso.tipo == TipoAviso.CANCELACION,
    )
    return buzon.Preparado(
        contexto={**_contexto_de_inscripcion(inscripcion), "tipo": aviso.tipo},
        adjuntos=[("jornada.ics", evento, "text/calendar")],
    )


for _tipo, _nombre in mensajes.AVISO_A_INSCRITOS.items():
    buzon.tipo_de_mensaje(
        _nombre, _DESCRIPCIONES[_tipo].replace("una jornada", "una asesoría (inscrito)")
    )(preparar_aviso_a_inscrito)


@buzon.tipo_de_mensaje(
    mensajes.SEGUIMIENTO, "Capacitación: seguimiento a quienes asistieron"
)
def preparar_seguimiento(mensaje) -> dict:
    asistencia = _asistencia(mensaje)
    seguimiento = Seguimiento.objects.filter(
        pk=mensaje.datos.get("seguimiento")
    ).first()
    if seguimiento is None:
        raise buzon.MensajeObsoleto("El seguimiento ya no existe.")
    return {
        **_contexto_de_jornada(asistencia.jornada),
        "funcionario": asistencia.funcionario,
        "seguimiento": seguimiento,
        "mensaje_html": markdown_seguro(seguimiento.mensaje),
        "mensaje_texto": texto_plano(seguimiento.mensaje),
    }


@buzon.tipo_de_mensaje(mensajes.CERTIFICADO, "Capacitación: certificado de asistencia")
def preparar_certificado(mensaje) -> dict:
    certificado = Certificado.objects.select_related("asistencia__jornada").get(
        pk=mensaje.referencia_id
    )
    return {
        "certificado": certificado,
        "c": certificado.contenido,
        "jornada": certificado.asistencia.jornada,
        "enlace_descarga": url_del_portal("capacitacion:mis_certificados"),
        "url_verificacion": certificados.url_verificacion(certificado),
    }


@buzon.generador_de_adjunto(mensajes.CERTIFICADO)
def adjuntar_certificado(*, certificado: int):
    """El PDF del certificado; se dibuja aquí, fuera de todo bloqueo, si aún no
    existe (y queda guardado para la descarga)."""
    encontrado = Certificado.objects.get(pk=certificado)
    return (
        encontrado.nombre_archivo,
        certificados.leer_pdf(encontrado),
        "application/pdf",
    )
