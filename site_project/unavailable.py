"""The database out of reach during a request (restarting, failing over, the network cut): a short 503 page with
Retry-After, logged as a warning, instead of a 500 and a traceback. psycopg's connection errors reach Django as
OperationalError or InterfaceError.

Two ways in. The middleware, innermost, answers for the views and the templates they render (in development too).
The 500 handler (site_project/urls.py) answers for the middleware outside the views that queries the database
itself, such as the page cache looking up a request's Site: Django turns an exception there into the 500 handler's
response before any outer middleware sees it."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
DATABASE_ERRORS = (OperationalError, InterfaceError)


def unavailable(request, error):
    """The 503 page: rendered without a request, so without context processors and without the database."""
    logger.warning("Database unavailable: %s %s answered 503: %s", request.method, request.path, error)
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    # Logged above as a warning: django.request would log it again as an error.
    response._has_been_logged = True
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return unavailable(request, exception)
        return None


def server_error(request):
    """handler500: the 503 page when the error being handled is the database's, else Django's own 500 page."""
    error = sys.exception()
    if isinstance(error, DATABASE_ERRORS):
        return unavailable(request, error)
    return defaults.server_error(request)
