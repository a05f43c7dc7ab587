"""The load balancer's probes: /healthz (the process is up and answering) and /readyz (it can serve pages: the
database answers a `SELECT 1` and the cache a round trip).

They are answered by a middleware first in MIDDLEWARE, not by URL patterns: further in, the page cache looks up the
request's Site in the database and the cache, the HTTPS redirect answers a plain-HTTP probe with a 301, and the host
check refuses a probe addressed to the server's own IP. A probe touches no session and needs no log-in; its answer
is never cached."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """The process is up: nothing else is looked at, so a database outage never makes the balancer restart it."""
    return HttpResponse("ok", content_type="text/plain")


def database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def cache_answers():
    """A value written and read back under a key of this probe's own (two processes probing at once never read
    each other's), which expires by itself."""
    key, value = f"readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    if cache.get(key) != value:
        raise RuntimeError("the value written was not read back")


CHECKS = {"database": database_answers, "cache": cache_answers}


@never_cache
def readyz(request):
    """200 when every check passes; 503 naming each one that failed, with its error."""
    report, ready = {}, True
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # whatever the client raises, the answer is "not ready", not a 500
            logger.warning("Not ready: %s: %s", name, error)
            report[name], ready = f"failed: {error}".strip(), False
        else:
            report[name] = "ok"
    response = JsonResponse(report, status=200 if ready else 503)
    # Each failure is logged above as a warning: django.request would log the 503 again as an error.
    response._has_been_logged = True
    return response


PROBES = {"/healthz": healthz, "/readyz": readyz}


class HealthCheckMiddleware:
    """First in MIDDLEWARE: the probes are answered before any other middleware runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        if probe is not None:
            return probe(request)
        return self.get_response(request)
