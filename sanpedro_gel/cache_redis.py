"""La caché de Redis de Django, con un cliente por conjunto de conexiones.

`RedisCacheClient` de Django crea un `redis.Redis` nuevo en cada operación, y
cada uno arma su tabla de respuestas (unas 170 entradas): con la sesión y la
marca de la intranet, dos veces por página de quien ingresó. El cliente no
guarda estado propio (las conexiones son del conjunto, que redis-py reabre
tras un fork), así que se crea una vez por conjunto y se reutiliza; sirve a
varios hilos igual que el conjunto.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ClienteRedis(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clientes = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        cliente = self._clientes.get(id(pool))
        if cliente is None:
            cliente = self._clientes[id(pool)] = self._client(connection_pool=pool)
        return cliente


class CacheRedis(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ClienteRedis
