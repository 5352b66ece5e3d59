"""La vida de una jornada: convocar, reprogramar, cancelar, registrar la
asistencia y cerrar.

Cada servicio bloquea la jornada, comprueba con `capacitacion/estados.py` que
su estado admite el paso y mueve el estado con `services/transiciones.py`. Los
correos no salen de aquí: se crean filas `Aviso` con su hora y el despachador
de cada minuto (`services/despacho.py`) los deja en la bandeja de salida.
"""

from collections.abc import Iterable
from datetime import datetime, time

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from capacitacion import estados
from capacitacion.models import (
    Alcance,
    Asistencia,
    Aviso,
    EstadoAsistencia,
    EstadoJornada,
    Jornada,
    TipoAviso,
)
from capacitacion.reglas import Regla
from capacitacion.services import certificados, despacho
from capacitacion.services.transiciones import mover_asistencias, mover_jornada
from comunicaciones.models import Funcionario
from sanpedro_gel.excepciones import TransicionInvalida
from sanpedro_gel.formato import fecha_hora
from sanpedro_gel.reloj import en_bogota, hoy

# El plan: invitación por correo una semana antes; recordatorio el día anterior.
AVISOS_POR_DEFECTO = [
    (TipoAviso.INVITACION, Regla(dias_antes=7, hora=time(8, 0))),
    (TipoAviso.RECORDATORIO, Regla(dias_antes=1)),
]


def convocados_de(jornada: Jornada) -> QuerySet[Funcionario]:
    """Funcionarios activos a quienes va la jornada.

    Todo el personal, o la unión de: los nombrados uno a uno y quienes cumplen
    los filtros (dependencias —incluida la que se visita en una socialización—
    y vinculaciones, combinados con «y»).
    """
    activos = Funcionario.objects.activos()
    if jornada.alcance == Alcance.TODO_EL_PERSONAL:
        return activos
    quienes = Q(pk__in=jornada.funcionarios.values("pk"))
    dependencias = set(jornada.dependencias.values_list("pk", flat=True))
    if jornada.dependencia_id:
        dependencias.add(jornada.dependencia_id)
    if dependencias or jornada.vinculaciones:
        filtro = Q()
        if dependencias:
            filtro &= Q(dependencia__in=dependencias)
        if jornada.vinculaciones:
            filtro &= Q(vinculacion__in=jornada.vinculaciones)
        quienes |= filtro
    return activos.filter(quienes)


def _bloquear(jornada_id: int) -> Jornada:
    return Jornada.objects.select_for_update().get(pk=jornada_id)


def _exigir(jornada: Jornada, accion: str, mensaje: str) -> None:
    """TransicionInvalida con `mensaje` si el estado de la jornada no admite
    `accion` («{estado}» en el mensaje se vuelve el estado, en minúscula)."""
    if not estados.admite(jornada.estado, accion):
        estado = jornada.get_estado_display().lower()
        raise TransicionInvalida(mensaje.format(estado=estado))


def convocar_jornada(*, jornada_id: int, ahora: datetime | None = None) -> int:
    """Invita a la audiencia de la jornada. Devuelve cuántos convocados nuevos hay.

    La primera vez pasa de BORRADOR a CONVOCADA y crea los avisos por defecto
    (invitación 7 días antes a las 8:00, recordatorio 1 día antes). Llamarla de
    nuevo tras ampliar la audiencia solo agrega a los nuevos (una asistencia por
    persona, con restricción única) y, si la invitación ya salió, les crea la
    suya. Inofensivo llamarla dos veces.
    """
    ahora = ahora or timezone.now()
    with transaction.atomic():
        jornada = _bloquear(jornada_id)
        _exigir(jornada, "convocar", "Una jornada {estado} no se convoca.")
        if jornada.inicio <= ahora:
            raise TransicionInvalida("La jornada ya empezó: no se puede convocar.")
        ya = set(jornada.asistencias.values_list("funcionario_id", flat=True))
        nuevos = [
            Asistencia(jornada=jornada, funcionario_id=pk, invitado_en=ahora)
            for pk in convocados_de(jornada).values_list("pk", flat=True)
            if pk not in ya
        ]
        Asistencia.objects.bulk_create(nuevos, ignore_conflicts=True)
        if jornada.estado == EstadoJornada.BORRADOR:
            mover_jornada(
                jornada_id=jornada.pk,
                origen=EstadoJornada.BORRADOR,
                destino=EstadoJornada.CONVOCADA,
                convocada_en=ahora,
            )
            if not jornada.avisos.exists():
                for tipo, regla in AVISOS_POR_DEFECTO:
                    _crear_aviso(jornada, tipo, regla, ahora)
        elif nuevos:
            despacho.alcanzar_invitaciones(
                jornada=jornada, funcionario_ids=[a.funcionario_id for a in nuevos]
            )
    return len(nuevos)


def _crear_aviso(jornada: Jornada, tipo: str, regla: Regla, ahora: datetime) -> Aviso:
    aviso = Aviso(
        jornada=jornada,
        tipo=tipo,
        dias_antes=regla.dias_antes,
        hora=regla.hora,
        enviar_en=regla.momento(jornada.inicio),
    )
    _omitir_si_tarde(aviso, jornada, ahora)
    aviso.save()
    return aviso


def _omitir_si_tarde(aviso: Aviso, jornada: Jornada, ahora: datetime) -> None:
    """Un recordatorio cuya hora ya pasó no sirve (la invitación sale ahora
    mismo); un aviso que caería después del inicio tampoco. Una invitación
    atrasada, en cambio, sale en el próximo minuto."""
    if aviso.enviar_en >= jornada.inicio:
        aviso.procesado_en = ahora
        aviso.omitido = "Su hora cae después del inicio de la jornada."
    elif aviso.tipo == TipoAviso.RECORDATORIO and aviso.enviar_en <= ahora:
        aviso.procesado_en = ahora
        aviso.omitido = "La jornada se convocó o reprogramó después de esta hora."


def reprogramar_jornada(
    *,
    jornada_id: int,
    inicio: datetime,
    fin: datetime,
    ahora: datetime | None = None,
) -> Jornada:
    """Cambia la fecha y recalcula los avisos pendientes.

    Los avisos que ya salieron no se repiten; si la invitación ya llegó a los
    convocados, se les avisa el cambio de fecha, y un recordatorio ya enviado
    se programa otra vez para la nueva fecha. Con la misma fecha no hace nada.
    """
    ahora = ahora or timezone.now()
    with transaction.atomic():
        jornada = _bloquear(jornada_id)
        problema = estados.problema_al_reprogramar(
            jornada.estado, inicio=inicio, fin=fin, ahora=ahora
        )
        if problema:
            raise TransicionInvalida(problema)
        if (jornada.inicio, jornada.fin) == (inicio, fin):
            return jornada
        jornada.inicio, jornada.fin = inicio, fin
        jornada.save(update_fields=["inicio", "fin", "actualizada_en"])
        reglas = jornada.avisos.filter(dias_antes__isnull=False)
        ya_supieron = reglas.filter(procesado_en__isnull=False, omitido="").exists()
        vistas = set()
        for aviso in reglas.order_by("pk"):
            clave = (aviso.tipo, aviso.dias_antes, aviso.hora)
            if clave in vistas:
                continue
            vistas.add(clave)
            pendiente = reglas.filter(
                tipo=aviso.tipo,
                dias_antes=aviso.dias_antes,
                hora=aviso.hora,
                procesado_en__isnull=True,
            ).first()
            regla = Regla(dias_antes=aviso.dias_antes, hora=aviso.hora)
            if pendiente is not None:
                pendiente.enviar_en = regla.momento(inicio)
                _omitir_si_tarde(pendiente, jornada, ahora)
                pendiente.save(update_fields=["enviar_en", "procesado_en", "omitido"])
            elif aviso.tipo == TipoAviso.RECORDATORIO and regla.momento(inicio) > ahora:
                _crear_aviso(jornada, aviso.tipo, regla, ahora)
        if jornada.estado == EstadoJornada.CONVOCADA and ya_supieron:
            Aviso.objects.create(
                jornada=jornada, tipo=TipoAviso.CAMBIO, enviar_en=ahora
            )
    return jornada


def cancelar_jornada(*, jornada_id: int, ahora: datetime | None = None) -> Jornada:
    """Cancela la jornada; los avisos pendientes ya no salen y, si alguien ya
    recibió la invitación, se le avisa la cancelación. Llamarla dos veces
    levanta TransicionInvalida sin enviar nada más."""
    ahora = ahora or timezone.now()
    with transaction.atomic():
        jornada = _bloquear(jornada_id)
        _exigir(jornada, "cancelar", "Una jornada {estado} no se cancela.")
        ya_supieron = jornada.avisos.filter(
            procesado_en__isnull=False, omitido=""
        ).exists()
        jornada.avisos.filter(procesado_en__isnull=True).update(
            procesado_en=ahora, omitido="La jornada se canceló."
        )
        mover_jornada(
            jornada_id=jornada.pk,
            origen=jornada.estado,
            destino=EstadoJornada.CANCELADA,
            cancelada_en=ahora,
        )
        if ya_supieron:
            Aviso.objects.create(
                jornada=jornada, tipo=TipoAviso.CANCELACION, enviar_en=ahora
            )
    jornada.refresh_from_db()
    return jornada


def registrar_asistencia(
    *,
    jornada_id: int,
    funcionario_ids: Iterable[int],
    usuario=None,
    asistio: bool = True,
    ahora: datetime | None = None,
) -> int:
    """Marca (o desmarca) que los funcionarios asistieron. Devuelve cuántos cambió.

    Quien llegó sin invitación queda registrado igual. Desde el día de la
    jornada y hasta después de cerrada (una lista firmada que llega tarde); si
    ya está cerrada, el nuevo asistente recibe su certificado. No se desmarca a
    quien ya tiene certificado. Inofensivo llamarla dos veces: conserva la hora
    del primer registro.
    """
    ahora = ahora or timezone.now()
    ids = set(funcionario_ids)
    with transaction.atomic():
        jornada = _bloquear(jornada_id)
        _exigir(
            jornada,
            "registrar_asistencia",
            "Solo se registra la asistencia de jornadas convocadas o realizadas.",
        )
        if hoy(ahora) < en_bogota(jornada.inicio).date():
            raise TransicionInvalida(
                "La asistencia se registra desde el día de la jornada."
            )
        de_ellos = {"jornada_id": jornada.pk, "funcionario_id__in": ids}
        if not asistio:
            return _quitar_asistencia(jornada, de_ellos, usuario)
        ya = set(jornada.asistencias.values_list("funcionario_id", flat=True))
        Asistencia.objects.bulk_create(
            [
                Asistencia(jornada=jornada, funcionario_id=pk)
                for pk in Funcionario.objects.filter(pk__in=ids - ya).values_list(
                    "pk", flat=True
                )
            ],
            ignore_conflicts=True,
        )
        cambiadas = sum(
            mover_asistencias(
                filtro=de_ellos,
                origen=origen,
                destino=EstadoAsistencia.ASISTIO,
                asistio_en=ahora,
                registrada_por=usuario,
            )
            for origen in (EstadoAsistencia.CONVOCADA, EstadoAsistencia.CONFIRMADA)
        )
        if jornada.estado == EstadoJornada.REALIZADA:
            certificados.emitir_certificados(jornada=jornada, ahora=ahora)
    return cambiadas


def _quitar_asistencia(jornada: Jornada, de_ellos: dict, usuario) -> int:
    """Vuelven a como estaban antes de firmar: confirmados o solo convocados."""
    if jornada.asistencias.filter(
        funcionario_id__in=de_ellos["funcionario_id__in"], certificado__isnull=False
    ).exists():
        raise TransicionInvalida(
            "No se puede quitar la asistencia de quien ya tiene certificado."
        )
    quitar = {
        "origen": EstadoAsistencia.ASISTIO,
        "asistio_en": None,
        "registrada_por": usuario,
    }
    return mover_asistencias(
        filtro={**de_ellos, "confirmado_en__isnull": True},
        destino=EstadoAsistencia.CONVOCADA,
        **quitar,
    ) + mover_asistencias(
        filtro={**de_ellos, "confirmado_en__isnull": False},
        destino=EstadoAsistencia.CONFIRMADA,
        **quitar,
    )


def cerrar_jornada(*, jornada_id: int, ahora: datetime | None = None) -> int:
    """Marca la jornada como realizada y expide un certificado a cada asistente
    (el PDF y el correo salen después, por la bandeja de salida). Devuelve
    cuántos certificados expidió. Solo después de su hora de fin; una segunda
    llamada levanta TransicionInvalida.
    """
    ahora = ahora or timezone.now()
    with transaction.atomic():
        jornada = _bloquear(jornada_id)
        _exigir(
            jornada,
            "cerrar",
            "Solo se cierra una jornada convocada (esta está {estado}).",
        )
        if not estados.cerrable(jornada.estado, fin=jornada.fin, ahora=ahora):
            raise TransicionInvalida(
                f"La jornada termina el {fecha_hora(jornada.fin)}: se cierra "
                "cuando termine, y entonces se expiden los certificados."
            )
        jornada.avisos.filter(procesado_en__isnull=True).update(
            procesado_en=ahora, omitido="La jornada ya se realizó."
        )
        mover_jornada(
            jornada_id=jornada.pk,
            origen=jornada.estado,
            destino=EstadoJornada.REALIZADA,
            realizada_en=ahora,
        )
        return certificados.emitir_certificados(jornada=jornada, ahora=ahora)
