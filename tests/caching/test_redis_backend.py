"""The Redis cache backend (site_project/redis_cache.py) behaves as Django's, from one reused client per pool: the
page cache's hits cost one round trip, not a new redis-py client each call."""

import pytest
from django.core.cache import cache, caches

from site_project.redis_cache import RedisCache

pytestmark = pytest.mark.redis


def test_the_suite_runs_on_the_reusing_backend():
    assert isinstance(caches["default"], RedisCache)


def test_it_keeps_reads_and_writes_as_django_does():
    cache.set_many({"seminar:test:a": {"page": b"<html>"}, "seminar:test:b": 2})
    assert cache.get_many(["seminar:test:a", "seminar:test:b", "seminar:test:none"]) == {
        "seminar:test:a": {"page": b"<html>"},
        "seminar:test:b": 2,
    }
    assert cache.add("seminar:test:a", "other") is False and cache.add("seminar:test:c", 1) is True
    assert cache.incr("seminar:test:b") == 3
    cache.delete_many(["seminar:test:a", "seminar:test:b", "seminar:test:c"])
    assert cache.get_many(["seminar:test:a", "seminar:test:b", "seminar:test:c"]) == {}


def test_one_client_serves_every_call():
    """(Django gives each thread its own cache object, so each thread its own client.)"""
    client = caches["default"]._cache.get_client("seminar:test:a")
    assert all(caches["default"]._cache.get_client(key, write=True) is client for key in ("seminar:test:b", "c"))
