"""Per-course discussion rules that instructors edit in the Wagtail admin (Settings → Discussion)."""

import re

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="comment")
class DiscussionSettings(BaseSiteSetting):
    max_links = models.PositiveSmallIntegerField(
        default=2, help_text="A comment with more links than this is held for moderation."
    )
    blocklist = models.TextField(
        blank=True,
        help_text="One word, phrase, email or web address per line. A comment containing any of them is held.",
    )
    close_after_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Close comments this many days after a post is published. Blank: never.",
    )

    panels = [FieldPanel("max_links"), FieldPanel("blocklist"), FieldPanel("close_after_days")]

    class Meta:
        verbose_name = "discussion"

    def blocked_terms(self):
        return [line.strip().lower() for line in self.blocklist.splitlines() if line.strip()]

    def matches_blocklist(self, *texts):
        haystack = "\n".join(text.lower() for text in texts if text)
        return any(re.search(re.escape(term), haystack) for term in self.blocked_terms())
