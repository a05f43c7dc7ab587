"""Per-course settings instructors edit in the Wagtail admin (Settings → Course settings): the discussion
rules and how students are named in public."""

import re

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .authors import NameStyle


@register_setting(icon="cog")
class CourseSettings(BaseSiteSetting):
    student_names = models.CharField(
        max_length=10,
        choices=NameStyle.choices,
        default=NameStyle.INITIAL,
        verbose_name="Students' names in public",
        help_text="Bylines, author pages, comments and feeds. Author page addresses never show more than "
        "first name and last initial.",
    )
    max_links = models.PositiveSmallIntegerField(
        default=2, help_text="A comment with more links than this is held for moderation."
    )
    blocklist = models.TextField(
        blank=True,
        help_text="One word, phrase, email or web address per line. A comment containing any of them is held.",
    )
    close_after_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Close comments this many days after a post is published. Blank: never."
    )

    panels = [
        MultiFieldPanel([FieldPanel("student_names")], heading="Privacy"),
        MultiFieldPanel(
            [FieldPanel("max_links"), FieldPanel("blocklist"), FieldPanel("close_after_days")], heading="Discussion"
        ),
    ]

    class Meta:
        verbose_name = "course settings"

    @classmethod
    def name_style(cls, request):
        """The course's choice of public names for this request (Wagtail reads the setting once a request)."""
        return cls.for_request(request).student_names if request is not None else NameStyle.INITIAL

    def blocked_terms(self):
        return [line.strip().lower() for line in self.blocklist.splitlines() if line.strip()]

    def matches_blocklist(self, *texts):
        haystack = "\n".join(text.lower() for text in texts if text)
        return any(re.search(re.escape(term), haystack) for term in self.blocked_terms())
