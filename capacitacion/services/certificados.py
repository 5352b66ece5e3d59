"""Certificados de asistencia y lista de asistencia imprimible.

Expedir es dos pasos, como los documentos de trámites: en la transacción que
cierra la jornada (o registra una asistencia tardía) se crea la fila con su
código y el contenido congelado; el PDF y el correo salen después, por la cola
transaccional.
"""

import logging
from datetime import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from capacitacion.models import Certificado, Jornada
from sanpedro_gel.formato import fecha_hora, fecha_larga
from sanpedro_gel.pdf import render_pdf
from sanpedro_gel.tareas import encolar_al_confirmar
from sanpedro_gel.verificacion import codigo_libre, url_de_verificacion

logger = logging.getLogger(__name__)

MAX_INTENTOS_ENVIO = 5

# Diez caracteres: los códigos de trámites tienen ocho, así que un certificado
# nunca comparte código con una constancia o una resolución en /verificar/.
LONGITUD_CODIGO = 10


def generar_codigo() -> str:
    return codigo_libre(longitud=LONGITUD_CODIGO, modelos=(Certificado,))


def url_verificacion(certificado: Certificado) -> str:
    return url_de_verificacion(certificado.codigo_verificacion)


def emitir_certificados(*, jornada: Jornada, ahora: datetime | None = None) -> int:
    """Crea el certificado de cada asistente que aún no lo tiene y encola su PDF y
    su correo. Devuelve cuántos creó. Inofensivo llamarla dos veces (un
    certificado por asistencia, con restricción única)."""
    from capacitacion.tasks import entregar_certificado

    ahora = ahora or timezone.now()
    creados = 0
    pendientes = jornada.asistencias.filter(
        asistio_en__isnull=False, certificado__isnull=True
    ).select_related("funcionario__dependencia")
    for asistencia in pendientes:
        funcionario = asistencia.funcionario
        certificado = Certificado.objects.create(
            asistencia=asistencia,
            codigo_verificacion=generar_codigo(),
            expedido_en=ahora,
            contenido={
                "nombre": funcionario.nombre_completo,
                "cargo": funcionario.cargo,
                "dependencia": funcionario.dependencia.nombre,
                "jornada": jornada.titulo,
                "tipo": jornada.get_tipo_display(),
                "fecha": fecha_larga(jornada.inicio),
                "inicio": fecha_hora(jornada.inicio),
                "lugar": jornada.lugar,
                "horas": jornada.horas,
                "temas": jornada.temas_legibles,
                "responsable": (
                    jornada.responsable.get_full_name() if jornada.responsable else ""
                ),
            },
        )
        encolar_al_confirmar(entregar_certificado, certificado.pk)
        creados += 1
    return creados


def generar_pdf(*, certificado_id: int) -> bool:
    """Produce y guarda el PDF si aún no existe. Devuelve si lo hizo."""
    with transaction.atomic():
        certificado = (
            Certificado.objects.select_for_update().filter(pk=certificado_id).first()
        )
        if certificado is None or certificado.archivo:
            return False
        contenido = certificado_pdf(certificado)
        certificado.archivo.save(
            certificado.nombre_archivo, ContentFile(contenido), save=False
        )
        Certificado.objects.filter(pk=certificado.pk).update(
            archivo=certificado.archivo.name
        )
    return True


def certificado_pdf(certificado: Certificado) -> bytes:
    return render_pdf(
        "capacitacion/pdf/certificado.html",
        {
            "certificado": certificado,
            "c": certificado.contenido,
            "url_verificacion": url_verificacion(certificado),
        },
    )


def leer_pdf(certificado: Certificado) -> bytes:
    if not certificado.archivo:
        generar_pdf(certificado_id=certificado.pk)
        certificado.refresh_from_db()
    with certificado.archivo.open("rb") as archivo:
        return archivo.read()


def enviar_certificado(*, certificado_id: int, ahora: datetime | None = None) -> bool:
    """Envía el certificado (PDF adjunto) a su titular si no se envió. Devuelve
    si lo envió. A lo sumo una vez: fila bloqueada, sello y envío en una
    transacción. Un fallo de SMTP cuenta un intento; el despacho reintenta cada
    diez minutos hasta MAX_INTENTOS_ENVIO.
    """
    from sanpedro_gel.correo import enviar_correo

    ahora = ahora or timezone.now()
    generar_pdf(certificado_id=certificado_id)
    with transaction.atomic():
        certificado = (
            Certificado.objects.select_for_update(of=("self",))
            .select_related("asistencia__funcionario", "asistencia__jornada")
            .filter(pk=certificado_id, enviado_en__isnull=True)
            .first()
        )
        if certificado is None:
            return False
        funcionario = certificado.asistencia.funcionario
        try:
            enviar_correo(
                "capacitacion/emails/certificado",
                {
                    "certificado": certificado,
                    "c": certificado.contenido,
                    "jornada": certificado.asistencia.jornada,
                    "enlace_descarga": settings.PORTAL_URL
                    + reverse("capacitacion:mis_certificados"),
                    "url_verificacion": url_verificacion(certificado),
                },
                [funcionario.correo],
                adjuntos=[
                    (
                        certificado.nombre_archivo,
                        leer_pdf(certificado),
                        "application/pdf",
                    )
                ],
            )
        except Exception as error:
            logger.warning(
                "No se pudo enviar el certificado %s: %s", certificado_id, error
            )
            Certificado.objects.filter(pk=certificado.pk).update(
                intentos_envio=F("intentos_envio") + 1, ultimo_intento_en=ahora
            )
            return False
        Certificado.objects.filter(pk=certificado.pk).update(
            enviado_en=ahora, ultimo_intento_en=ahora
        )
    return True


def lista_asistencia_pdf(jornada: Jornada) -> bytes:
    """La lista para imprimir y firmar el día de la jornada: un renglón por
    convocado, en orden alfabético, con espacio para la firma."""
    asistencias = list(
        jornada.asistencias.select_related("funcionario__dependencia").order_by(
            "funcionario__apellidos", "funcionario__nombres"
        )
    )
    return render_pdf(
        "capacitacion/pdf/lista_asistencia.html",
        {"jornada": jornada, "asistencias": asistencias},
    )
