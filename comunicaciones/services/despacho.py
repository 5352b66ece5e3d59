"""El despachador del plan y el envío de correos masivos por lotes.

Cada minuto (Celery beat en producción; `ejecutar_periodicos` en el portal
embebido; `manage.py despachar_piezas` a mano) `ejecutar_despacho`:

1. toma las piezas programadas cuya hora llegó con una actualización condicional
   PROGRAMADA → EN_CURSO: dos despachadores a la vez nunca toman la misma;
2. en la misma transacción publica las de portada, noticias e intranet, o crea
   un `Envio` por destinatario para las de correo (restricción única por
   pieza y dirección), y tras confirmar encola lotes de ~100 en la cola
   `masivo`;
3. vuelve a encolar los envíos pendientes cuyo lote se perdió: un mensaje de
   Celery que nunca llegó, o un trabajador que murió a mitad de lote (su
   mensaje, sin confirmar, solo volvería tras el visibility timeout de Redis).

Nada se programa con `eta` ni `countdown`: la hora vive en la fila.

Exactamente una vez por destinatario
------------------------------------
Un lote reclama sus filas (`reclamado_por`) y las envía una a una. Por cada
mensaje: en UNA transacción marca la fila ENVIADO con una actualización
condicional (estado PENDIENTE y reclamo propio) y habla SMTP hasta el punto
final del DATA; al salir del bloque confirma. Solo después lee la respuesta
del servidor. Así:

- si el trabajador muere antes del punto final, PostgreSQL deshace la marca y el
  servidor descarta el DATA incompleto: la fila sigue pendiente y se reenvía;
- si muere después de confirmar, la fila dice ENVIADO y el servidor tiene el
  mensaje;
- el único hueco es el instante entre escribir el punto final en el socket y
  que llegue el COMMIT (microsegundos, sin esperar ninguna respuesta).

Si el servidor rechaza después del punto final, la fila se corrige (fallido,
o pendiente si el rechazo es temporal).
"""

import logging
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from comunicaciones import estados
from comunicaciones.excepciones import ErrorDeComunicaciones
from comunicaciones.models import (
    CANALES_CORREO,
    Envio,
    EstadoEnvio,
    Pieza,
)
from comunicaciones.services import audiencias
from comunicaciones.services.piezas import asegurar_tarea, cambiar_estado
from comunicaciones.services.transporte import (
    ErrorDeEntrega,
    LimitadorDeTasa,
    abrir_transporte,
)
from sanpedro_gel.tareas import encolar

logger = logging.getLogger(__name__)

# Cada cuántos mensajes un lote mira si su pieza sigue en curso y renueva su
# reclamo sobre lo que le falta.
_REVISION_CADA = 20


def _vence_reclamo() -> timedelta:
    return timedelta(seconds=settings.COMUNICACIONES_RECLAMO_VENCE_SEGUNDOS)


# --- El trabajo de cada minuto ---------------------------------------------------


@dataclass
class ResumenDespacho:
    tomadas: list[int] = field(default_factory=list)
    reencoladas: int = 0
    confirmaciones: int = 0
    avisos_de_pausa: int = 0


def ejecutar_despacho(*, ahora: datetime | None = None) -> ResumenDespacho:
    """El trabajo periódico completo. Idempotente: correrlo dos veces seguidas no
    toma, envía ni encola nada dos veces."""
    from comunicaciones import tasks

    ahora = ahora or timezone.now()
    resumen = ResumenDespacho()
    resumen.tomadas = despachar_piezas_vencidas(ahora=ahora)
    resumen.reencoladas = recuperar_envios(ahora=ahora)
    for suscriptor_id in audiencias.confirmaciones_pendientes(ahora):
        resumen.confirmaciones += encolar(
            tasks.enviar_confirmacion_suscripcion, suscriptor_id
        )
    for pieza_id in Pieza.objects.filter(
        estado=estados.PAUSADA, aviso_pausa_enviado_en__isnull=True
    ).values_list("pk", flat=True):
        resumen.avisos_de_pausa += encolar(tasks.avisar_pieza_pausada, pieza_id)
    return resumen


def despachar_piezas_vencidas(
    *, ahora: datetime | None = None, limite: int = 50
) -> list[int]:
    """Toma las piezas programadas cuya hora llegó; devuelve las que tomó ESTE
    llamado (otro despachador simultáneo devuelve las demás, nunca las mismas)."""
    ahora = ahora or timezone.now()
    candidatas = list(
        Pieza.objects.vencidas(ahora)
        .order_by("programada_para", "pk")
        .values_list("pk", flat=True)[:limite]
    )
    return [pk for pk in candidatas if iniciar_pieza(pieza_id=pk, ahora=ahora)]


def iniciar_pieza(*, pieza_id: int, ahora: datetime | None = None) -> bool:
    """Reclama la pieza (PROGRAMADA → EN_CURSO) y hace lo que su canal pide.

    Devuelve False si otro la tomó antes o si aún no es su hora. Todo ocurre en
    una transacción: si el proceso muere a mitad, la pieza vuelve a estar
    PROGRAMADA y el siguiente minuto la toma otra vez.
    """
    ahora = ahora or timezone.now()
    with transaction.atomic():
        tomada = Pieza.objects.filter(
            pk=pieza_id, estado=estados.PROGRAMADA, programada_para__lte=ahora
        ).update(estado=estados.EN_CURSO, iniciada_en=ahora, actualizado_en=ahora)
        if tomada != 1:
            return False
        pieza = Pieza.objects.select_related("campana").get(pk=pieza_id)
        if pieza.es_de_publicacion:
            cambiar_estado(
                pieza_id=pieza.pk,
                desde=estados.EN_CURSO,
                hacia=estados.ENVIADA,
                terminada_en=ahora,
            )
        elif pieza.es_de_seguimiento:
            # Queda EN_CURSO hasta que el responsable cierre su tarea con evidencia.
            asegurar_tarea(pieza)
        else:
            creados = crear_envios(pieza=pieza, ahora=ahora)
            if not creados:
                cambiar_estado(
                    pieza_id=pieza.pk,
                    desde=estados.EN_CURSO,
                    hacia=estados.FALLIDA,
                    terminada_en=ahora,
                    motivo_estado="La audiencia no tiene destinatarios.",
                )
            else:
                transaction.on_commit(
                    partial(encolar_lotes, pieza_id=pieza.pk, sellar=False)
                )
    logger.info("Pieza %s tomada por el despachador", pieza_id)
    return True


def crear_envios(*, pieza: Pieza, ahora: datetime) -> int:
    """Un `Envio` por destinatario de la audiencia; devuelve cuántos hay.

    Los dados de baja quedan OMITIDOS (se ven en el conteo, no reciben nada).
    La restricción única (pieza, correo) hace inofensivo llamarlo dos veces.
    """
    if pieza.para_el_personal:
        filas = (
            (correo.lower(), f"{nombres} {apellidos}".strip(), pk, None)
            for pk, correo, nombres, apellidos in audiencias.funcionarios_de(
                pieza
            ).values_list("pk", "correo", "nombres", "apellidos")
        )
    else:
        filas = (
            (correo.lower(), nombre, None, pk)
            for pk, correo, nombre in audiencias.suscriptores_de(pieza).values_list(
                "pk", "correo", "nombre"
            )
        )
    bajas = set(
        audiencias.Baja.objects.values_list("correo", flat=True)
    )  # lista corta frente a la audiencia
    vistos: set[str] = set()
    nuevos = []
    for correo, nombre, funcionario_id, suscriptor_id in filas:
        if correo in vistos:
            continue
        vistos.add(correo)
        omitido = correo in bajas
        nuevos.append(
            Envio(
                pieza=pieza,
                correo=correo,
                nombre=nombre[:250],
                funcionario_id=funcionario_id,
                suscriptor_id=suscriptor_id,
                estado=EstadoEnvio.OMITIDO if omitido else EstadoEnvio.PENDIENTE,
                motivo="Dado de baja de los correos masivos" if omitido else "",
                # Sellado desde ya: la recuperación no lo cuenta como huérfano
                # mientras su lote espera turno en la cola.
                encolado_en=None if omitido else ahora,
            )
        )
    Envio.objects.bulk_create(nuevos, batch_size=1000, ignore_conflicts=True)
    return Envio.objects.filter(pieza=pieza).count()


def encolar_lotes(
    *,
    pieza_id: int,
    ids: list[int] | None = None,
    ahora: datetime | None = None,
    sellar: bool = True,
) -> int:
    """Publica en `masivo` lotes de los envíos pendientes (o de `ids`).

    Sella `encolado_en` antes de publicar (`sellar=False` cuando ya viene
    sellado de `crear_envios`); si el broker no responde, lo borra para que el
    siguiente despacho lo intente de nuevo. Devuelve los lotes
    publicados. Publicar dos veces el mismo envío es inofensivo: el reclamo
    del lote y la marca por mensaje impiden enviarlo dos veces.
    """
    from comunicaciones.tasks import enviar_lote

    ahora = ahora or timezone.now()
    if ids is None:
        ids = list(
            Envio.objects.filter(pieza_id=pieza_id, estado=EstadoEnvio.PENDIENTE)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    tamano = max(1, settings.COMUNICACIONES_TAMANO_LOTE)
    publicados = 0
    for inicio in range(0, len(ids), tamano):
        lote = ids[inicio : inicio + tamano]
        if sellar:
            Envio.objects.filter(pk__in=lote).update(encolado_en=ahora)
        if not encolar(enviar_lote, pieza_id, lote):
            Envio.objects.filter(pk__in=ids[inicio:]).update(encolado_en=None)
            break
        publicados += 1
    return publicados


def recuperar_envios(*, ahora: datetime | None = None) -> int:
    """Vuelve a encolar los pendientes huérfanos de las piezas en curso.

    Huérfano: reclamado hace más de COMUNICACIONES_RECLAMO_VENCE_SEGUNDOS (su
    trabajador murió), o sin reclamar y encolado hace más que eso o nunca (su
    mensaje se perdió). También cierra las piezas en curso sin pendientes (el
    último lote murió antes de cerrarla). Devuelve cuántos envíos re-encoló.
    """
    ahora = ahora or timezone.now()
    limite = ahora - _vence_reclamo()
    huerfano = Q(reclamado_en__lt=limite) | Q(
        Q(reclamado_en__isnull=True)
        & (Q(encolado_en__isnull=True) | Q(encolado_en__lt=limite))
    )
    total = 0
    for pieza_id in Pieza.objects.filter(
        estado=estados.EN_CURSO, canal__in=CANALES_CORREO
    ).values_list("pk", flat=True):
        pendientes = Envio.objects.filter(
            pieza_id=pieza_id, estado=EstadoEnvio.PENDIENTE
        )
        ids = list(
            pendientes.filter(huerfano).order_by("pk").values_list("pk", flat=True)
        )
        if ids:
            logger.warning(
                "Pieza %s: se vuelven a encolar %s envíos huérfanos", pieza_id, len(ids)
            )
            encolar_lotes(pieza_id=pieza_id, ids=ids, ahora=ahora)
            total += len(ids)
        elif not pendientes.exists():
            evaluar_pieza(pieza_id=pieza_id)
    return total


# --- Un lote ---------------------------------------------------------------------


@dataclass
class ResultadoLote:
    reclamados: int = 0
    enviados: int = 0
    fallidos: int = 0
    omitidos: int = 0
    detenido: bool = False


def enviar_lote(*, pieza_id: int, envio_ids: list[int]) -> ResultadoLote:
    """Envía los envíos pendientes de `envio_ids` por UNA conexión SMTP.

    Idempotente: reclama solo filas pendientes sin reclamo vivo, y cada mensaje
    se marca con una actualización condicional; un lote repetido (mensaje de
    Celery entregado dos veces) no envía nada que ya haya salido.
    Respeta el tope de mensajes por segundo y se detiene si la pieza deja de
    estar en curso (pausada o cancelada).
    """
    resultado = ResultadoLote()
    pieza = Pieza.objects.select_related("campana", "firma").filter(pk=pieza_id).first()
    if pieza is None or pieza.estado != estados.EN_CURSO:
        return resultado

    ahora = timezone.now()
    marca = uuid.uuid4().hex
    resultado.reclamados = (
        Envio.objects.filter(
            pk__in=envio_ids, pieza_id=pieza_id, estado=EstadoEnvio.PENDIENTE
        )
        .filter(
            Q(reclamado_en__isnull=True) | Q(reclamado_en__lt=ahora - _vence_reclamo())
        )
        .update(reclamado_en=ahora, reclamado_por=marca)
    )
    envios = list(
        Envio.objects.filter(reclamado_por=marca, estado=EstadoEnvio.PENDIENTE)
        .select_related("funcionario__dependencia")
        .order_by("pk")
    )
    bajas = audiencias.correos_dados_de_baja(e.correo for e in envios)
    if bajas:
        resultado.omitidos = Envio.objects.filter(
            reclamado_por=marca, correo__in=bajas, estado=EstadoEnvio.PENDIENTE
        ).update(
            estado=EstadoEnvio.OMITIDO, motivo="Dado de baja de los correos masivos"
        )
        envios = [e for e in envios if e.correo not in bajas]

    if envios:
        _enviar_envios(pieza, envios, marca, resultado)
    evaluar_pieza(
        pieza_id=pieza_id, hubo_fallos=bool(resultado.fallidos or resultado.detenido)
    )
    return resultado


def _enviar_envios(pieza, envios, marca, resultado: ResultadoLote) -> None:
    from comunicaciones.services.mensajes import PlantillaMasiva

    try:
        transporte = abrir_transporte()
    except ErrorDeEntrega as error:
        logger.warning("Pieza %s: no se pudo abrir la conexión: %s", pieza.pk, error)
        _registrar_fallo_del_lote(envios, marca, error)
        resultado.detenido = True
        return

    plantilla = PlantillaMasiva.para(pieza)
    limitador = LimitadorDeTasa.desde_configuracion()
    with _confirmacion_asincrona():
        _enviar_en_orden(
            pieza, envios, marca, resultado, transporte, plantilla, limitador
        )


def _enviar_en_orden(pieza, envios, marca, resultado, transporte, plantilla, limitador):
    try:
        for posicion, envio in enumerate(envios):
            if posicion and posicion % _REVISION_CADA == 0:
                if not _sigue_en_curso(pieza.pk):
                    _soltar(envios[posicion:], marca)
                    resultado.detenido = True
                    return
                Envio.objects.filter(
                    pk__in=[e.pk for e in envios[posicion:]], reclamado_por=marca
                ).update(reclamado_en=timezone.now())
            paquete = _paquete(transporte, plantilla, envio)
            limitador.esperar_turno()
            estado = _enviar_uno(transporte, envio, paquete, marca)
            if estado == EstadoEnvio.ENVIADO:
                resultado.enviados += 1
            elif estado == EstadoEnvio.FALLIDO:
                resultado.fallidos += 1
            elif estado is _CONEXION_PERDIDA:
                _registrar_fallo_del_lote(
                    envios[posicion + 1 :],
                    marca,
                    ErrorDeEntrega("Se perdió la conexión SMTP", temporal=True),
                    contar_intento=False,
                )
                resultado.detenido = True
                return
    finally:
        transporte.cerrar()


_CONEXION_PERDIDA = object()


@contextmanager
def _confirmacion_asincrona():
    """En PostgreSQL, los COMMIT del lote no esperan a que el WAL llegue al disco.

    Cada mensaje se confirma en su propia transacción (ver el docstring del
    módulo) y esperar el fsync de cada una duplicaba el tiempo por mensaje.
    Ante la muerte del trabajador no cambia nada: PostgreSQL conserva lo
    confirmado. Solo si se cae el propio servidor de base de datos podrían
    perderse las marcas de la última fracción de segundo (wal_writer_delay) y
    esos mensajes se reenviarían: se acepta a cambio de la velocidad.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
        except DatabaseError:
            logger.warning("No se pudo restablecer synchronous_commit", exc_info=True)


def _paquete(transporte, plantilla, envio: Envio):
    """El mensaje del envío listo para el transporte (en bytes si se puede)."""
    from comunicaciones.services.mensajes import Persona

    persona = Persona.de_envio(envio)
    if transporte.acepta_bytes:
        datos = plantilla.bytes_para(persona, envio_id=envio.pk)
        if datos is not None:
            return transporte.paquete(
                datos,
                remitente=settings.DEFAULT_FROM_EMAIL,
                destinatarios=[persona.correo],
            )
    return transporte.preparar(plantilla.mensaje_para(persona, envio_id=envio.pk))


def _marcar_enviado(envio_id: int, marca: str) -> bool:
    """PENDIENTE y reclamado por `marca` → ENVIADO. Es la sentencia de cada
    mensaje: va en SQL directo porque el ORM costaba tanto como el SMTP."""
    tabla = connection.ops.quote_name(Envio._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {tabla} SET estado = %s, enviado_en = %s, "
            "intentos = intentos + 1, motivo = '' "
            "WHERE id = %s AND estado = %s AND reclamado_por = %s",
            [
                EstadoEnvio.ENVIADO,
                timezone.now(),
                envio_id,
                EstadoEnvio.PENDIENTE,
                marca,
            ],
        )
        return cursor.rowcount == 1


def _enviar_uno(transporte, envio: Envio, paquete, marca: str):
    """Entrega un mensaje con la marca en la base confirmada junto al punto final.

    Devuelve el estado final de la fila, None si otro proceso la tenía, o
    _CONEXION_PERDIDA si el servidor no responde ni tras reconectar.
    """
    for intento in range(2):
        try:
            with transaction.atomic():
                if not _marcar_enviado(envio.pk, marca):
                    return None
                transporte.entregar(paquete)
                # Al salir de este bloque se confirma: lo último antes del COMMIT
                # fue escribir el punto final del DATA.
        except ErrorDeEntrega as error:
            # Se deshizo la marca; el servidor no aceptó el mensaje.
            if error.temporal and error.codigo is None and intento == 0:
                try:
                    transporte.reiniciar()
                    continue
                except ErrorDeEntrega:
                    pass
            estado = _registrar_fallo(envio, error)
            if error.temporal and error.codigo is None:
                return _CONEXION_PERDIDA
            return estado
        try:
            transporte.confirmar()
        except ErrorDeEntrega as error:
            return _corregir_tras_rechazo(envio, error)
        return EstadoEnvio.ENVIADO
    return None


def _registrar_fallo(envio: Envio, error: ErrorDeEntrega) -> str:
    """Cuenta un intento fallido; FALLIDO si es permanente o se agotaron."""
    intentos = envio.intentos + 1
    agotado = intentos >= settings.COMUNICACIONES_MAX_INTENTOS
    estado = (
        EstadoEnvio.FALLIDO
        if (not error.temporal or agotado)
        else EstadoEnvio.PENDIENTE
    )
    # Un temporal vuelve a la cola en el siguiente despacho (sin countdown).
    Envio.objects.filter(pk=envio.pk, estado=EstadoEnvio.PENDIENTE).update(
        estado=estado,
        intentos=F("intentos") + 1,
        motivo=str(error)[:300],
        reclamado_en=None,
        reclamado_por="",
        encolado_en=None,
    )
    return estado


def _corregir_tras_rechazo(envio: Envio, error: ErrorDeEntrega) -> str:
    """El servidor respondió al punto final con un error, o no respondió."""
    if error.codigo is None:
        # Sin respuesta: el mensaje pudo quedar aceptado. Se deja como enviado
        # (reenviarlo podría duplicarlo) con la nota para quien revise.
        Envio.objects.filter(pk=envio.pk).update(
            motivo="El servidor no confirmó la entrega (se perdió la conexión)."
        )
        return EstadoEnvio.ENVIADO
    agotado = envio.intentos + 1 >= settings.COMUNICACIONES_MAX_INTENTOS
    estado = (
        EstadoEnvio.PENDIENTE if error.temporal and not agotado else EstadoEnvio.FALLIDO
    )
    Envio.objects.filter(pk=envio.pk, estado=EstadoEnvio.ENVIADO).update(
        estado=estado,
        enviado_en=None,
        motivo=str(error)[:300],
        reclamado_en=None,
        reclamado_por="",
        encolado_en=None,
    )
    return estado


def _registrar_fallo_del_lote(
    envios, marca: str, error: ErrorDeEntrega, *, contar_intento: bool = True
) -> None:
    """Sin conexión: los envíos del lote vuelven a pendientes para el siguiente
    despacho (o quedan fallidos si agotaron sus intentos)."""
    ids = [e.pk for e in envios]
    if not ids:
        return
    mios = Envio.objects.filter(
        pk__in=ids, reclamado_por=marca, estado=EstadoEnvio.PENDIENTE
    )
    if contar_intento:
        mios.update(intentos=F("intentos") + 1, motivo=str(error)[:300])
        Envio.objects.filter(
            pk__in=ids,
            reclamado_por=marca,
            estado=EstadoEnvio.PENDIENTE,
            intentos__gte=settings.COMUNICACIONES_MAX_INTENTOS,
        ).update(estado=EstadoEnvio.FALLIDO)
    _soltar(envios, marca)


def _soltar(envios, marca: str) -> None:
    Envio.objects.filter(
        pk__in=[e.pk for e in envios], reclamado_por=marca, estado=EstadoEnvio.PENDIENTE
    ).update(reclamado_en=None, reclamado_por="", encolado_en=None)


def _sigue_en_curso(pieza_id: int) -> bool:
    return Pieza.objects.filter(pk=pieza_id, estado=estados.EN_CURSO).exists()


# --- Cierre y pausa ----------------------------------------------------------------


def evaluar_pieza(*, pieza_id: int, hubo_fallos: bool = True) -> str | None:
    """Pausa la pieza si falla demasiado, o la cierra si no le queda nada.

    Demasiado: al menos COMUNICACIONES_FALLOS_PARA_PAUSAR fallidos y al menos
    COMUNICACIONES_PORCENTAJE_FALLOS_PARA_PAUSAR % de lo intentado. Devuelve el
    nuevo estado, o None si no cambió. Dos lotes que terminan a la vez no la
    cierran dos veces (actualización condicional). Un lote sin fallos pasa
    `hubo_fallos=False`: si aún quedan pendientes no hay nada que contar (en una
    pieza de 10.000, contar al final de cada lote pesaba).
    """
    envios = Envio.objects.filter(pieza_id=pieza_id)
    if not hubo_fallos and envios.filter(estado=EstadoEnvio.PENDIENTE).exists():
        return None
    conteos = envios.conteos()
    intentados = conteos["enviados"] + conteos["fallidos"]
    try:
        if (
            conteos["fallidos"] >= settings.COMUNICACIONES_FALLOS_PARA_PAUSAR
            and conteos["fallidos"] * 100
            >= settings.COMUNICACIONES_PORCENTAJE_FALLOS_PARA_PAUSAR * intentados
            and conteos["pendientes"]
        ):
            cambiar_estado(
                pieza_id=pieza_id,
                desde=estados.EN_CURSO,
                hacia=estados.PAUSADA,
                motivo_estado=(
                    f"Pausada automáticamente: {conteos['fallidos']} de "
                    f"{intentados} envíos fallaron. Revise el motivo en los envíos "
                    "fallidos y use «Reintentar fallidos» o «Reanudar»."
                ),
            )
            from comunicaciones import tasks

            encolar(tasks.avisar_pieza_pausada, pieza_id)
            return estados.PAUSADA
        if conteos["pendientes"] == 0:
            hacia = (
                estados.FALLIDA
                if conteos["enviados"] == 0 and conteos["fallidos"]
                else estados.ENVIADA
            )
            cambiar_estado(
                pieza_id=pieza_id,
                desde=estados.EN_CURSO,
                hacia=hacia,
                terminada_en=timezone.now(),
            )
            return hacia
    except ErrorDeComunicaciones:
        # Otro lote la cerró o alguien la pausó o canceló: nada que hacer.
        return None
    return None


def avisar_pausa(*, pieza_id: int) -> bool:
    """Escribe al responsable de la campaña que la pieza se pausó. A lo sumo una
    vez por pausa: bloquea la fila, mira el sello, envía y sella."""
    from sanpedro_gel.correo import enviar_correo

    with transaction.atomic():
        pieza = (
            Pieza.objects.select_for_update()
            .select_related("campana__responsable", "programada_por")
            .filter(
                pk=pieza_id, estado=estados.PAUSADA, aviso_pausa_enviado_en__isnull=True
            )
            .first()
        )
        if pieza is None:
            return False
        para = {pieza.campana.responsable.email}
        if pieza.programada_por:
            para.add(pieza.programada_por.email)
        enviar_correo(
            "comunicaciones/emails/pieza_pausada",
            {
                "pieza": pieza,
                "conteos": Envio.objects.filter(pieza=pieza).conteos(),
                "enlace": settings.PORTAL_URL
                + reverse("admin:comunicaciones_pieza_change", args=[pieza.pk]),
            },
            sorted(para),
        )
        Pieza.objects.filter(pk=pieza.pk).update(aviso_pausa_enviado_en=timezone.now())
    return True
