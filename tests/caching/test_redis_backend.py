"""The Redis cache backend (site_project/redis_cache.py) behaves as Django's, from one reused client per pool (the
page cache's hits cost one round trip, not a new redis-py client each call), and Redis out of reach is a cache that
remembers nothing: reads miss, writes drop, and the deletes that mattered are reported lost."""

import pytest
import redis
from django.core.cache import cache, caches

from caching.models import LostCacheDelete
from site_project import redis_cache
from site_project.redis_cache import Outage, RedisCache
from tests.server_helpers import free_port


@pytest.mark.redis
def test_the_suite_runs_on_the_reusing_backend():
    assert isinstance(caches["default"], RedisCache)


@pytest.mark.redis
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


@pytest.mark.redis
def test_one_client_serves_every_call():
    """(Django gives each thread its own cache object, so each thread its own client.)"""
    client = caches["default"]._cache.get_client("seminar:test:a")
    assert all(caches["default"]._cache.get_client(key, write=True) is client for key in ("seminar:test:b", "c"))


@pytest.fixture
def outage(monkeypatch):
    """This process's view of Redis, restored after the test (the suite's own cache shares it)."""
    for name in ("down_since", "retry_at", "settled", "returning"):
        monkeypatch.setattr(Outage, name, getattr(Outage, name))
    lost = []
    monkeypatch.setattr(redis_cache, "LOST_DELETES", [lost.extend])
    return lost


@pytest.fixture
def unreachable():
    """A cache whose Redis refuses connections: nothing listens on its port."""
    return RedisCache(f"redis://127.0.0.1:{free_port()}/0", {})


@pytest.mark.django_db
def test_redis_out_of_reach_is_a_cache_that_remembers_nothing(unreachable, outage):
    assert unreachable.get("seminar:test:a", "default") == "default"
    assert unreachable.get_many(["seminar:test:a"]) == {}
    unreachable.set("seminar:test:a", 1)
    assert unreachable.add("seminar:test:a", 1) is False
    with pytest.raises(ValueError):
        unreachable.incr("seminar:test:count")  # as a missing key: django-ratelimit then fails open
    assert Outage.down_since is not None


def test_a_delete_that_cannot_reach_redis_is_reported_lost(unreachable, outage):
    unreachable.delete("seminar:page:token:0001")
    unreachable.delete_many(["seminar:page:token:00010001", "seminar:page:token:*"])
    unreachable.set("django.contrib.sessions.cached_db" + "k" * 32, {"_auth_user_id": "1"})
    unreachable.set("seminar:page:entry:abc", {"content": b""})  # dropped wholesale on return, not noted
    assert outage == [
        "seminar:page:token:0001",
        "seminar:page:token:00010001",
        "seminar:page:token:*",
        "django.contrib.sessions.cached_db" + "k" * 32,
    ]


def test_after_a_failure_redis_is_left_alone_for_a_moment(unreachable, outage, monkeypatch):
    unreachable.get("seminar:test:a")
    tried = []
    monkeypatch.setattr(unreachable._cache, "get_client", lambda *args, **kwargs: tried.append(args))
    for _ in range(100):
        assert unreachable.get("seminar:test:a") is None
    assert tried == []


@pytest.mark.redis
@pytest.mark.django_db
def test_what_an_outage_lost_is_deleted_before_redis_is_read_again(monkeypatch):
    """A course's token dropped while Redis was away, and a session logged out: both still in Redis when it
    returns. Before anything is read, they go, with every course's token; the notes go too."""
    for name in ("down_since", "retry_at", "settled", "returning"):
        monkeypatch.setattr(Outage, name, getattr(Outage, name))
    backend = caches["default"]
    session = "django.contrib.sessions.cached_db" + "s" * 32
    backend.set_many({"seminar:page:token:0001": "before", session: {"_auth_user_id": "1"}, "seminar:page:token:*": 1})
    real_get_client = backend._cache.get_client

    def refused(*args, **kwargs):
        raise redis.ConnectionError("refused")

    monkeypatch.setattr(backend._cache, "get_client", refused)
    backend.delete("seminar:page:token:0001")
    backend.delete(session)
    assert sorted(LostCacheDelete.objects.values_list("key", flat=True)) == sorted(["seminar:page:token:0001", session])

    monkeypatch.setattr(backend._cache, "get_client", real_get_client)
    monkeypatch.setattr(Outage, "retry_at", 0.0)  # the moment has passed
    assert backend.get_many(["seminar:page:token:0001", session, "seminar:page:token:*"]) == {}
    assert not LostCacheDelete.objects.exists() and Outage.down_since is None
