"""Tareas de difusión: los canales que el portal no entrega solo.

Una cuña en la emisora o un afiche en un café internet los hace una persona.
La pieza se vuelve una tarea para su responsable, recordada por correo el día
anterior y el mismo día, y cerrada con evidencia (archivo o enlace) y la fecha
en que de verdad se hizo. Las vencidas se listan para el Líder GEL.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from comunicaciones import estados
from comunicaciones.excepciones import TareaNoCerrable
from comunicaciones.models import Canal, EstadoTarea, TareaDifusion
from comunicaciones.services.piezas import cambiar_estado
from sanpedro_gel.reloj import BOGOTA, en_bogota, hoy
from sanpedro_gel.tareas import encolar

PREVIO = "previo"
MISMO_DIA = "dia"


def hora_del_recordatorio(tarea: TareaDifusion, tipo: str) -> datetime:
    """Cuándo se envía cada recordatorio (hora de Colombia).

    Día anterior: a la hora de COMUNICACIONES_HORA_RECORDATORIOS. Mismo día: a
    esa hora, o una hora antes de la difusión si es más temprano (un programa de
    radio de las 6:00), sin pasar de la medianoche.
    """
    dia = en_bogota(tarea.vence_en).date()
    hora = time(settings.COMUNICACIONES_HORA_RECORDATORIOS)
    if tipo == PREVIO:
        return datetime.combine(dia - timedelta(days=1), hora, tzinfo=BOGOTA)
    a_la_hora = datetime.combine(dia, hora, tzinfo=BOGOTA)
    medianoche = datetime.combine(dia, time.min, tzinfo=BOGOTA)
    return max(medianoche, min(a_la_hora, tarea.vence_en - timedelta(hours=1)))


def recordatorio_debido(tarea: TareaDifusion, tipo: str, ahora: datetime) -> bool:
    """¿Toca enviar hoy este recordatorio y aún no salió?

    El del día anterior solo sale ese día (si la tarea se creó el mismo día de
    la difusión, no tiene sentido decir «mañana»); el del mismo día, solo ese día.
    """
    if tarea.estado != EstadoTarea.PENDIENTE:
        return False
    sello = (
        tarea.recordatorio_previo_en if tipo == PREVIO else tarea.recordatorio_dia_en
    )
    if sello is not None:
        return False
    dia = en_bogota(tarea.vence_en).date()
    objetivo = dia - timedelta(days=1) if tipo == PREVIO else dia
    return hoy(ahora) == objetivo and ahora >= hora_del_recordatorio(tarea, tipo)


def recordar_tareas(*, ahora: datetime | None = None) -> int:
    """Encola (cola transaccional) los recordatorios que tocan. Devuelve cuántos.

    Puede correr tantas veces como se quiera: cada tarea sella su recordatorio al
    enviarlo y la tarea de envío vuelve a comprobarlo con la fila bloqueada.
    """
    from comunicaciones.tasks import enviar_recordatorio_tarea

    ahora = ahora or timezone.now()
    desde = datetime.combine(hoy(ahora), time.min, tzinfo=BOGOTA)
    candidatas = TareaDifusion.objects.pendientes().filter(
        vence_en__gte=desde, vence_en__lt=desde + timedelta(days=2)
    )
    encoladas = 0
    for tarea in candidatas:
        for tipo in (PREVIO, MISMO_DIA):
            if recordatorio_debido(tarea, tipo, ahora):
                encoladas += encolar(enviar_recordatorio_tarea, tarea.pk, tipo)
    return encoladas


def enviar_recordatorio(
    *, tarea_id: int, tipo: str, ahora: datetime | None = None
) -> bool:
    """Envía un recordatorio si sigue debido. Devuelve si lo envió.

    A lo sumo una vez: bloquea la fila, comprueba el sello, envía y sella.
    """
    from sanpedro_gel.correo import enviar_correo

    ahora = ahora or timezone.now()
    campo = "recordatorio_previo_en" if tipo == PREVIO else "recordatorio_dia_en"
    with transaction.atomic():
        tarea = (
            TareaDifusion.objects.select_for_update(of=("self",))
            .select_related("pieza__campana", "responsable")
            .filter(pk=tarea_id)
            .first()
        )
        if tarea is None or not recordatorio_debido(tarea, tipo, ahora):
            return False
        enviar_correo(
            "comunicaciones/emails/recordatorio_tarea",
            contexto_de_tarea(tarea) | {"es_manana": tipo == PREVIO},
            [tarea.responsable.email],
        )
        TareaDifusion.objects.filter(pk=tarea.pk).update(**{campo: ahora})
    return True


def contexto_de_tarea(tarea: TareaDifusion) -> dict:
    pieza = tarea.pieza
    afiches = []
    if pieza.canal == Canal.AFICHES:
        for tramite in pieza.campana.tramites.all():
            for tamano in ("carta", "a4"):
                etiqueta = "A4" if tamano == "a4" else "carta"
                afiches.append(
                    (
                        f"{tramite.nombre} — tamaño {etiqueta}",
                        settings.PORTAL_URL
                        + reverse(
                            "comunicaciones:afiche",
                            kwargs={"slug": tramite.slug, "tamano": tamano},
                        ),
                    )
                )
    return {
        "tarea": tarea,
        "pieza": pieza,
        "afiches": afiches,
        "enlace_cerrar": settings.PORTAL_URL
        + reverse("comunicaciones:cerrar_tarea", args=[tarea.pk]),
        "enlace_destino": pieza.enlace_con_origen(absoluto=True),
    }


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
        tarea.estado = EstadoTarea.CUMPLIDA
        tarea.realizada_el = evidencia.realizada_el
        tarea.evidencia_enlace = evidencia.enlace
        tarea.observaciones = evidencia.observaciones
        tarea.cerrada_en = timezone.now()
        tarea.cerrada_por = usuario
        if evidencia.archivo:
            tarea.evidencia_archivo = evidencia.archivo
        tarea.save()
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
