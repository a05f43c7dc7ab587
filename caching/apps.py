from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = "Page cache and CDN purge"

    def ready(self):
        from caching import invalidation, outage

        invalidation.connect()
        outage.connect()
