"""Cómo se arma cada correo de los trámites al salir de la bandeja: los
preparadores (el contexto de la plantilla) y los generadores de los PDF
adjuntos. Corren en el remitente del núcleo, fuera de toda transacción; se
registran al importar este módulo desde `TramitesConfig.ready()`.

Dónde se registra cada correo (y con qué clave): `tramites/services/avisos.py`.
"""

from datetime import date, datetime

from sanpedro_gel.buzon import MensajeObsoleto, generador_de_adjunto, tipo_de_mensaje
from sanpedro_gel.enlaces import url_del_portal
from tramites.models import Actuacion, DocumentoExpedido, Estado
from tramites.selectores import subsanacion_pendiente
from tramites.services import (
    avisos,
    documentos,
    radicacion,
    retencion,
    titularidad,
)

PDF = "application/pdf"


@tipo_de_mensaje(avisos.ACUSE, "Trámites: acuse de recibo con la constancia")
def preparar_acuse(mensaje) -> dict:
    solicitud = mensaje.referencia
    return {
        "solicitud": solicitud,
        "url_solicitud": url_del_portal("tramites:solicitud", pk=solicitud.pk),
        "url_consulta": url_del_portal("tramites:consulta"),
    }


@tipo_de_mensaje(
    titularidad.CODIGO_RECLAMO, "Trámites: código para reclamar un registro"
)
def preparar_codigo_reclamo(mensaje) -> dict:
    reclamo = mensaje.referencia
    if reclamo is None or reclamo.usado_en:
        raise MensajeObsoleto("El reclamo ya se usó o no existe.")
    return {
        "reclamo": reclamo,
        "contribuyente": reclamo.contribuyente,
        "codigo": titularidad.codigo_de(reclamo),
        "minutos": int(titularidad.VIGENCIA_CODIGO.total_seconds() // 60),
        "url": url_del_portal("tramites:mis_establecimientos"),
    }


@tipo_de_mensaje(avisos.AVISO, "Trámites: aviso al ciudadano de una actuación")
def preparar_aviso(mensaje) -> dict:
    actuacion = Actuacion.objects.select_related(
        "solicitud__tramite", "solicitud__solicitante", "documento"
    ).get(pk=mensaje.referencia_id)
    return contexto_aviso(actuacion)


def contexto_aviso(actuacion: Actuacion) -> dict:
    solicitud = actuacion.solicitud
    contexto = {
        "actuacion": actuacion,
        "solicitud": solicitud,
        "documento": actuacion.documento,
        "url_solicitud": url_del_portal("tramites:solicitud", pk=solicitud.pk),
    }
    if actuacion.aviso in ("subsanacion", "ampliacion_subsanacion"):
        contexto["subsanacion"] = subsanacion_pendiente(solicitud)
        contexto["url_subsanar"] = url_del_portal("tramites:subsanar", pk=solicitud.pk)
    if actuacion.aviso in ("aprobada", "rechazada"):
        contexto["url_calificar"] = url_del_portal(
            "tramites:calificar", pk=solicitud.pk
        )
    if actuacion.documento:
        contexto["url_documento"] = url_del_portal(
            "tramites:documento_expedido",
            pk=solicitud.pk,
            documento_pk=actuacion.documento.pk,
        )
        contexto["url_verificacion"] = documentos.url_verificacion(actuacion.documento)
    return contexto


@tipo_de_mensaje(avisos.RESUMEN_REVISOR, "Trámites: resumen diario de un revisor")
def preparar_resumen(mensaje) -> dict:
    usuario = mensaje.referencia
    hoy = date.fromisoformat(mensaje.datos["hoy"])
    resumen = avisos.resumen_de(usuario, hoy)
    if not avisos.hay_pendientes(resumen):
        raise MensajeObsoleto("El revisor ya no tiene solicitudes pendientes.")
    return {
        **resumen,
        "usuario": usuario,
        "hoy": hoy,
        "url_bandeja": url_del_portal("admin:tramites_solicitud_changelist"),
    }


@generador_de_adjunto(avisos.CONSTANCIA)
def adjuntar_constancia(*, solicitud_id: int):
    nombre, contenido = radicacion.leer_constancia(solicitud_id=solicitud_id)
    return nombre, contenido, PDF


@generador_de_adjunto(avisos.DOCUMENTO_EXPEDIDO)
def adjuntar_documento(*, documento_id: int):
    documento = DocumentoExpedido.objects.select_related("solicitud").get(
        pk=documento_id
    )
    return documento.nombre_archivo, documentos.leer_pdf(documento), PDF


@tipo_de_mensaje(
    retencion.AVISO_BORRADOR, "Trámites: aviso de que un borrador olvidado se borrará"
)
def preparar_aviso_borrador(mensaje) -> dict:
    solicitud = mensaje.referencia
    if solicitud is None or solicitud.estado != Estado.BORRADOR:
        raise MensajeObsoleto("El borrador ya se radicó o se descartó.")
    return {
        "solicitud": solicitud,
        "nombre": solicitud.solicitante.first_name,
        "se_borra_el": datetime.fromisoformat(mensaje.datos["se_borra_el"]),
        "dias_aviso": mensaje.datos["dias_aviso"],
        "dias_sin_cambios": mensaje.datos["dias_sin_cambios"],
        "url_solicitud": url_del_portal("tramites:solicitud", pk=solicitud.pk),
    }
