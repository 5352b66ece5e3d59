"""Lo que las personas hacen con las piezas y campañas: programar, pausar,
reanudar, cancelar, reintentar y probar.

El estado de la pieza lo escribe `estado_pieza.cambiar_estado`; el de la
campaña, `cambiar_estado_campana`, aquí. Ambos validan con su tabla
(`comunicaciones/estados.py`) y cambian con una actualización condicional.
"""

import uuid
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from comunicaciones import estados
from comunicaciones.excepciones import PiezaIncompleta
from comunicaciones.models import (
    ORIGEN_POR_CANAL,
    Campana,
    Canal,
    Destinatarios,
    Pieza,
    etiqueta_de_origen_valida,
)
from comunicaciones.services import lotes, tareas
from comunicaciones.services.despacho import encolar_lotes
from comunicaciones.services.estado_pieza import cambiar_estado
from sanpedro_gel import buzon
from sanpedro_gel.excepciones import TransicionInvalida
from sanpedro_gel.reloj import hora_de_bogota
from sanpedro_gel.texto import enlace_valido
from sanpedro_gel.transiciones import mover_estado

PRUEBA = "comunicaciones.prueba"


# --- Validación ------------------------------------------------------------------


def problemas_de_la_pieza(pieza: Pieza) -> list[str]:
    """Lo que le falta a una pieza guardada para poder programarse."""
    problemas = []
    if pieza.programada_para is None:
        problemas.append("Indique la fecha y hora de la pieza (hora de Colombia).")
    if not pieza.titulo.strip():
        problemas.append("Escriba el título o asunto.")
    if (
        pieza.canal
        in {
            Canal.CORREO,
            Canal.CARTA_ALCALDE,
            Canal.INTRANET,
            Canal.NOTICIA,
        }
        and not pieza.cuerpo.strip()
    ):
        problemas.append("Escriba el texto de la pieza.")
    if pieza.imagen and not pieza.texto_alternativo.strip():
        problemas.append("Describa la imagen en «texto alternativo» (accesibilidad).")
    if (
        pieza.visible_hasta
        and pieza.programada_para
        and pieza.visible_hasta <= pieza.programada_para
    ):
        problemas.append("«Visible hasta» debe ser posterior a la hora programada.")
    if pieza.enlace and not enlace_valido(pieza.enlace):
        problemas.append(
            "El enlace debe empezar por https://, http:// o / (una ruta del portal)."
        )
    if pieza.visible_hasta and pieza.visible_hasta <= timezone.now():
        problemas.append("«Visible hasta» ya pasó: nadie alcanzaría a verla.")
    if pieza.etiqueta_origen and not etiqueta_de_origen_valida(
        pieza.canal, pieza.etiqueta_origen
    ):
        problemas.append(
            f"La etiqueta de origen debe ser «{ORIGEN_POR_CANAL[pieza.canal]}» o "
            f"empezar por «{ORIGEN_POR_CANAL[pieza.canal]}-» (minúsculas, números "
            "y guiones)."
        )

    if pieza.canal == Canal.CORREO:
        if not pieza.destinatarios:
            problemas.append("Elija los destinatarios del correo.")
        if pieza.destinatarios == Destinatarios.SUSCRIPTORES and _filtros_internos(
            pieza
        ):
            problemas.append(
                "Un correo a suscriptores no se filtra por dependencia, vinculación "
                "o rol: use un segmento."
            )
    if pieza.encuesta_id:
        if pieza.canal != Canal.CORREO or pieza.destinatarios != (
            Destinatarios.PERSONAL
        ):
            problemas.append(
                "La encuesta interna solo va en un correo a los servidores públicos."
            )
        elif pieza.encuesta.cierra_en <= timezone.now():
            problemas.append("La encuesta de la pieza ya cerró: elija otra.")
    if pieza.para_el_personal and pieza.segmento_id:
        problemas.append("Los segmentos son de suscriptores, no del personal.")
    if pieza.canal == Canal.CARTA_ALCALDE and (
        pieza.firma is None or not pieza.firma.imagen
    ):
        problemas.append("Elija la firma del alcalde (con su imagen) para la carta.")
    if pieza.canal == Canal.BANNER:
        if not pieza.imagen:
            problemas.append("El banner necesita una imagen.")
        if pieza.visible_hasta is None:
            problemas.append("Indique hasta cuándo se ve el banner.")
        if not pieza.enlace_con_origen():
            problemas.append(
                "El banner necesita un enlace (o que la campaña promueva un trámite)."
            )
    return problemas


def _filtros_internos(pieza: Pieza) -> bool:
    return bool(
        pieza.vinculaciones or pieza.dependencias.exists() or pieza.roles.exists()
    )


# --- Programar y desprogramar ------------------------------------------------------


def programar_pieza(
    *, pieza_id: int, usuario, programada_para: datetime | None = None
) -> Pieza:
    """BORRADOR → PROGRAMADA. El despachador la tomará a su hora.

    `programada_para` (opcional) reemplaza la hora guardada; sin zona se lee en
    hora de Colombia. Una hora pasada significa «ya»: sale en el siguiente
    minuto. Para los canales con seguimiento crea la tarea del responsable.
    Levanta PiezaIncompleta con la lista de lo que falta.
    """
    with transaction.atomic():
        pieza = Pieza.objects.select_for_update().get(pk=pieza_id)
        if pieza.estado != estados.BORRADOR:
            raise TransicionInvalida("Solo se programa una pieza en borrador.")
        if programada_para is not None:
            pieza.programada_para = hora_de_bogota(programada_para)
            pieza.save(update_fields=["programada_para"])
        problemas = problemas_de_la_pieza(pieza)
        if problemas:
            raise PiezaIncompleta(problemas)
        pieza = cambiar_estado(
            pieza_id=pieza.pk,
            desde=estados.BORRADOR,
            hacia=estados.PROGRAMADA,
            programada_por=usuario,
            motivo_estado="",
        )
        if pieza.es_de_seguimiento:
            tareas.asegurar_tarea(pieza)
    return pieza


def volver_a_borrador(*, pieza_id: int) -> Pieza:
    """PROGRAMADA → BORRADOR, para editarla. Su tarea pendiente se descarta."""
    with transaction.atomic():
        pieza = cambiar_estado(
            pieza_id=pieza_id, desde=estados.PROGRAMADA, hacia=estados.BORRADOR
        )
        tareas.descartar_tarea(pieza_id=pieza_id)
    return pieza


# --- Durante el envío ----------------------------------------------------------------


def pausar_pieza(*, pieza_id: int, motivo: str) -> Pieza:
    """EN_CURSO → PAUSADA, con el aviso de la pausa. Los lotes en marcha se
    detienen en su siguiente revisión (cada pocos mensajes); lo pendiente
    espera a `reanudar_pieza`."""
    return cambiar_estado(
        pieza_id=pieza_id,
        desde=estados.EN_CURSO,
        hacia=estados.PAUSADA,
        motivo_estado=motivo,
    )


def reanudar_pieza(*, pieza_id: int) -> Pieza:
    """PAUSADA → EN_CURSO y encola de nuevo los envíos pendientes."""
    with transaction.atomic():
        pieza = cambiar_estado(
            pieza_id=pieza_id,
            desde=estados.PAUSADA,
            hacia=estados.EN_CURSO,
            motivo_estado="",
        )
        lotes.soltar_pendientes(pieza_id=pieza_id)
        transaction.on_commit(lambda: encolar_lotes(pieza_id=pieza_id))
    return pieza


def reintentar_fallidos(*, pieza_id: int) -> int:
    """Devuelve a pendiente los envíos fallidos y los encola. Devuelve cuántos.

    Si la pieza ya había terminado (enviada o fallida) o estaba pausada, vuelve
    a EN_CURSO. Llamarlo sin fallidos no hace nada.
    """
    with transaction.atomic():
        pieza = Pieza.objects.select_for_update().get(pk=pieza_id)
        if not pieza.es_de_correo:
            raise TransicionInvalida("Solo las piezas de correo tienen envíos.")
        cuantos = lotes.devolver_fallidos(pieza_id=pieza_id)
        if not cuantos:
            return 0
        if pieza.estado in {estados.ENVIADA, estados.FALLIDA, estados.PAUSADA}:
            cambiar_estado(
                pieza_id=pieza.pk,
                desde=pieza.estado,
                hacia=estados.EN_CURSO,
                motivo_estado="",
                terminada_en=None,
            )
        elif pieza.estado != estados.EN_CURSO:
            raise TransicionInvalida("Esta pieza no admite reintentos.")
        transaction.on_commit(lambda: encolar_lotes(pieza_id=pieza_id))
    return cuantos


def cancelar_pieza(*, pieza_id: int) -> Pieza:
    """Cualquier estado no final → CANCELADA.

    Los envíos pendientes quedan omitidos y la tarea pendiente, cancelada. Lo
    ya enviado o publicado no se puede deshacer.
    """
    with transaction.atomic():
        pieza = cambiar_estado(pieza_id=pieza_id, hacia=estados.CANCELADA)
        lotes.omitir_pendientes(pieza_id=pieza_id, motivo="Pieza cancelada")
        tareas.cancelar_tarea(pieza_id=pieza_id)
    return pieza


# --- Prueba ------------------------------------------------------------------------


def solicitar_prueba(*, pieza_id: int, usuario) -> None:
    """Deja en la bandeja de salida «enviarme una prueba»: la pieza tal como la
    recibiría un destinatario, para `usuario`, con «[PRUEBA]» en el asunto. No
    crea envíos ni cambia la pieza.

    Cada llamado es una prueba nueva (pedirla otra vez la envía otra vez); la
    bandeja entrega cada una una sola vez.
    """
    pieza = Pieza.objects.get(pk=pieza_id)
    with transaction.atomic():
        buzon.registrar(
            clave=f"{PRUEBA}:{pieza.pk}:{usuario.pk}:{uuid.uuid4().hex}",
            tipo=PRUEBA,
            plantilla="comunicaciones/emails/prueba",
            para=usuario.email,
            referencia=pieza,
            datos={"usuario": usuario.pk},
        )


# --- Campañas ------------------------------------------------------------------------


def cambiar_estado_campana(*, campana_id: int, hacia: str) -> Campana:
    """Activa, finaliza o cancela una campaña: el único escritor de
    `Campana.estado` (`estados.CAMPANA`).

    Cancelarla cancela también sus piezas que aún no salieron (borradores y
    programadas); lo ya enviado queda como está.
    """
    with transaction.atomic():
        campana = Campana.objects.select_for_update().get(pk=campana_id)
        mover_estado(
            Campana,
            pk=campana.pk,
            tabla=estados.CAMPANA,
            origen=campana.estado,
            destino=hacia,
        )
        if hacia == estados.CANCELADA:
            for pieza_id in campana.piezas.filter(
                estado__in=[estados.BORRADOR, estados.PROGRAMADA]
            ).values_list("pk", flat=True):
                cancelar_pieza(pieza_id=pieza_id)
        campana.refresh_from_db()
    return campana
