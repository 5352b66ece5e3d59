"""Tareas de difusión: los canales que el portal no entrega solo.

Una cuña en la emisora o un afiche en un café internet los hace una persona.
La pieza se vuelve una tarea para su responsable, recordada por correo el día
anterior y el mismo día, y cerrada con evidencia (archivo o enlace) y la fecha
en que de verdad se hizo. Las vencidas se listan para el Líder GEL.

Este módulo es el único escritor de `TareaDifusion.estado` (`estados.TAREA`).
Cada recordatorio sale por la bandeja de salida una sola vez: su clave lleva la
tarea, el tipo y la hora de la difusión (si la hora cambia, se recuerda otra
vez).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from comunicaciones import estados
from comunicaciones.excepciones import TareaNoCerrable
from comunicaciones.models import EstadoTarea, Pieza, TareaDifusion
from comunicaciones.services.estado_pieza import cambiar_estado
from sanpedro_gel import buzon
from sanpedro_gel.models import Mensaje
from sanpedro_gel.reloj import a_la_hora, en_bogota, hoy, inicio_del_dia
from sanpedro_gel.transiciones import mover_estado, tomar_estado

RECORDATORIO = "comunicaciones.recordatorio_tarea"
PREVIO = "previo"
MISMO_DIA = "dia"


# --- La tarea de una pieza --------------------------------------------------------


def asegurar_tarea(pieza: Pieza) -> TareaDifusion:
    """Crea o pone al día (responsable y hora) la tarea de difusión de una pieza
    con seguimiento. Idempotente."""
    responsable = pieza.responsable or pieza.campana.responsable
    tarea = TareaDifusion.objects.filter(pieza=pieza).first()
    if tarea is None:
        return TareaDifusion.objects.create(
            pieza=pieza, responsable=responsable, vence_en=pieza.programada_para
        )
    TareaDifusion.objects.filter(pk=tarea.pk).update(
        responsable=responsable, vence_en=pieza.programada_para
    )
    tarea.refresh_from_db()
    return tarea


def descartar_tarea(*, pieza_id: int) -> None:
    """La pieza volvió a borrador: su tarea pendiente se borra."""
    TareaDifusion.objects.filter(
        pieza_id=pieza_id, estado=EstadoTarea.PENDIENTE
    ).delete()


def cancelar_tarea(*, pieza_id: int) -> None:
    """La pieza se canceló: su tarea pendiente queda cancelada."""
    tomar_estado(
        TareaDifusion,
        filtro={"pieza_id": pieza_id},
        tabla=estados.TAREA,
        origen=estados.PENDIENTE,
        destino=estados.CANCELADA,
    )


@dataclass
class Evidencia:
    realizada_el: date
    archivo: object = None
    enlace: str = ""
    observaciones: str = ""


def cerrar_tarea(*, tarea_id: int, usuario, evidencia: Evidencia) -> TareaDifusion:
    """Cierra la tarea como cumplida con su evidencia y la fecha real.

    Precondiciones: la tarea está pendiente; hay archivo o enlace; la fecha real
    no es futura (el formulario lo valida; aquí se vuelve a comprobar). La pieza
    pasa a «enviada / publicada». Levanta TareaNoCerrable.
    """
    if not (evidencia.archivo or evidencia.enlace):
        raise TareaNoCerrable("Adjunte un archivo o escriba un enlace como evidencia.")
    if evidencia.realizada_el > hoy():
        raise TareaNoCerrable("La fecha real no puede ser posterior a hoy.")
    with transaction.atomic():
        tarea = TareaDifusion.objects.select_for_update().get(pk=tarea_id)
        if tarea.estado != EstadoTarea.PENDIENTE:
            raise TareaNoCerrable("Esta tarea ya estaba cerrada o cancelada.")
        tarea.realizada_el = evidencia.realizada_el
        tarea.evidencia_enlace = evidencia.enlace
        tarea.observaciones = evidencia.observaciones
        tarea.cerrada_por = usuario
        campos = ["realizada_el", "evidencia_enlace", "observaciones", "cerrada_por"]
        if evidencia.archivo:
            # Con save() el archivo se guarda en el almacenamiento privado.
            tarea.evidencia_archivo = evidencia.archivo
            campos.append("evidencia_archivo")
        tarea.save(update_fields=campos)
        mover_estado(
            TareaDifusion,
            pk=tarea.pk,
            tabla=estados.TAREA,
            origen=estados.PENDIENTE,
            destino=estados.CUMPLIDA,
            sello="cerrada_en",
        )
        tarea.refresh_from_db()
        pieza = tarea.pieza
        if pieza.estado in {estados.PROGRAMADA, estados.EN_CURSO}:
            cambiar_estado(
                pieza_id=pieza.pk,
                desde=pieza.estado,
                hacia=estados.ENVIADA,
                terminada_en=timezone.now(),
            )
    return tarea


def puede_cerrar(usuario, tarea: TareaDifusion) -> bool:
    """El responsable cierra la suya; quien gestiona el plan, cualquiera."""
    return usuario.is_authenticated and (
        tarea.responsable_id == usuario.pk
        or usuario.has_perm("comunicaciones.change_tareadifusion")
    )


# --- Recordatorios ----------------------------------------------------------------


def hora_del_recordatorio(tarea: TareaDifusion, tipo: str) -> datetime:
    """Cuándo se envía cada recordatorio (hora de Colombia).

    Día anterior: a la hora de COMUNICACIONES_HORA_RECORDATORIOS. Mismo día: a
    esa hora, o una hora antes de la difusión si es más temprano (un programa de
    radio de las 6:00), sin pasar de la medianoche.
    """
    dia = en_bogota(tarea.vence_en).date()
    hora = time(settings.COMUNICACIONES_HORA_RECORDATORIOS)
    if tipo == PREVIO:
        return a_la_hora(dia - timedelta(days=1), hora)
    return max(
        inicio_del_dia(dia),
        min(a_la_hora(dia, hora), tarea.vence_en - timedelta(hours=1)),
    )


def recordatorio_debido(tarea: TareaDifusion, tipo: str, ahora: datetime) -> bool:
    """¿La tarea está pendiente y hoy es el día de este recordatorio, ya pasada
    su hora?

    El del día anterior solo sale ese día (si la tarea se creó el mismo día de
    la difusión, no tiene sentido decir «mañana»); el del mismo día, solo ese día.
    """
    if tarea.estado != EstadoTarea.PENDIENTE:
        return False
    dia = en_bogota(tarea.vence_en).date()
    objetivo = dia - timedelta(days=1) if tipo == PREVIO else dia
    return hoy(ahora) == objetivo and ahora >= hora_del_recordatorio(tarea, tipo)


def clave_del_recordatorio(tarea: TareaDifusion, tipo: str) -> str:
    return f"{RECORDATORIO}:{tarea.pk}:{tipo}:{int(tarea.vence_en.timestamp())}"


def recordar_tareas(*, ahora: datetime | None = None) -> int:
    """Deja en la bandeja de salida los recordatorios que tocan y aún no se
    habían registrado. Devuelve cuántos registró.

    Puede correr tantas veces como se quiera: la clave de cada recordatorio lo
    deja una sola vez en la bandeja.
    """
    ahora = ahora or timezone.now()
    desde = inicio_del_dia(hoy(ahora))
    candidatas = TareaDifusion.objects.pendientes().filter(
        vence_en__gte=desde, vence_en__lt=desde + timedelta(days=2)
    )
    debidos = {
        clave_del_recordatorio(tarea, tipo): (tarea, tipo)
        for tarea in candidatas.select_related("responsable")
        for tipo in (PREVIO, MISMO_DIA)
        if recordatorio_debido(tarea, tipo, ahora)
    }
    registrados = set(
        Mensaje.objects.filter(clave__in=debidos).values_list("clave", flat=True)
    )
    nuevos = 0
    for clave, (tarea, tipo) in debidos.items():
        if clave in registrados:
            continue
        with transaction.atomic():
            buzon.registrar(
                clave=clave,
                tipo=RECORDATORIO,
                plantilla="comunicaciones/emails/recordatorio_tarea",
                para=tarea.responsable.email,
                referencia=tarea,
                datos={"tipo": tipo},
            )
        nuevos += 1
    return nuevos


def recordatorio_vigente(tarea: TareaDifusion, clave: str, tipo: str) -> bool:
    """Al enviarse: ¿el recordatorio aún corresponde (la tarea sigue pendiente,
    con la misma hora, y hoy es su día)?"""
    return clave == clave_del_recordatorio(tarea, tipo) and recordatorio_debido(
        tarea, tipo, timezone.now()
    )
