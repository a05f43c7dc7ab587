"""The fault tests' app server: development settings, with errors answered as production answers them (DEBUG off:
the site's error handlers, never Django's technical pages)."""

from site_project.settings.dev import *  # noqa: F403

DEBUG = False
