"""Los correos de la capacitación en la bandeja de salida: qué se registra, para
quién y con qué clave.

Cada servicio que origina un correo llama aquí dentro de su propia
transacción; el remitente del núcleo (`sanpedro_gel.buzon`) lo envía después
del commit, fuera de todo bloqueo, una vez por clave, y lo reintenta con su
política. Cómo se arma cada correo al enviarlo está en `capacitacion/correos.py`.

| correo | tipo | clave | referencia |
| --- | --- | --- | --- |
| invitación, recordatorio, cambio de fecha, cancelación | `capacitacion.<aviso>` | `capacitacion.aviso:<aviso>:<asistencia>` | la asistencia |
| seguimiento | `capacitacion.seguimiento` | `capacitacion.seguimiento:<seguimiento>:<asistencia>` | la asistencia |
| certificado (PDF adjunto) | `capacitacion.certificado` | `capacitacion.certificado:<certificado>` | el certificado |
| inscripción a una asesoría: con cupo, en espera, cupo obtenido | `capacitacion.inscripcion` | `capacitacion.inscripcion:<inscripción>:<motivo>` | la inscripción |
| recordatorio, cambio de fecha, cancelación, al ciudadano inscrito | `capacitacion.inscripcion.<aviso>` | `capacitacion.aviso:<aviso>:inscripcion:<inscripción>` | la inscripción |
"""  # noqa: E501

from collections.abc import Iterable

from django.db.models import QuerySet

from capacitacion.models import (
    Asistencia,
    Aviso,
    Certificado,
    EstadoInscripcion,
    Inscripcion,
    Seguimiento,
    TipoAviso,
)
from sanpedro_gel import buzon

TIPO_DE_AVISO = {
    TipoAviso.INVITACION: "capacitacion.invitacion",
    TipoAviso.RECORDATORIO: "capacitacion.recordatorio",
    TipoAviso.CAMBIO: "capacitacion.cambio",
    TipoAviso.CANCELACION: "capacitacion.cancelacion",
}
SEGUIMIENTO = "capacitacion.seguimiento"
CERTIFICADO = "capacitacion.certificado"
INSCRIPCION = "capacitacion.inscripcion"
# Los avisos de la jornada que también van a los ciudadanos inscritos, y a
# quiénes: el recordatorio a quien tiene cupo; el cambio de fecha y la
# cancelación también a la lista de espera. La invitación no: es del personal.
AVISO_A_INSCRITOS = {
    TipoAviso.RECORDATORIO: "capacitacion.inscripcion.recordatorio",
    TipoAviso.CAMBIO: "capacitacion.inscripcion.cambio",
    TipoAviso.CANCELACION: "capacitacion.inscripcion.cancelacion",
}
_DESTINATARIOS_DE_AVISO = {
    TipoAviso.RECORDATORIO: [EstadoInscripcion.INSCRITA],
    TipoAviso.CAMBIO: [EstadoInscripcion.INSCRITA, EstadoInscripcion.ESPERA],
    TipoAviso.CANCELACION: [EstadoInscripcion.INSCRITA, EstadoInscripcion.ESPERA],
}


def _activas(asistencias: QuerySet[Asistencia]) -> QuerySet[Asistencia]:
    return asistencias.filter(funcionario__activo=True).select_related("funcionario")


def registrar_aviso(aviso: Aviso, asistencias: QuerySet[Asistencia]) -> int:
    """El correo del aviso para cada funcionario activo de `asistencias`.
    Devuelve cuántos quedaron pendientes; los que ya existían no se repiten."""
    return buzon.registrar_varios(
        {
            "clave": f"capacitacion.aviso:{aviso.pk}:{asistencia.pk}",
            "tipo": TIPO_DE_AVISO[aviso.tipo],
            "plantilla": "capacitacion/emails/aviso",
            "para": asistencia.funcionario.correo,
            "referencia": asistencia,
            "datos": {"aviso": aviso.pk},
        }
        for asistencia in _activas(asistencias)
    )


def registrar_seguimiento(
    seguimiento: Seguimiento, asistencias: QuerySet[Asistencia]
) -> int:
    """El seguimiento para cada funcionario activo de `asistencias` (quien llama
    elige a quienes asistieron)."""
    return buzon.registrar_varios(
        {
            "clave": f"capacitacion.seguimiento:{seguimiento.pk}:{asistencia.pk}",
            "tipo": SEGUIMIENTO,
            "plantilla": "capacitacion/emails/seguimiento",
            "para": asistencia.funcionario.correo,
            "referencia": asistencia,
            "datos": {"seguimiento": seguimiento.pk},
        }
        for asistencia in _activas(asistencias)
    )


def clave_del_certificado(certificado: Certificado) -> str:
    return f"capacitacion.certificado:{certificado.pk}"


def registrar_certificados(certificados: Iterable[Certificado]) -> int:
    """El certificado de cada uno a su titular, con el PDF adjunto (se dibuja al
    enviar si aún no existe)."""
    return buzon.registrar_varios(
        {
            "clave": clave_del_certificado(certificado),
            "tipo": CERTIFICADO,
            "plantilla": "capacitacion/emails/certificado",
            "para": certificado.asistencia.funcionario.correo,
            "referencia": certificado,
            "adjuntos": [{"generar": CERTIFICADO, "certificado": certificado.pk}],
        }
        for certificado in certificados
    )


def registrar_inscripcion(inscripcion: Inscripcion, *, motivo: str) -> None:
    """El correo al ciudadano: `motivo` es «inscrita» (con cupo), «espera» (su
    puesto en la lista) o «promovida» (obtuvo cupo al cancelar otro). Con cupo
    lleva el evento de calendario."""
    buzon.registrar(
        clave=f"{INSCRIPCION}:{inscripcion.pk}:{motivo}",
        tipo=INSCRIPCION,
        plantilla="capacitacion/emails/inscripcion",
        para=inscripcion.usuario.email,
        referencia=inscripcion,
        datos={"motivo": motivo},
    )


def registrar_aviso_a_inscritos(aviso: Aviso, inscripciones) -> int:
    """El aviso de la jornada para los ciudadanos inscritos a quienes toca (ver
    `AVISO_A_INSCRITOS`). Los que ya existían no se repiten."""
    if aviso.tipo not in AVISO_A_INSCRITOS:
        return 0
    return buzon.registrar_varios(
        {
            "clave": f"capacitacion.aviso:{aviso.pk}:inscripcion:{inscripcion.pk}",
            "tipo": AVISO_A_INSCRITOS[aviso.tipo],
            "plantilla": "capacitacion/emails/aviso_inscripcion",
            "para": inscripcion.usuario.email,
            "referencia": inscripcion,
            "datos": {"aviso": aviso.pk},
        }
        for inscripcion in inscripciones.filter(
            estado__in=_DESTINATARIOS_DE_AVISO[aviso.tipo]
        ).select_related("usuario")
    )
