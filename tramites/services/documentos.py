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
from sanpedro_gel.verificacion import codigo_libre, url_de_verificacion
from tramites.models import DocumentoExpedido, Solicitud, TipoDocumentoExpedido
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


def nuevo_codigo_verificacion() -> str:
    """Un código de 8 caracteres que no usa ninguna solicitud ni ningún documento.

    Una sola página (/verificar/<código>/) resuelve los dos, así que el código
    debe ser único entre ambas tablas.
    """
    return codigo_libre(longitud=8, modelos=(Solicitud, DocumentoExpedido))


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
    genera después con `generar_pdf` (al enviarse el aviso al ciudadano, o al
    descargarlo).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("expedir() debe llamarse dentro de transaction.atomic().")
    ahora = timezone.now()
    numero = numero_de_resolucion(timezone.localdate(ahora).year) if numerada else ""
    return DocumentoExpedido.objects.create(
        solicitud=solicitud,
        tipo=tipo,
        numero=numero,
        codigo_verificacion=nuevo_codigo_verificacion(),
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


def guardar_pdf(instancia, *, campo: str, nombre: str, plantilla: str, contexto):
    """Dibuja `plantilla` y guarda el PDF en el archivo `campo` de `instancia`
    si la fila aún no lo tiene. Devuelve si lo guardó.

    Sin bloquear la fila ni abrir transacción mientras se dibuja: el nombre del
    archivo se anota con un UPDATE condicionado a que el campo siga vacío. Si
    otro proceso lo guardó primero, se borra la copia de este y queda la otra.
    """
    archivo = getattr(instancia, campo)
    archivo.save(nombre, ContentFile(render_pdf(plantilla, contexto)), save=False)
    anotado = (
        type(instancia)
        ._default_manager.filter(pk=instancia.pk, **{campo: ""})
        .update(**{campo: archivo.name})
    )
    if not anotado:
        archivo.storage.delete(archivo.name)
        instancia.refresh_from_db(fields=[campo])
    return bool(anotado)


def generar_pdf(*, documento_id: int) -> bool:
    """Produce y guarda el PDF del documento si aún no existe. Devuelve si lo hizo.

    Idempotente y sin bloqueos (ver `guardar_pdf`): un PDF existente no se rehace.
    """
    documento = DocumentoExpedido.objects.select_related("solicitud__tramite").get(
        pk=documento_id
    )
    if documento.archivo:
        return False
    return guardar_pdf(
        documento,
        campo="archivo",
        nombre=documento.nombre_archivo,
        plantilla=PLANTILLAS[documento.tipo],
        contexto=contexto_pdf(documento),
    )


def leer_pdf(documento: DocumentoExpedido) -> bytes:
    """Los bytes del PDF, generándolo primero si aún no existe."""
    if not documento.archivo:
        generar_pdf(documento_id=documento.pk)
        documento.refresh_from_db(fields=["archivo"])
    with documento.archivo.open("rb") as archivo:
        return archivo.read()
