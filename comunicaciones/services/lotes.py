"""El envío de un lote de correos masivos: una conexión SMTP, cada destinatario
una vez. Es también el único escritor de `Envio.estado` (`estados.ENVIO`).

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
- el único hueco es el instante entre escribir el punto final y escribir el
  COMMIT, y se achicó a lo mínimo: el punto final queda retenido en el núcleo
  (TCP_CORK, ver `transporte.entregar`), así que escribirlo no despierta al
  servidor SMTP ni invita al planificador a desalojar al trabajador ahí, y el
  COMMIT sale en la instrucción siguiente (`_transaccion_del_mensaje`). Si el
  proceso muere con las dos escrituras hechas, el núcleo entrega ambas.

Si el servidor rechaza después del punto final, la fila se corrige (fallido,
o pendiente si el rechazo es temporal).
"""

import logging
import uuid
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from comunicaciones import estados
from comunicaciones.models import Envio, EstadoEnvio, Pieza
from comunicaciones.services import audiencias
from comunicaciones.services.estado_pieza import evaluar_pieza
from comunicaciones.services.mensajes import Persona, PlantillaMasiva
from comunicaciones.services.transporte import (
    ErrorDeEntrega,
    LimitadorDeTasa,
    abrir_transporte,
)
from sanpedro_gel.transiciones import tomar_estado

logger = logging.getLogger(__name__)

# Cada cuántos mensajes un lote mira si su pieza sigue en curso y renueva su
# reclamo sobre lo que le falta.
_REVISION_CADA = 20

# Un envío que vuelve a esperar turno: sin lote que lo tenga ni lo haya encolado.
_SIN_RECLAMO = {"reclamado_en": None, "reclamado_por": "", "encolado_en": None}


def vence_reclamo() -> timedelta:
    """Tras cuánto un reclamo sin terminar se da por muerto."""
    return timedelta(seconds=settings.COMUNICACIONES_RECLAMO_VENCE_SEGUNDOS)


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
            Q(reclamado_en__isnull=True) | Q(reclamado_en__lt=ahora - vence_reclamo())
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
        resultado.omitidos = _mover(
            {"reclamado_por": marca, "correo__in": bajas},
            estados.PENDIENTE,
            estados.OMITIDO,
            motivo="Dado de baja de los correos masivos",
        )
        envios = [e for e in envios if e.correo not in bajas]

    if envios:
        _enviar_envios(pieza, envios, marca, resultado)
    evaluar_pieza(
        pieza_id=pieza_id, hubo_fallos=bool(resultado.fallidos or resultado.detenido)
    )
    return resultado


def _enviar_envios(pieza, envios, marca, resultado: ResultadoLote) -> None:
    try:
        transporte = abrir_transporte()
    except ErrorDeEntrega as error:
        logger.warning("Pieza %s: no se pudo abrir la conexión: %s", pieza.pk, error)
        _registrar_fallo_del_lote(envios, marca, error)
        resultado.detenido = True
        return

    try:
        plantilla = PlantillaMasiva.para(pieza)
        limitador = LimitadorDeTasa.desde_configuracion()
        with _confirmacion_asincrona():
            _enviar_en_orden(
                pieza, envios, marca, resultado, transporte, plantilla, limitador
            )
    finally:
        transporte.cerrar()


def _enviar_en_orden(pieza, envios, marca, resultado, transporte, plantilla, limitador):
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
    estados.ENVIO.validar(estados.PENDIENTE, estados.ENVIADO)
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


@contextmanager
def _transaccion_del_mensaje():
    """La transacción de un mensaje; entrega la función que la confirma.

    Con `atomic()` el COMMIT saldría al cerrar el bloque, tras volver de
    `entregar` y recorrer el cierre del bloque: decenas de microsegundos en los
    que un SIGKILL dejaría el punto final escrito y la marca sin confirmar. Aquí
    la transacción es manual y se confirma con la conexión de psycopg2 en la
    instrucción siguiente al punto final. Dentro de otro bloque atómico (las
    pruebas, o quien llame con su propia transacción) no se puede confirmar a
    mitad: se usa un savepoint y confirma la transacción de afuera.
    """
    if connection.in_atomic_block:
        with transaction.atomic():
            yield None
        return
    transaction.set_autocommit(False)
    try:
        yield _confirmar_ya
        transaction.commit()  # sin efecto si ya se confirmó
    except BaseException:
        with suppress(DatabaseError):
            transaction.rollback()
        raise
    finally:
        transaction.set_autocommit(True)


def _confirmar_ya() -> None:
    connection.connection.commit()


def _enviar_uno(transporte, envio: Envio, paquete, marca: str):
    """Entrega un mensaje con la marca en la base confirmada junto al punto final.

    Devuelve el estado final de la fila, None si otro proceso la tenía, o
    _CONEXION_PERDIDA si el servidor no responde ni tras reconectar.
    """
    for intento in range(2):
        try:
            with _transaccion_del_mensaje() as confirmar_marca:
                # El MAIL FROM sale antes de marcar: el servidor lo contesta
                # mientras PostgreSQL hace el UPDATE.
                transporte.anunciar(paquete)
                if not _marcar_enviado(envio.pk, marca):
                    transporte.retirar()
                    return None
                # El COMMIT de la marca sale justo después del punto final.
                transporte.entregar(paquete, tras_el_punto=confirmar_marca)
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
    campos = {
        "intentos": F("intentos") + 1,
        "motivo": str(error)[:300],
        **_SIN_RECLAMO,
    }
    if not error.temporal or agotado:
        _mover({"pk": envio.pk}, estados.PENDIENTE, estados.FALLIDO, **campos)
        return EstadoEnvio.FALLIDO
    # Un temporal sigue pendiente y vuelve a la cola en el siguiente despacho
    # (sin countdown).
    Envio.objects.filter(pk=envio.pk, estado=EstadoEnvio.PENDIENTE).update(**campos)
    return EstadoEnvio.PENDIENTE


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
    _mover(
        {"pk": envio.pk},
        estados.ENVIADO,
        estado,
        enviado_en=None,
        motivo=str(error)[:300],
        **_SIN_RECLAMO,
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
        _mover(
            {
                "pk__in": ids,
                "reclamado_por": marca,
                "intentos__gte": settings.COMUNICACIONES_MAX_INTENTOS,
            },
            estados.PENDIENTE,
            estados.FALLIDO,
        )
    _soltar(envios, marca)


def _soltar(envios, marca: str) -> None:
    Envio.objects.filter(
        pk__in=[e.pk for e in envios], reclamado_por=marca, estado=EstadoEnvio.PENDIENTE
    ).update(**_SIN_RECLAMO)


def _sigue_en_curso(pieza_id: int) -> bool:
    return Pieza.objects.filter(pk=pieza_id, estado=estados.EN_CURSO).exists()


# --- Los demás cambios de estado de los envíos ---------------------------------------


def _mover(filtro: dict, origen: str, destino: str, **campos) -> int:
    return tomar_estado(
        Envio,
        filtro=filtro,
        tabla=estados.ENVIO,
        origen=origen,
        destino=destino,
        **campos,
    )


def devolver_fallidos(*, pieza_id: int) -> int:
    """Los envíos fallidos de la pieza vuelven a pendientes, con sus intentos en
    cero y sin reclamo. Devuelve cuántos."""
    return _mover(
        {"pieza_id": pieza_id},
        estados.FALLIDO,
        estados.PENDIENTE,
        intentos=0,
        motivo="",
        **_SIN_RECLAMO,
    )


def omitir_pendientes(*, pieza_id: int, motivo: str) -> int:
    """Los envíos aún pendientes de la pieza quedan omitidos. Devuelve cuántos."""
    return _mover(
        {"pieza_id": pieza_id}, estados.PENDIENTE, estados.OMITIDO, motivo=motivo
    )


def soltar_pendientes(*, pieza_id: int) -> None:
    """Quita el reclamo y la marca de encolado de los pendientes de la pieza,
    para que el siguiente encolado los tome todos."""
    Envio.objects.filter(pieza_id=pieza_id, estado=EstadoEnvio.PENDIENTE).update(
        **_SIN_RECLAMO
    )
