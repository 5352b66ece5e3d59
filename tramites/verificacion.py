"""¿Es auténtico y está vigente? Lo que /verificar/<código>/ (la vista del
núcleo) muestra de los trámites: la constancia de radicación de una solicitud y
los documentos expedidos (certificados, constancias y resoluciones), con sus
buscadores registrados en `sanpedro_gel.verificacion`.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from sanpedro_gel.formato import fecha_hora, fecha_larga
from sanpedro_gel.verificacion import (
    DocumentoVerificado,
    enmascarar,
    registrar_buscador,
)
from tramites.models import (
    DocumentoExpedido,
    EstadoRegistro,
    Solicitud,
    TipoDocumentoExpedido,
)
from tramites.templatetags.mesa import hora


@registrar_buscador
def buscar_constancia(codigo: str) -> DocumentoVerificado | None:
    solicitud = (
        Solicitud.objects.radicadas()
        .select_related("tramite")
        .filter(codigo_verificacion=codigo)
        .first()
    )
    if solicitud is None:
        return None
    return DocumentoVerificado(
        tipo="Constancia de radicación",
        titulo=solicitud.radicado,
        codigo=solicitud.codigo_verificacion,
        filas=[
            ("Trámite", solicitud.tramite.nombre),
            ("Radicado", solicitud.radicado),
            ("Fecha y hora de radicación", fecha_hora(solicitud.radicado_en)),
            ("Solicitante", solicitud.nombre_solicitante),
            ("Documento del solicitante", enmascarar(solicitud.documento)),
            ("Estado actual", solicitud.get_estado_display()),
            ("Fecha máxima de respuesta", fecha_larga(solicitud.vence_el)),
        ],
        nota="La constancia prueba que la Alcaldía recibió la solicitud en esa fecha "
        "y hora; no es la decisión del trámite.",
    )


@dataclass(frozen=True)
class Verificacion:
    documento: DocumentoExpedido
    vigente: bool
    explicacion: str

    @property
    def autentico(self) -> bool:
        return True

    @property
    def datos(self) -> list[tuple[str, str]]:
        """Lo esencial del documento, para que quien lo tiene lo compare."""
        documento, c = self.documento, self.documento.contenido
        filas = []
        if documento.numero:
            filas.append(("Número", documento.numero))
        filas += [
            ("Expedido el", fecha_larga(documento.expedido_en)),
            ("Trámite", c.get("tramite", "")),
            ("Radicado de la solicitud", c.get("radicado", "")),
        ]
        if c.get("matricula"):
            filas.append(("Matrícula ICA", c["matricula"]))
        persona = c.get("contribuyente") or {}
        if persona.get("nombre"):
            filas.append(("Contribuyente", persona["nombre"]))
        local = c.get("establecimiento") or {}
        if local.get("nombre_comercial"):
            filas.append(
                (
                    "Establecimiento",
                    f"{local['nombre_comercial']}, {local['direccion']}",
                )
            )
        if c.get("hora_cierre"):
            filas.append(("Hora de cierre autorizada", hora(c["hora_cierre"])))
        if documento.vigente_desde and documento.es_resolucion:
            desde = fecha_larga(documento.vigente_desde)
            hasta = documento.vigente_hasta
            filas.append(
                (
                    "Vigencia",
                    f"Del {desde} al {fecha_larga(hasta)}"
                    if hasta
                    else f"Permanente, desde el {desde}",
                )
            )
        if not persona.get("nombre") and c.get("solicitante"):
            nombre = c["solicitante"]
            filas.append(
                (
                    "Solicitante",
                    nombre["nombre"] if isinstance(nombre, dict) else nombre,
                )
            )
        return filas


def vigencia(documento: DocumentoExpedido, hoy: date) -> tuple[bool, str]:
    """(vigente, explicación) del documento `hoy`, según lo que acredita."""
    tipo = documento.tipo
    if tipo == TipoDocumentoExpedido.CERTIFICADO_INSCRIPCION:
        contribuyente = documento.contribuyente
        if contribuyente is None or contribuyente.estado != EstadoRegistro.ACTIVO:
            cancelado = (
                f" el {contribuyente.cancelado_el:%d/%m/%Y}"
                if contribuyente and contribuyente.cancelado_el
                else ""
            )
            return False, (
                f"El registro de Industria y Comercio fue cancelado{cancelado}: el "
                "certificado ya no acredita una inscripción vigente."
            )
        return True, (
            f"La matrícula {contribuyente.matricula} sigue activa en el registro "
            "de Industria y Comercio del municipio."
        )
    if tipo == TipoDocumentoExpedido.RESOLUCION_HORARIO:
        local = documento.establecimiento
        if (
            local is None
            or not local.activo
            or (local.contribuyente.estado != EstadoRegistro.ACTIVO)
        ):
            return False, (
                "El establecimiento ya no está activo en el registro: el permiso "
                "no está vigente."
            )
        if documento.vigente_desde and hoy < documento.vigente_desde:
            desde = documento.vigente_desde
            return False, f"El permiso aún no rige: empieza el {desde:%d/%m/%Y}."
        if documento.vigente_hasta and hoy > documento.vigente_hasta:
            return False, (f"El permiso venció el {documento.vigente_hasta:%d/%m/%Y}.")
        return True, "El permiso de ampliación de horario está vigente hoy."
    if tipo == TipoDocumentoExpedido.CONSTANCIA_NOVEDAD:
        return True, (
            "La constancia da fe de la novedad registrada en la fecha de expedición."
        )
    return True, (
        "Acto administrativo expedido por la Alcaldía; consulte en él los recursos "
        "que proceden."
    )


def verificar_documento(codigo: str, hoy: date | None = None) -> Verificacion | None:
    """La verificación del documento con ese código, o None si no es de ninguno."""
    codigo = (codigo or "").strip().upper()
    documento = (
        DocumentoExpedido.objects.select_related(
            "contribuyente", "establecimiento__contribuyente", "solicitud__tramite"
        )
        .filter(codigo_verificacion=codigo)
        .first()
    )
    if documento is None:
        return None
    vigente, explicacion = vigencia(documento, hoy or timezone.localdate())
    return Verificacion(documento=documento, vigente=vigente, explicacion=explicacion)


@registrar_buscador
def buscar_documento_expedido(codigo: str) -> DocumentoVerificado | None:
    """Buscador del selector de verificación para los documentos expedidos."""
    verificacion = verificar_documento(codigo)
    if verificacion is None:
        return None
    documento, contenido = verificacion.documento, verificacion.documento.contenido
    return DocumentoVerificado(
        tipo=documento.get_tipo_display(),
        titulo=documento.numero or contenido.get("matricula") or contenido["radicado"],
        codigo=documento.codigo_verificacion,
        filas=verificacion.datos,
        nota=verificacion.explicacion,
        vigente=verificacion.vigente,
    )
