"""Local development: `make run`. Never used in production."""

from .base import *  # noqa: F403

DEBUG = True
# Development only: a fixed key keeps sessions across restarts; production refuses to start without its own.
SECRET_KEY = "dev-only-insecure-key-not-for-production"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# No worker runs beside `make run`: background tasks (search index, email) run in the request.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
