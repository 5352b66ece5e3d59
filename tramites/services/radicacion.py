"""Radicar una solicitud, y su constancia PDF."""

from django.db import transaction
from django.utils import timezone

from sanpedro_gel.enlaces import url_del_portal
from sanpedro_gel.excepciones import ConflictoDeEstado
from sanpedro_gel.verificacion import url_de_verificacion
from tramites.calendario import sumar_dias_habiles
from tramites.excepciones import SolicitudIncompleta
from tramites.models import AvisoPrivacidad, Estado, Solicitud
from tramites.pasos import definicion_de
from tramites.services import avisos, documentos
from tramites.services.consecutivos import siguiente_numero
from tramites.services.flujo import cambiar_estado


def radicar_solicitud(
    *,
    solicitud_id: int,
    actor,
    aviso: AvisoPrivacidad,
    como_se_entero: str = "",
    origen: str = "",
) -> Solicitud:
    """Radica el borrador `solicitud_id` de `actor`.

    En una sola transacción: vuelve a validar todo, toma el siguiente número de
    la serie y el año, fija radicado, fecha, vencimiento en días hábiles y
    código de verificación, pasa el estado a RADICADO y deja en la bandeja de
    salida el acuse de recibo con la constancia. Nada lento ni nada que hable
    con Redis o SMTP ocurre adentro: la constancia se dibuja y el acuse sale
    después del commit (y el barrido de la bandeja los retoma si el broker no
    responde). Lanza `SolicitudIncompleta` si algo falta y `ConflictoDeEstado`
    si la solicitud ya no es un borrador (un doble clic, otra pestaña): la
    segunda llamada espera el candado de la primera y no gasta un número.
    """
    with transaction.atomic():
        solicitud = (
            Solicitud.objects.select_for_update()
            .select_related("tramite", "solicitante")
            .get(pk=solicitud_id, solicitante=actor)
        )
        if solicitud.estado != Estado.BORRADOR:
            raise ConflictoDeEstado(
                f"Esta solicitud ya fue radicada con el número {solicitud.radicado}."
            )
        definicion = definicion_de(solicitud.tramite.tipo)
        errores = definicion.errores(solicitud)
        if errores:
            raise SolicitudIncompleta(errores)
        ahora = timezone.now()
        hoy = timezone.localdate(ahora)
        serie = solicitud.tramite.serie
        documento, nombre = definicion.identificacion(solicitud)
        campos = {
            "documento": documento,
            "nombre_solicitante": nombre[:250],
            "radicado_en": ahora,
            "vence_el": sumar_dias_habiles(hoy, solicitud.tramite.plazo_dias_habiles),
            "codigo_verificacion": documentos.nuevo_codigo_verificacion(),
            "aviso_privacidad": aviso,
            "aviso_aceptado_en": ahora,
            "como_se_entero": como_se_entero,
            "origen": origen[:60],
        }
        # El número se toma al final, justo antes del UPDATE que lo usa: la fila
        # del consecutivo queda bloqueada el menor tiempo posible.
        campos["radicado"] = (
            f"{serie}-{hoy.year}-{siguiente_numero(serie, hoy.year):06d}"
        )
        cambiar_estado(
            solicitud=solicitud,
            destino=Estado.RADICADO,
            actor=actor,
            descripcion="Solicitud radicada",
            campos=campos,
        )
        avisos.registrar_acuse(solicitud)
    return solicitud


def contexto_constancia(solicitud: Solicitud) -> dict:
    definicion = definicion_de(solicitud.tramite.tipo)
    return {
        "solicitud": solicitud,
        "resumen": definicion.resumen(solicitud),
        "adjuntos": solicitud.adjuntos.filter(vigente=True).select_related("requisito"),
        "url_verificacion": url_de_verificacion(solicitud.codigo_verificacion),
        "url_consulta": url_del_portal("tramites:consulta"),
    }


def nombre_constancia(solicitud: Solicitud) -> str:
    return f"constancia-{solicitud.radicado}.pdf"


def generar_constancia(*, solicitud_id: int) -> bool:
    """Dibuja y guarda la constancia PDF si aún no existe. Devuelve si la guardó.

    Sin bloquear la solicitud (ver `documentos.guardar_pdf`): la llaman el
    acuse de recibo al enviarse y la descarga desde «Mis trámites» si el
    trabajador aún no llegó. Idempotente: una constancia existente no se rehace.
    """
    solicitud = Solicitud.objects.select_related("tramite", "solicitante").get(
        pk=solicitud_id
    )
    if solicitud.constancia or solicitud.estado == Estado.BORRADOR:
        return False
    return documentos.guardar_pdf(
        solicitud,
        campo="constancia",
        nombre=nombre_constancia(solicitud),
        plantilla="tramites/pdf/constancia.html",
        contexto=contexto_constancia(solicitud),
    )


def leer_constancia(*, solicitud_id: int) -> tuple[str, bytes]:
    """(nombre, bytes) de la constancia, dibujándola primero si aún no existe."""
    generar_constancia(solicitud_id=solicitud_id)
    solicitud = Solicitud.objects.get(pk=solicitud_id)
    with solicitud.constancia.open("rb") as archivo:
        return nombre_constancia(solicitud), archivo.read()
