"""Documentos que expide la mesa de revisión: certificados, constancias y actos.

Expedir es dos pasos: dentro de la transacción que decide se crea la fila (con
su número, su código de verificación y el contenido congelado); el PDF se
produce después, fuera de la transacción, a partir de ese contenido. Así la
decisión no espera a WeasyPrint y el PDF dice siempre lo mismo aunque el
registro cambie después.
"""

from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from sanpedro_gel.pdf import render_pdf
from sanpedro_gel.verificacion import url_de_verificacion
from tramites.models import DocumentoExpedido, Solicitud, TipoDocumentoExpedido
from tramites.services.codigos import generar_codigo_verificacion
from tramites.services.consecutivos import siguiente_numero

PLANTILLAS = {
    tipo: f"tramites/pdf/{nombre}.html"
    for tipo, nombre in [
        (TipoDocumentoExpedido.CERTIFICADO_INSCRIPCION, "certificado_inscripcion"),
        (TipoDocumentoExpedido.CONSTANCIA_NOVEDAD, "constancia_novedad"),
        (TipoDocumentoExpedido.RESOLUCION_HORARIO, "resolucion_horario"),
        (TipoDocumentoExpedido.RESOLUCION_RECHAZO, "resolucion_rechazo"),
        (TipoDocumentoExpedido.RESOLUCION_DESISTIMIENTO, "resolucion_desistimiento"),
    ]
}

SERIE_RESOLUCION = "RES"


def numero_de_resolucion(anio: int) -> str:
    """RES-<AÑO>-<NNNN>, sin huecos. Dentro de la transacción que expide el acto."""
    return f"{SERIE_RESOLUCION}-{anio}-{siguiente_numero(SERIE_RESOLUCION, anio):04d}"


def firmante(actor) -> dict:
    if actor is None:
        return {"nombre": "", "automatico": True}
    return {"nombre": actor.get_full_name() or actor.email, "automatico": False}


def datos_de_la_solicitud(solicitud: Solicitud) -> dict:
    """Lo que todo documento cuenta de la solicitud que lo originó."""
    return {
        "radicado": solicitud.radicado,
        "radicado_en": timezone.localtime(solicitud.radicado_en).isoformat(),
        "tramite": solicitud.tramite.nombre,
        "dependencia": solicitud.tramite.dependencia,
        "solicitante": solicitud.nombre_solicitante,
        "documento": solicitud.documento,
    }


def expedir(
    *,
    solicitud: Solicitud,
    tipo: str,
    actor,
    contenido: dict,
    numerada: bool = False,
    vigente_desde: date | None = None,
    vigente_hasta: date | None = None,
    contribuyente=None,
    establecimiento=None,
) -> DocumentoExpedido:
    """Crea la fila del documento. Debe llamarse en la transacción que decide.

    `numerada` toma el siguiente número de resolución del año. El PDF se
    genera después con `generar_pdf` (lo hace el aviso al ciudadano).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("expedir() debe llamarse dentro de transaction.atomic().")
    ahora = timezone.now()
    numero = numero_de_resolucion(timezone.localdate(ahora).year) if numerada else ""
    return DocumentoExpedido.objects.create(
        solicitud=solicitud,
        tipo=tipo,
        numero=numero,
        codigo_verificacion=generar_codigo_verificacion(),
        contenido={
            **datos_de_la_solicitud(solicitud),
            "firmante": firmante(actor),
            **contenido,
        },
        expedido_en=ahora,
        expedido_por=actor,
        vigente_desde=vigente_desde,
        vigente_hasta=vigente_hasta,
        contribuyente=contribuyente,
        establecimiento=establecimiento,
    )


def url_verificacion(documento: DocumentoExpedido) -> str:
    return url_de_verificacion(documento.codigo_verificacion)


def contexto_pdf(documento: DocumentoExpedido) -> dict:
    return {
        "documento": documento,
        "c": documento.contenido,
        "url_verificacion": url_verificacion(documento),
    }


def generar_pdf(*, documento_id: int) -> bool:
    """Produce y guarda el PDF del documento si aún no existe. Devuelve si lo hizo.

    Idempotente: con la fila bloqueada, un PDF existente no se rehace.
    """
    with transaction.atomic():
        documento = (
            DocumentoExpedido.objects.select_for_update(of=("self",))
            .select_related("solicitud__tramite")
            .get(pk=documento_id)
        )
        if documento.archivo:
            return False
        contenido = render_pdf(PLANTILLAS[documento.tipo], contexto_pdf(documento))
        documento.archivo.save(
            documento.nombre_archivo, ContentFile(contenido), save=False
        )
        DocumentoExpedido.objects.filter(pk=documento.pk).update(
            archivo=documento.archivo.name
        )
    return True


def leer_pdf(documento: DocumentoExpedido) -> bytes:
    """Los bytes del PDF, generándolo primero si aún no existe."""
    if not documento.archivo:
        generar_pdf(documento_id=documento.pk)
        documento.refresh_from_db()
    with documento.archivo.open("rb") as archivo:
        return archivo.read()
