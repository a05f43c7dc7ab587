from django.db import models


class LostCacheDelete(models.Model):
    """A cache key a change meant to delete while Redis was out of reach (an invalidation token, a logged-out
    session): deleted when Redis is reached again, before anything is read from it (caching/outage.py)."""

    key = models.CharField(max_length=250)
    lost_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "cache delete lost in an outage"

    def __str__(self):
        return f"{self.key} (lost {self.lost_at:%Y-%m-%d %H:%M})"
