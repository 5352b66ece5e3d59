"""Certificados de asistencia y la lista de asistencia imprimible.

Expedir es dos pasos: en la transacción que cierra la jornada (o registra una
asistencia tardía) se crea la fila con su código, el contenido congelado y su
correo en la bandeja de salida. El PDF se dibuja después, fuera de todo
bloqueo, la primera vez que alguien lo necesita (el correo que lo adjunta o la
descarga), y se guarda una sola vez.
"""

from datetime import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from capacitacion.models import Certificado, EstadoAsistencia, Jornada
from capacitacion.services import mensajes
from sanpedro_gel.formato import fecha_hora, fecha_larga
from sanpedro_gel.pdf import render_pdf
from sanpedro_gel.verificacion import codigo_libre, url_de_verificacion

# Diez caracteres: los códigos de trámites tienen ocho, así que un certificado
# nunca comparte código con una constancia o una resolución en /verificar/.
LONGITUD_CODIGO = 10


def generar_codigo() -> str:
    return codigo_libre(longitud=LONGITUD_CODIGO, modelos=(Certificado,))


def url_verificacion(certificado: Certificado) -> str:
    return url_de_verificacion(certificado.codigo_verificacion)


def emitir_certificados(*, jornada: Jornada, ahora: datetime | None = None) -> int:
    """Crea el certificado de cada asistente que aún no lo tiene y deja su correo
    en la bandeja, en la transacción de quien llama. Devuelve cuántos creó.
    Inofensivo llamarla dos veces (un certificado por asistencia, con
    restricción única, y un correo por certificado)."""
    ahora = ahora or timezone.now()
    pendientes = jornada.asistencias.filter(
        estado=EstadoAsistencia.ASISTIO, certificado__isnull=True
    ).select_related("funcionario__dependencia")
    responsable = jornada.responsable.get_full_name() if jornada.responsable else ""
    nuevos = [
        Certificado.objects.create(
            asistencia=asistencia,
            codigo_verificacion=generar_codigo(),
            expedido_en=ahora,
            contenido={
                "nombre": asistencia.funcionario.nombre_completo,
                "cargo": asistencia.funcionario.cargo,
                "dependencia": asistencia.funcionario.dependencia.nombre,
                "jornada": jornada.titulo,
                "tipo": jornada.get_tipo_display(),
                "fecha": fecha_larga(jornada.inicio),
                "inicio": fecha_hora(jornada.inicio),
                "lugar": jornada.lugar,
                "horas": jornada.horas,
                "temas": jornada.temas_legibles,
                "responsable": responsable,
            },
        )
        for asistencia in pendientes
    ]
    mensajes.registrar_certificados(nuevos)
    return len(nuevos)


def generar_pdf(*, certificado_id: int) -> bool:
    """Dibuja y guarda el PDF si aún no existe. Devuelve si esta llamada lo
    guardó.

    Sin bloquear la fila: si dos lo dibujan a la vez, el UPDATE condicionado a
    `archivo` vacío guarda el primero y el otro borra su copia.
    """
    certificado = Certificado.objects.filter(pk=certificado_id).first()
    if certificado is None or certificado.archivo:
        return False
    contenido = certificado_pdf(certificado)
    certificado.archivo.save(
        certificado.nombre_archivo, ContentFile(contenido), save=False
    )
    guardado = Certificado.objects.filter(pk=certificado.pk, archivo="").update(
        archivo=certificado.archivo.name
    )
    if not guardado:
        certificado.archivo.delete(save=False)
    return bool(guardado)


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
    """Los bytes del PDF; lo dibuja antes si aún no existe."""
    if not certificado.archivo:
        generar_pdf(certificado_id=certificado.pk)
        certificado.refresh_from_db()
    with certificado.archivo.open("rb") as archivo:
        return archivo.read()


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
