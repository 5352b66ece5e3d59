"""El tramo final del correo masivo: la conexión SMTP y el tope de velocidad.

Un lote abre UNA conexión y la usa para todos sus mensajes. Con el backend SMTP
el mensaje se entrega en dos tiempos (`entregar` y `confirmar`) para que quien
llama pueda confirmar su transacción entre el punto final del DATA y la
respuesta del servidor: ver `lotes._enviar_uno`.
"""

import contextlib
import logging
import re
import smtplib
import socket
import struct
import threading
import time
from dataclasses import dataclass
from email.utils import parseaddr
from functools import lru_cache

import redis
from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as BackendSMTP
from django.core.mail.message import sanitize_address

logger = logging.getLogger(__name__)


class ErrorDeEntrega(Exception):
    """Un mensaje no se pudo entregar; `temporal` dice si vale la pena reintentar."""

    def __init__(self, mensaje: str, *, temporal: bool, codigo: int | None = None):
        super().__init__(mensaje)
        self.temporal = temporal
        # Código SMTP de la respuesta; None si la conexión falló sin respuesta.
        self.codigo = codigo


def clasificar(error: Exception) -> ErrorDeEntrega:
    """Traduce un error de smtplib o de red a temporal (4xx, red) o permanente (5xx)."""
    if isinstance(error, ErrorDeEntrega):
        return error
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codigos = [codigo for codigo, _ in error.recipients.values()]
        texto = "; ".join(
            f"{codigo} {respuesta.decode(errors='replace')}"
            for codigo, respuesta in error.recipients.values()
        )
        return ErrorDeEntrega(
            f"Destinatario rechazado: {texto}",
            temporal=all(400 <= c < 500 for c in codigos),
            codigo=max(codigos),
        )
    if isinstance(error, smtplib.SMTPResponseException):
        texto = error.smtp_error
        if isinstance(texto, bytes):
            texto = texto.decode(errors="replace")
        return ErrorDeEntrega(
            f"El servidor respondió {error.smtp_code}: {texto}",
            temporal=400 <= error.smtp_code < 500,
            codigo=error.smtp_code,
        )
    # Desconexiones, tiempos agotados y errores de red: el servidor puede volver.
    return ErrorDeEntrega(f"Error de conexión: {error}", temporal=True)


@dataclass
class Paquete:
    """Un mensaje listo para el cable: sobre SMTP («<dirección>») y bytes."""

    remitente: str
    destinatarios: list[str]
    datos: bytes
    mensaje: object


_PUNTO_INICIAL = re.compile(rb"(?m)^\.")


_DIRECCION_SIMPLE = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+$")


# TCP_CORK (Linux): el núcleo retiene los datos escritos en el socket hasta que
# se quita el tapón. Ver `TransporteSMTP.entregar`.
_TCP_CORK = getattr(socket, "TCP_CORK", None)


def _tapar(sock, tapado: bool) -> None:
    if _TCP_CORK is None or sock is None:
        return
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.IPPROTO_TCP, _TCP_CORK, int(tapado))


@lru_cache(maxsize=64)
def _sobre(direccion: str, codificacion: str) -> str:
    """La dirección del sobre SMTP («<usuario@dominio>») de `direccion`.

    Sanear y separar el nombre cuesta (codifica cabeceras): el remitente es el
    mismo en todo el lote y se calcula una vez.
    """
    return f"<{parseaddr(sanitize_address(direccion, codificacion))[1]}>"


class TransporteSMTP:
    """Conexión SMTP de un lote, reutilizada para todos sus mensajes."""

    # El lote puede entregarle el mensaje ya en bytes (PlantillaMasiva.bytes_para).
    acepta_bytes = True

    def __init__(self, backend: BackendSMTP):
        self.backend = backend
        self._pendiente_confirmar = False
        # MAIL FROM escrito cuya respuesta aún no se ha leído (ver `anunciar`).
        self._sobre_anunciado = False

    def abrir(self) -> None:
        try:
            self.backend.open()
        except (OSError, smtplib.SMTPException) as error:
            self.backend.connection = None
            raise clasificar(error) from error

    def cerrar(self) -> None:
        self._sobre_anunciado = self._pendiente_confirmar = False
        if self.backend.connection is not None:
            _tapar(self.backend.connection.sock, False)
        try:
            self.backend.close()
        except (OSError, smtplib.SMTPException):
            self.backend.connection = None

    def reiniciar(self) -> None:
        self.cerrar()
        self.abrir()

    def preparar(self, mensaje) -> Paquete:
        return self.paquete(
            mensaje.message().as_bytes(linesep="\r\n"),
            remitente=mensaje.from_email,
            destinatarios=mensaje.recipients(),
            codificacion=mensaje.encoding or settings.DEFAULT_CHARSET,
        )

    def paquete(
        self, datos: bytes, *, remitente: str, destinatarios, codificacion="utf-8"
    ) -> Paquete:
        """El sobre SMTP y los bytes listos (con los puntos iniciales duplicados)."""
        datos = _PUNTO_INICIAL.sub(b"..", datos)
        if not datos.endswith(b"\r\n"):
            datos += b"\r\n"
        return Paquete(
            remitente=_sobre(remitente, codificacion),
            destinatarios=[
                f"<{d}>" if _DIRECCION_SIMPLE.match(d) else _sobre(d, codificacion)
                for d in destinatarios
            ],
            datos=datos,
            mensaje=None,
        )

    def anunciar(self, paquete: Paquete) -> None:
        """Escribe el MAIL FROM del mensaje sin esperar la respuesta.

        El servidor la prepara mientras quien llama hace su parte (marcar la
        fila en la base): así la ida y vuelta a PostgreSQL y la del primer
        comando SMTP ocurren a la vez. `entregar` lee esa respuesta; si al final
        el mensaje no se envía, `retirar` deja la conexión lista para el
        siguiente.
        """
        self.retirar()
        with self._hablando():
            if self.backend.connection is None:
                self.abrir()
            smtp = self.backend.connection
            smtp.ehlo_or_helo_if_needed()
            # Las direcciones ya van en la forma del sobre: sin volver a
            # analizarlas en cada comando (smtplib lo haría por mensaje).
            smtp.putcmd("mail", f"FROM:{paquete.remitente}")
            self._sobre_anunciado = True

    def retirar(self) -> None:
        """Descarta un MAIL FROM anunciado que no se usará (lee su respuesta y RSET)."""
        if not self._sobre_anunciado:
            return
        self._sobre_anunciado = False
        smtp = self.backend.connection
        try:
            smtp.getreply()
            smtp.rset()
        except (OSError, smtplib.SMTPException):
            # La conexión quedó en un estado incierto: el siguiente mensaje abre otra.
            self.cerrar()

    def entregar(self, paquete: Paquete, *, tras_el_punto=None) -> None:
        """MAIL (si no se anunció), RCPT, DATA, el contenido y el punto final; no
        lee la respuesta final.

        `tras_el_punto` (el COMMIT de quien llama) se ejecuta en cuanto el punto
        final está escrito; si falla, la conexión se corta sin entregarlo y el
        error sigue su camino. Lo que el servidor responda al punto final se lee
        con `confirmar`. Levanta ErrorDeEntrega si algo falla antes del punto
        final: entonces el servidor no aceptó el mensaje.
        """
        if not self._sobre_anunciado:
            self.anunciar(paquete)
        self._sobre_anunciado = False
        with self._hablando():
            smtp = self.backend.connection
            codigo, respuesta = smtp.getreply()
            if codigo != 250:
                self._abortar(smtp)
                raise smtplib.SMTPSenderRefused(codigo, respuesta, paquete.remitente)
            rechazados = {}
            for destinatario in paquete.destinatarios:
                smtp.putcmd("rcpt", f"TO:{destinatario}")
                codigo, respuesta = smtp.getreply()
                if codigo not in (250, 251):
                    rechazados[destinatario] = (codigo, respuesta)
            if len(rechazados) == len(paquete.destinatarios):
                self._abortar(smtp)
                raise smtplib.SMTPRecipientsRefused(rechazados)
            codigo, respuesta = smtp.docmd("data")
            if codigo != 354:
                self._abortar(smtp)
                raise smtplib.SMTPDataError(codigo, respuesta)
            # El punto final queda tapado en el núcleo hasta `confirmar`:
            # escribirlo no despierta al servidor, y el COMMIT sale en la
            # instrucción siguiente. Si el proceso muere después de las dos
            # escrituras, el núcleo entrega ambas (cerrar un socket envía lo
            # retenido). Ver el docstring de lotes.py.
            _tapar(smtp.sock, True)
            smtp.send(paquete.datos + b".\r\n")
            if tras_el_punto is not None:
                try:
                    tras_el_punto()
                except BaseException:
                    self._cortar_sin_entregar()
                    raise
            self._pendiente_confirmar = True

    def _cortar_sin_entregar(self) -> None:
        """Corta la conexión con RST: el núcleo descarta lo que retenía (el punto
        final tapado) y el servidor descarta el DATA incompleto."""
        smtp = self.backend.connection
        self.backend.connection = None
        self._sobre_anunciado = self._pendiente_confirmar = False
        if smtp is None or smtp.sock is None:
            return
        with contextlib.suppress(OSError):
            smtp.sock.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
            smtp.sock.close()

    @contextlib.contextmanager
    def _hablando(self):
        """Traduce los errores de smtplib y de red a ErrorDeEntrega."""
        try:
            yield
        except ErrorDeEntrega:
            raise
        except (OSError, smtplib.SMTPException) as error:
            if isinstance(error, smtplib.SMTPServerDisconnected | OSError):
                self.backend.connection = None
                self._sobre_anunciado = False
            raise clasificar(error) from error

    def confirmar(self) -> None:
        """Lee la respuesta al punto final; levanta ErrorDeEntrega si no es 250."""
        if not self._pendiente_confirmar:
            return
        self._pendiente_confirmar = False
        smtp = self.backend.connection
        _tapar(smtp.sock, False)
        try:
            codigo, respuesta = smtp.getreply()
        except (OSError, smtplib.SMTPException) as error:
            self.backend.connection = None
            raise clasificar(error) from error
        if codigo != 250:
            raise clasificar(smtplib.SMTPDataError(codigo, respuesta))

    @staticmethod
    def _abortar(smtp) -> None:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            smtp.rset()


class TransporteDjango:
    """Cualquier otro backend de Django (archivos, memoria, consola).

    Entrega todo en `entregar`; no hay respuesta pendiente que confirmar.
    """

    acepta_bytes = False

    def __init__(self, conexion):
        self.conexion = conexion

    def abrir(self) -> None:
        try:
            self.conexion.open()
        except OSError as error:
            raise clasificar(error) from error

    def cerrar(self) -> None:
        self.conexion.close()

    def reiniciar(self) -> None:
        self.cerrar()
        self.abrir()

    def preparar(self, mensaje) -> Paquete:
        return Paquete(
            remitente=mensaje.from_email,
            destinatarios=list(mensaje.recipients()),
            datos=b"",
            mensaje=mensaje,
        )

    def anunciar(self, paquete: Paquete) -> None:
        return None

    def retirar(self) -> None:
        return None

    def entregar(self, paquete: Paquete, *, tras_el_punto=None) -> None:
        try:
            self.conexion.send_messages([paquete.mensaje])
        except (OSError, smtplib.SMTPException) as error:
            raise clasificar(error) from error
        if tras_el_punto is not None:
            tras_el_punto()

    def confirmar(self) -> None:
        return None


def abrir_transporte():
    """El transporte del backend de correo configurado, con su conexión abierta."""
    conexion = get_connection(fail_silently=False)
    if isinstance(conexion, BackendSMTP):
        transporte = TransporteSMTP(conexion)
    else:
        transporte = TransporteDjango(conexion)
    transporte.abrir()
    return transporte


# --- Tope de velocidad ---------------------------------------------------------

# GCRA en Redis: cada mensaje toma el siguiente turno libre, y los turnos quedan
# separados 1/tasa segundos. Se usa la hora del servidor Redis para que todos
# los trabajadores compartan el mismo reloj. La respuesta es una cadena: Redis
# truncaría un número de Lua a entero.
_GCRA = """
local t = redis.call('TIME')
local ahora = tonumber(t[1]) + tonumber(t[2]) / 1000000
local intervalo = tonumber(ARGV[1])
local turno = tonumber(redis.call('GET', KEYS[1]) or '0')
if turno < ahora then turno = ahora end
local siguiente = turno + intervalo
redis.call('SET', KEYS[1], string.format('%.6f', siguiente),
           'PX', math.ceil((siguiente - ahora) * 1000) + 1000)
return string.format('%.6f', turno - ahora)
"""

_CLAVE_REDIS = "comunicaciones:tope-correos"


class LimitadorDeTasa:
    """No más de `por_segundo` mensajes por segundo, repartidos en el segundo.

    Con REDIS_URL el tope es uno solo para todos los trabajadores; sin Redis (el
    portal embebido, que envía desde un solo proceso) se lleva en el proceso.
    `por_segundo` = 0 desactiva el tope.
    """

    _candado = threading.Lock()
    _turno_local = 0.0

    def __init__(
        self,
        por_segundo: float,
        *,
        redis_url: str = "",
        reloj=time.monotonic,
        dormir=time.sleep,
    ):
        self.por_segundo = por_segundo
        self.reloj = reloj
        self.dormir = dormir
        self._redis = None
        self._script = None
        # Con el reloj del sistema, los lotes de un mismo proceso comparten el
        # turno (uno tras otro no se suman); un reloj inyectado lleva el suyo.
        self._compartido = reloj is time.monotonic
        self._turno_propio = 0.0
        if redis_url and por_segundo > 0:
            self._redis = redis.Redis.from_url(redis_url, socket_timeout=2)
            self._script = self._redis.register_script(_GCRA)

    @classmethod
    def desde_configuracion(cls) -> "LimitadorDeTasa":
        return cls(
            settings.COMUNICACIONES_CORREOS_POR_SEGUNDO,
            redis_url=settings.REDIS_URL,
        )

    def esperar_turno(self) -> float:
        """Duerme hasta el turno del siguiente mensaje; devuelve lo que esperó."""
        if self.por_segundo <= 0:
            return 0.0
        espera = self._espera_redis() if self._script else None
        if espera is None:
            espera = self._espera_local()
        if espera > 0:
            self.dormir(espera)
        return max(espera, 0.0)

    def _espera_redis(self) -> float | None:
        try:
            return float(
                self._script(keys=[_CLAVE_REDIS], args=[f"{1 / self.por_segundo:.6f}"])
            )
        except Exception:
            logger.warning(
                "El tope de velocidad no pudo usar Redis; se aplica en este proceso.",
                exc_info=True,
            )
            return None

    def _espera_local(self) -> float:
        intervalo = 1 / self.por_segundo
        with self._candado:
            ahora = self.reloj()
            anterior = (
                LimitadorDeTasa._turno_local if self._compartido else self._turno_propio
            )
            turno = max(anterior, ahora)
            if self._compartido:
                LimitadorDeTasa._turno_local = turno + intervalo
            else:
                self._turno_propio = turno + intervalo
        return turno - ahora
