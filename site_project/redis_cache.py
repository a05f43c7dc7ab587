"""Django's Redis cache backend, with one redis-py client per connection pool instead of one per call.

Django's client builds a `redis.Redis` for every cache call; with redis-py 8 that costs about 0.13 ms, as much as
the round trip to a local Redis itself (measured on this machine: `get_many` of two keys 0.58 ms through Django's
backend, 0.13 ms through one reused client). A `redis.Redis` is safe to share between threads (each command takes
a connection from the pool), so one per pool is enough. The page cache makes one or two such calls a request.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedClients(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClients
