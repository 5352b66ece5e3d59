"""Radicar una solicitud y producir sus efectos: constancia PDF y acuse de recibo."""

import logging
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from sanpedro_gel.correo import enviar_correo
from sanpedro_gel.pdf import render_pdf
from sanpedro_gel.tareas import encolar_al_confirmar
from tramites.models import AvisoPrivacidad, Estado, Solicitud
from tramites.pasos import definicion_de
from tramites.services.calendario import sumar_dias_habiles
from tramites.services.codigos import (  # noqa: F401 (ALFABETO_CODIGO se reexporta)
    ALFABETO_CODIGO,
    generar_codigo_verificacion,
)
from tramites.services.consecutivos import siguiente_numero
from tramites.services.flujo import ConflictoDeEstado, cambiar_estado

logger = logging.getLogger(__name__)


class SolicitudIncompleta(Exception):
    """No pasa la validación completa; `errores` dice qué falta en cada paso."""

    def __init__(self, errores: dict[str, list[str]]):
        super().__init__("La solicitud tiene datos incompletos o inválidos.")
        self.errores = errores


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
    código de verificación, y pasa el estado a RADICADO. Nada lento ni nada que
    hable con Redis o SMTP ocurre adentro; la constancia y el acuse se encolan
    para después del commit (y el barrido periódico los retoma si el broker no
    responde). Lanza `SolicitudIncompleta` si algo falta y `ConflictoDeEstado`
    si la solicitud ya no es un borrador (un doble clic, otra pestaña): la
    segunda llamada espera el candado de la primera y no gasta un número.
    """
    with transaction.atomic():
        solicitud = (
            Solicitud.objects.select_for_update()
            .select_related("tramite")
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
            "codigo_verificacion": generar_codigo_verificacion(),
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
        from tramites.tasks import completar_radicacion

        encolar_al_confirmar(completar_radicacion, solicitud.pk)
    return solicitud


def generar_constancia(*, solicitud_id: int) -> bool:
    """Genera y guarda la constancia PDF si aún no existe. Devuelve si la generó.

    Idempotente: con la fila bloqueada, una constancia existente no se rehace.
    """
    with transaction.atomic():
        solicitud = (
            Solicitud.objects.select_for_update()
            .select_related("tramite", "solicitante")
            .get(pk=solicitud_id)
        )
        if solicitud.constancia or solicitud.estado == Estado.BORRADOR:
            return False
        contenido = render_pdf(
            "tramites/pdf/constancia.html", contexto_constancia(solicitud)
        )
        solicitud.constancia.save(
            f"constancia-{solicitud.radicado}.pdf", ContentFile(contenido), save=False
        )
        Solicitud.objects.filter(pk=solicitud.pk).update(
            constancia=solicitud.constancia.name
        )
    return True


def contexto_constancia(solicitud: Solicitud) -> dict:
    from sanpedro_gel.verificacion import url_de_verificacion

    definicion = definicion_de(solicitud.tramite.tipo)
    url = url_de_verificacion(solicitud.codigo_verificacion)
    return {
        "solicitud": solicitud,
        "resumen": definicion.resumen(solicitud),
        "adjuntos": solicitud.adjuntos.filter(vigente=True).select_related("requisito"),
        "url_verificacion": url,
    }


def enviar_acuse(*, solicitud_id: int) -> bool:
    """Envía el acuse de recibo con la constancia adjunta, una sola vez.

    Con la fila bloqueada: si `acuse_enviado_en` ya tiene fecha no hace nada; si
    no, envía y marca. Si el SMTP falla no se marca y se reintenta después. (Si
    el SMTP aceptara el correo y luego fallara el commit, el acuse podría salir
    dos veces: el orden enviar-marcar prefiere eso a no enviarlo nunca.)
    """
    generar_constancia(solicitud_id=solicitud_id)
    with transaction.atomic():
        solicitud = (
            Solicitud.objects.select_for_update()
            .select_related("tramite", "solicitante")
            .get(pk=solicitud_id)
        )
        if solicitud.acuse_enviado_en or solicitud.estado == Estado.BORRADOR:
            return False
        with solicitud.constancia.open("rb") as archivo:
            pdf = archivo.read()
        enviar_correo(
            "tramites/emails/acuse_recibo",
            {"solicitud": solicitud},
            [solicitud.solicitante.email],
            adjuntos=[(f"constancia-{solicitud.radicado}.pdf", pdf, "application/pdf")],
        )
        Solicitud.objects.filter(pk=solicitud.pk).update(
            acuse_enviado_en=timezone.now()
        )
    return True


def completar_efectos_pendientes(
    *, antiguedad: timedelta = timedelta(seconds=60)
) -> int:
    """Barrido: constancia y acuse de las radicadas que aún no los tienen.

    Solo toma las radicadas hace más de `antiguedad`, para no competir con la
    tarea que encoló la radicación. Devuelve cuántas procesó. Inofensivo si se
    corre varias veces o en paralelo: cada efecto se guarda con su candado.
    """
    limite = timezone.now() - antiguedad
    pendientes = list(
        Solicitud.objects.con_efectos_pendientes()
        .filter(radicado_en__lte=limite)
        .order_by("radicado_en")
        .values_list("pk", flat=True)[:200]
    )
    for solicitud_id in pendientes:
        try:
            enviar_acuse(solicitud_id=solicitud_id)
        except Exception:
            logger.exception("No se pudo completar la radicación %s", solicitud_id)
    return len(pendientes)
