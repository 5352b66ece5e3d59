"""Lo que las personas hacen con las piezas y campañas: programar, pausar,
reanudar, cancelar, reintentar y probar.

El estado de una pieza solo se escribe con `cambiar_estado`, que consulta la
tabla de `comunicaciones/estados.py` y cambia con una actualización condicional
(cero filas = otro proceso la movió: conflicto, no sobrescritura silenciosa).
"""

import re
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
    Envio,
    EstadoCampana,
    EstadoEnvio,
    EstadoPieza,
    EstadoTarea,
    Pieza,
    TareaDifusion,
)
from sanpedro_gel.excepciones import ConflictoDeEstado, TransicionInvalida
from sanpedro_gel.reloj import hora_de_bogota
from sanpedro_gel.tareas import encolar_al_confirmar
from sanpedro_gel.texto import enlace_valido

_ETIQUETA = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def cambiar_estado(
    *, pieza_id: int, hacia: str, desde: str | None = None, **campos
) -> Pieza:
    """Mueve la pieza a `hacia` si la tabla lo permite; devuelve la pieza al día.

    `desde` fija el estado de origen esperado (si no, el actual). Levanta
    TransicionInvalida o ConflictoDeEstado. Quien llama decide la transacción.
    """
    actual = Pieza.objects.filter(pk=pieza_id).values_list("estado", flat=True).first()
    origen = desde or actual
    if actual is None:
        raise ConflictoDeEstado("La pieza ya no existe.")
    if not estados.permitida(origen, hacia):
        raise TransicionInvalida(
            f"Una pieza «{EstadoPieza(origen).label.lower()}» no puede pasar a "
            f"«{EstadoPieza(hacia).label.lower()}»."
        )
    cambiadas = Pieza.objects.filter(pk=pieza_id, estado=origen).update(
        estado=hacia, actualizado_en=timezone.now(), **campos
    )
    if cambiadas != 1:
        raise ConflictoDeEstado(
            "La pieza cambió de estado mientras tanto. Recargue la página y revise."
        )
    return Pieza.objects.get(pk=pieza_id)


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
    if pieza.etiqueta_origen and not etiqueta_valida(
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


def etiqueta_valida(canal: str, etiqueta: str) -> bool:
    prefijo = ORIGEN_POR_CANAL[canal]
    return bool(_ETIQUETA.match(etiqueta)) and (
        etiqueta == prefijo or etiqueta.startswith(f"{prefijo}-")
    )


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
            asegurar_tarea(pieza)
    return pieza


def volver_a_borrador(*, pieza_id: int) -> Pieza:
    """PROGRAMADA → BORRADOR, para editarla. Su tarea pendiente se descarta."""
    with transaction.atomic():
        pieza = cambiar_estado(
            pieza_id=pieza_id, desde=estados.PROGRAMADA, hacia=estados.BORRADOR
        )
        TareaDifusion.objects.filter(pieza=pieza, estado=EstadoTarea.PENDIENTE).delete()
    return pieza


def asegurar_tarea(pieza: Pieza) -> TareaDifusion:
    """Crea o pone al día la tarea de difusión de una pieza con seguimiento.

    Idempotente. Si cambió el día, los recordatorios vuelven a enviarse.
    """
    responsable = pieza.responsable or pieza.campana.responsable
    tarea = TareaDifusion.objects.filter(pieza=pieza).first()
    if tarea is None:
        return TareaDifusion.objects.create(
            pieza=pieza, responsable=responsable, vence_en=pieza.programada_para
        )
    cambios = {"responsable": responsable, "estado": EstadoTarea.PENDIENTE}
    if tarea.vence_en != pieza.programada_para:
        cambios |= {
            "vence_en": pieza.programada_para,
            "recordatorio_previo_en": None,
            "recordatorio_dia_en": None,
        }
    TareaDifusion.objects.filter(pk=tarea.pk).update(**cambios)
    tarea.refresh_from_db()
    return tarea


# --- Durante el envío ----------------------------------------------------------------


def pausar_pieza(*, pieza_id: int, motivo: str) -> Pieza:
    """EN_CURSO → PAUSADA. Los lotes en marcha se detienen en su siguiente
    revisión (cada pocos mensajes); lo pendiente espera a `reanudar_pieza`."""
    return cambiar_estado(
        pieza_id=pieza_id,
        desde=estados.EN_CURSO,
        hacia=estados.PAUSADA,
        motivo_estado=motivo,
    )


def reanudar_pieza(*, pieza_id: int) -> Pieza:
    """PAUSADA → EN_CURSO y encola de nuevo los envíos pendientes."""
    from comunicaciones.services.despacho import encolar_lotes

    with transaction.atomic():
        pieza = cambiar_estado(
            pieza_id=pieza_id,
            desde=estados.PAUSADA,
            hacia=estados.EN_CURSO,
            motivo_estado="",
            aviso_pausa_enviado_en=None,
        )
        _soltar_pendientes(pieza_id)
        transaction.on_commit(lambda: encolar_lotes(pieza_id=pieza_id))
    return pieza


def reintentar_fallidos(*, pieza_id: int) -> int:
    """Devuelve a pendiente los envíos fallidos y los encola. Devuelve cuántos.

    Si la pieza ya había terminado (enviada o fallida) o estaba pausada, vuelve
    a EN_CURSO. Llamarlo sin fallidos no hace nada.
    """
    from comunicaciones.services.despacho import encolar_lotes

    with transaction.atomic():
        pieza = Pieza.objects.select_for_update().get(pk=pieza_id)
        if not pieza.es_de_correo:
            raise TransicionInvalida("Solo las piezas de correo tienen envíos.")
        fallidos = Envio.objects.filter(pieza=pieza, estado=EstadoEnvio.FALLIDO)
        cuantos = fallidos.update(
            estado=EstadoEnvio.PENDIENTE,
            intentos=0,
            motivo="",
            reclamado_en=None,
            reclamado_por="",
            encolado_en=None,
        )
        if not cuantos:
            return 0
        if pieza.estado in {estados.ENVIADA, estados.FALLIDA, estados.PAUSADA}:
            cambiar_estado(
                pieza_id=pieza.pk,
                desde=pieza.estado,
                hacia=estados.EN_CURSO,
                motivo_estado="",
                terminada_en=None,
                aviso_pausa_enviado_en=None,
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
        Envio.objects.filter(pieza=pieza, estado=EstadoEnvio.PENDIENTE).update(
            estado=EstadoEnvio.OMITIDO, motivo="Pieza cancelada"
        )
        TareaDifusion.objects.filter(pieza=pieza, estado=EstadoTarea.PENDIENTE).update(
            estado=EstadoTarea.CANCELADA
        )
    return pieza


def _soltar_pendientes(pieza_id: int) -> None:
    Envio.objects.filter(pieza_id=pieza_id, estado=EstadoEnvio.PENDIENTE).update(
        reclamado_en=None, reclamado_por="", encolado_en=None
    )


# --- Prueba ------------------------------------------------------------------------


def solicitar_prueba(*, pieza_id: int, usuario) -> None:
    """Encola «enviarme una prueba» en la cola transaccional, tras confirmar."""
    from comunicaciones.tasks import enviar_prueba

    encolar_al_confirmar(enviar_prueba, pieza_id, usuario.pk)


def enviar_prueba(*, pieza_id: int, usuario) -> None:
    """Envía a `usuario` la pieza tal como la recibiría un destinatario, con
    «[PRUEBA]» en el asunto. No crea envíos ni cambia la pieza: puede repetirse."""
    from comunicaciones.services.mensajes import Persona, PlantillaMasiva

    pieza = Pieza.objects.select_related("campana", "firma").get(pk=pieza_id)
    plantilla = PlantillaMasiva(pieza, prueba=True)
    plantilla.mensaje_para(Persona.de_usuario(usuario)).send()


# --- Campañas ------------------------------------------------------------------------

_TRANSICIONES_CAMPANA = {
    EstadoCampana.PLANEADA: {EstadoCampana.ACTIVA, EstadoCampana.CANCELADA},
    EstadoCampana.ACTIVA: {EstadoCampana.FINALIZADA, EstadoCampana.CANCELADA},
    EstadoCampana.FINALIZADA: set(),
    EstadoCampana.CANCELADA: set(),
}


def cambiar_estado_campana(*, campana_id: int, hacia: str) -> Campana:
    """Activa, finaliza o cancela una campaña.

    Cancelarla cancela también sus piezas que aún no salieron (borradores y
    programadas); lo ya enviado queda como está.
    """
    with transaction.atomic():
        campana = Campana.objects.select_for_update().get(pk=campana_id)
        if hacia not in _TRANSICIONES_CAMPANA[campana.estado]:
            raise TransicionInvalida(
                f"Una campaña «{campana.get_estado_display().lower()}» no puede "
                f"pasar a «{EstadoCampana(hacia).label.lower()}»."
            )
        Campana.objects.filter(pk=campana.pk).update(estado=hacia)
        if hacia == EstadoCampana.CANCELADA:
            for pieza_id in campana.piezas.filter(
                estado__in=[estados.BORRADOR, estados.PROGRAMADA]
            ).values_list("pk", flat=True):
                cancelar_pieza(pieza_id=pieza_id)
        campana.refresh_from_db()
    return campana
