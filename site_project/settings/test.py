"""The test suite: fast hasher, local memory cache (Redis when REDIS_URL is set, as in CI), plain static storage,
tasks run immediately, the page cache off but in its own tests."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if not os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Query budgets and most tests read pages as rendered; tests/test_page_cache*.py turn it on.
SEMINAR_PAGE_CACHE_SECONDS = 0
SEMINAR_FRAGMENT_CACHE_SECONDS = 0  # on in tests/caching/test_fragments.py
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
