"""El tope de velocidad del correo masivo: no más de N mensajes por segundo,
uno para todos los trabajadores (en Redis) o, sin Redis, en el proceso."""

import logging
import threading
import time

import redis
from django.conf import settings

logger = logging.getLogger(__name__)

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
