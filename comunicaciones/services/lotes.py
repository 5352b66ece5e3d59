"""El correo masivo: un lote de envíos de una pieza por UNA conexión SMTP, cada
destinatario exactamente una vez. Es también el único escritor de
`Envio.estado` (`estados.ENVIO`).

La interfaz es `enviar_lote(pieza_id=…, envio_ids=…)`, que corre la tarea
`enviar_lote` de la cola `masivo`; lo demás de este módulo es su detalle.

La garantía
-----------
Cada envío pasa de PENDIENTE a ENVIADO en su propia transacción, con una
actualización condicionada a que siga pendiente y reclamado por este lote. La
transacción queda abierta mientras `smtplib` entrega el mensaje y se confirma
en cuanto el punto final del DATA está escrito, antes de leer la respuesta:

- si el trabajador muere antes del punto final, PostgreSQL deshace la marca y el
  servidor SMTP descarta el DATA a medias: la fila sigue pendiente y el
  despacho de cada minuto la vuelve a encolar;
- si muere después del COMMIT, la fila dice ENVIADO y el servidor tiene el
  mensaje;
- si el servidor rechaza el punto final, la marca se corrige (FALLIDO, o
  PENDIENTE si el rechazo es temporal); si no contesta, se deja ENVIADO con
  una nota, porque reenviar podría duplicar.

Un lote repetido (Celery entrega dos veces el mismo mensaje) o dos lotes con
las mismas filas no duplican nada: el reclamo y la marca son condicionales.

La ventana conocida
-------------------
Entre escribir el punto final y escribir el COMMIT corren unas pocas
instrucciones. Si el proceso muere justo ahí, el núcleo entrega el punto final
al cerrar el socket pero la marca se deshace: ese destinatario recibiría el
correo dos veces. Para que esas instrucciones no se estiren, el punto final se
escribe con el socket tapado (TCP_CORK, Linux): no sale ni despierta al
servidor hasta que el COMMIT está escrito; si el COMMIT falla, la conexión se
corta con RST y lo retenido se descarta.

La garantía supone además que PostgreSQL conserva lo confirmado: el lote
confirma sin esperar el disco (`_confirmacion_asincrona`), así que si se cae el
servidor de base de datos (no el trabajador) podrían reenviarse los mensajes
marcados en su última fracción de segundo.

Por qué es así y qué se probó antes: `docs/historia-del-envio-masivo.md`.
"""

import logging
import smtplib
import socket
import struct
import uuid
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from comunicaciones import estados
from comunicaciones.models import Envio, EstadoEnvio, Pieza
from comunicaciones.services import audiencias
from comunicaciones.services.estado_pieza import evaluar_pieza
from comunicaciones.services.mensajes import Persona, PlantillaMasiva
from comunicaciones.services.tope import LimitadorDeTasa
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


# --- La interfaz ------------------------------------------------------------------


@dataclass
class ResultadoLote:
    reclamados: int = 0
    enviados: int = 0
    fallidos: int = 0
    omitidos: int = 0
    detenido: bool = False


def enviar_lote(*, pieza_id: int, envio_ids: list[int]) -> ResultadoLote:
    """Envía los envíos pendientes de `envio_ids` por UNA conexión SMTP.

    Idempotente: reclama solo filas pendientes sin reclamo vivo y marca cada
    una con una actualización condicional. Respeta el tope de mensajes por
    segundo, omite a quien se dio de baja y se detiene si la pieza deja de
    estar en curso (pausada o cancelada). Al final pausa o cierra la pieza si
    corresponde (`evaluar_pieza`).
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


# --- El lote, mensaje por mensaje ---------------------------------------------------


def _enviar_envios(pieza, envios, marca, resultado: ResultadoLote) -> None:
    try:
        conexion = _Conexion()
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
                pieza, envios, marca, resultado, conexion, plantilla, limitador
            )
    finally:
        conexion.cerrar()


def _enviar_en_orden(pieza, envios, marca, resultado, conexion, plantilla, limitador):
    for posicion, envio in enumerate(envios):
        if posicion and posicion % _REVISION_CADA == 0:
            if not _sigue_en_curso(pieza.pk):
                _soltar(envios[posicion:], marca)
                resultado.detenido = True
                return
            Envio.objects.filter(
                pk__in=[e.pk for e in envios[posicion:]], reclamado_por=marca
            ).update(reclamado_en=timezone.now())
        correo = conexion.preparar(plantilla, envio)
        limitador.esperar_turno()
        estado = _enviar_uno(conexion, envio, correo, marca)
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


def _enviar_uno(conexion, envio: Envio, correo, marca: str):
    """Marca y entrega un mensaje; la marca se confirma junto al punto final.

    Devuelve el estado final de la fila, None si otro proceso la tenía, o
    _CONEXION_PERDIDA si el servidor no responde ni tras reconectar.
    """
    for intento in range(2):
        rechazo = None
        try:
            with _transaccion_del_mensaje() as confirmar:
                if not _marcar_enviado(envio.pk, marca):
                    return None
                try:
                    conexion.entregar(
                        correo, destinatario=envio.correo, tras_el_punto=confirmar
                    )
                except ErrorDeEntrega as error:
                    if not error.tras_el_punto:
                        raise  # se deshace la marca
                    rechazo = error
        except ErrorDeEntrega as error:
            # El servidor no aceptó el mensaje y la fila sigue pendiente.
            if error.sin_respuesta and intento == 0:
                try:
                    conexion.reabrir()
                    continue
                except ErrorDeEntrega:
                    pass
            estado = _registrar_fallo(envio, error)
            return _CONEXION_PERDIDA if error.sin_respuesta else estado
        if rechazo is not None:
            return _corregir_tras_rechazo(envio, rechazo)
        return EstadoEnvio.ENVIADO
    return None


def _marcar_enviado(envio_id: int, marca: str) -> bool:
    """PENDIENTE y reclamado por `marca` → ENVIADO.

    Es la única sentencia por mensaje y va en SQL directo: armarla con el ORM
    casi duplicaba la CPU del trabajador por mensaje (docs/PERFORMANCE.md).
    """
    estados.ENVIO.validar(estados.PENDIENTE, estados.ENVIADO)
    tabla = connection.ops.quote_name(Envio._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {tabla} SET estado = %s, enviado_en = %s, "
            "intentos = intentos + 1, motivo = '' "
            "WHERE id = %s AND estado = %s AND reclamado_por = %s",
            [estados.ENVIADO, timezone.now(), envio_id, estados.PENDIENTE, marca],
        )
        return cursor.rowcount == 1


@contextmanager
def _transaccion_del_mensaje():
    """La transacción de un mensaje; entrega con qué confirmarla tras el punto.

    Es manual, no `atomic()`: el COMMIT tiene que salir en la instrucción
    siguiente al punto final, y `atomic()` solo confirma al cerrar el bloque.
    Dentro de otro bloque atómico (las pruebas, o quien llame con su propia
    transacción) no se puede confirmar a mitad: se usa un savepoint y confirma
    la transacción de afuera.
    """
    if connection.in_atomic_block:
        with transaction.atomic():
            yield None
        return
    transaction.set_autocommit(False)
    try:
        yield connection.connection.commit
        transaction.commit()  # sin efecto si ya se confirmó tras el punto
    except BaseException:
        with suppress(DatabaseError):
            transaction.rollback()
        raise
    finally:
        transaction.set_autocommit(True)


@contextmanager
def _confirmacion_asincrona():
    """En PostgreSQL, los COMMIT del lote no esperan a que el WAL llegue al disco.

    Una transacción por mensaje, cada una esperando su fsync, duplicaba el
    tiempo por mensaje. Si muere el trabajador no cambia nada; si se cae el
    servidor de PostgreSQL podrían perderse las marcas de la última fracción
    de segundo, y esos mensajes se reenviarían.
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


# --- Los fallos -------------------------------------------------------------------


def _registrar_fallo(envio: Envio, error: "ErrorDeEntrega") -> str:
    """Cuenta un intento fallido; FALLIDO si es permanente o se agotaron."""
    agotado = envio.intentos + 1 >= settings.COMUNICACIONES_MAX_INTENTOS
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


def _corregir_tras_rechazo(envio: Envio, error: "ErrorDeEntrega") -> str:
    """El servidor respondió al punto final con un error, o no respondió."""
    if error.sin_respuesta:
        # El mensaje pudo quedar aceptado: se deja como enviado (reenviarlo
        # podría duplicarlo) con la nota para quien revise.
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
    envios, marca: str, error: "ErrorDeEntrega", *, contar_intento: bool = True
) -> None:
    """Sin conexión: los envíos del lote vuelven a pendientes para el siguiente
    despacho (o quedan fallidos si agotaron sus intentos)."""
    ids = [e.pk for e in envios]
    if not ids:
        return
    if contar_intento:
        Envio.objects.filter(
            pk__in=ids, reclamado_por=marca, estado=EstadoEnvio.PENDIENTE
        ).update(intentos=F("intentos") + 1, motivo=str(error)[:300])
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


# --- La conexión -------------------------------------------------------------------


class ErrorDeEntrega(Exception):
    """Un mensaje no se pudo entregar; `temporal` dice si vale la pena reintentar.

    `codigo` es el de la respuesta SMTP (None si la conexión falló sin
    respuesta); `tras_el_punto`, si el error llegó después del punto final,
    cuando la marca ya estaba confirmada.
    """

    def __init__(
        self,
        mensaje: str,
        *,
        temporal: bool,
        codigo: int | None = None,
        tras_el_punto: bool = False,
    ):
        super().__init__(mensaje)
        self.temporal = temporal
        self.codigo = codigo
        self.tras_el_punto = tras_el_punto

    @property
    def sin_respuesta(self) -> bool:
        return self.temporal and self.codigo is None


def _clasificar(error: Exception, *, tras_el_punto: bool = False) -> ErrorDeEntrega:
    """Un error de smtplib o de red como temporal (4xx, red) o permanente (5xx)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        respuestas = list(error.recipients.values())
        texto = "; ".join(f"{c} {r.decode(errors='replace')}" for c, r in respuestas)
        return ErrorDeEntrega(
            f"Destinatario rechazado: {texto}",
            temporal=all(400 <= c < 500 for c, _ in respuestas),
            codigo=max(c for c, _ in respuestas),
        )
    if isinstance(error, smtplib.SMTPResponseException):
        texto = error.smtp_error
        if isinstance(texto, bytes):
            texto = texto.decode(errors="replace")
        return ErrorDeEntrega(
            f"El servidor respondió {error.smtp_code}: {texto}",
            temporal=400 <= error.smtp_code < 500,
            codigo=error.smtp_code,
            tras_el_punto=tras_el_punto,
        )
    # Desconexiones, tiempos agotados y errores de red: el servidor puede volver.
    return ErrorDeEntrega(
        f"Error de conexión: {error}", temporal=True, tras_el_punto=tras_el_punto
    )


_TCP_CORK = getattr(socket, "TCP_CORK", None)


def _tapar(sock, tapado: bool) -> None:
    """Con TCP_CORK el núcleo retiene lo escrito en el socket hasta destaparlo."""
    if _TCP_CORK is not None and sock is not None:
        with suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, _TCP_CORK, int(tapado))


class _AvisaTrasElPunto:
    """Para `smtplib.SMTP`: el contenido del DATA, que termina en el punto final,
    se escribe con el socket tapado; enseguida corre `tras_el_punto` (el COMMIT
    de la marca) y después se destapa. El resto de la conversación es el
    `sendmail` de smtplib."""

    tras_el_punto = None
    punto_escrito = False
    _en_data = False

    def data(self, msg):
        self._en_data, self.punto_escrito = True, False
        try:
            return super().data(msg)
        finally:
            self._en_data = False

    def send(self, s):
        # En el DATA, smtplib escribe primero el comando (texto) y luego el
        # contenido con el punto final (bytes), en una sola escritura.
        if not (self._en_data and isinstance(s, bytes)):
            return super().send(s)
        self._en_data = False
        _tapar(self.sock, True)
        super().send(s)
        if self.tras_el_punto is not None:
            try:
                self.tras_el_punto()
            except BaseException:
                self._cortar_sin_entregar()
                raise
        self.punto_escrito = True
        _tapar(self.sock, False)

    def _cortar_sin_entregar(self) -> None:
        """Cierra con RST: el núcleo descarta el punto final retenido y el
        servidor, el DATA incompleto."""
        if self.sock is not None:
            with suppress(OSError):
                self.sock.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
        self.close()


class _SMTP(_AvisaTrasElPunto, smtplib.SMTP):
    pass


class _SMTP_SSL(_AvisaTrasElPunto, smtplib.SMTP_SSL):
    pass


class _BackendSMTP(EmailBackend):
    """El backend SMTP de Django (servidor, TLS, usuario de la configuración)
    con la conexión que avisa tras el punto final."""

    @property
    def connection_class(self):
        return _SMTP_SSL if self.use_ssl else _SMTP


class _Conexion:
    """La conexión de un lote con el backend de correo configurado, abierta.

    Con SMTP, los mensajes van en bytes cuando la plantilla lo permite
    (`PlantillaMasiva.bytes_para`) y la marca se confirma tras el punto final.
    Con otro backend (archivos, memoria, consola) se entrega el correo armado
    y la marca se confirma después.
    """

    def __init__(self):
        backend = get_connection(fail_silently=False)
        self.smtp = isinstance(backend, EmailBackend)
        self.backend = _BackendSMTP(fail_silently=False) if self.smtp else backend
        self.remitente = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
        self.abrir()

    def abrir(self) -> None:
        try:
            self.backend.open()
        except (OSError, smtplib.SMTPException) as error:
            if self.smtp:
                self.backend.connection = None
            raise _clasificar(error) from error

    def cerrar(self) -> None:
        try:
            self.backend.close()
        except (OSError, smtplib.SMTPException):
            self.backend.connection = None

    def reabrir(self) -> None:
        self.cerrar()
        self.abrir()

    def preparar(self, plantilla: PlantillaMasiva, envio: Envio):
        """Los bytes del mensaje de `envio`, o el correo armado."""
        persona = Persona.de_envio(envio)
        if self.smtp:
            datos = plantilla.bytes_para(persona, envio_id=envio.pk)
            if datos is not None:
                return datos
        return plantilla.mensaje_para(persona, envio_id=envio.pk)

    def entregar(self, correo, *, destinatario: str, tras_el_punto=None) -> None:
        """Entrega `correo` (de `preparar`); `tras_el_punto` corre en cuanto el
        servidor pudo haberlo aceptado. Levanta ErrorDeEntrega."""
        smtp = self.backend.connection if self.smtp else None
        try:
            if smtp is None and self.smtp:
                raise smtplib.SMTPServerDisconnected("La conexión estaba cerrada")
            if smtp is not None:
                smtp.tras_el_punto, smtp.punto_escrito = tras_el_punto, False
            if isinstance(correo, bytes):
                smtp.sendmail(self.remitente, [destinatario], correo)
            else:
                self.backend.send_messages([correo])
                if smtp is None and tras_el_punto is not None:
                    tras_el_punto()
        except (OSError, smtplib.SMTPException) as error:
            raise _clasificar(
                error, tras_el_punto=smtp is not None and smtp.punto_escrito
            ) from error


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
