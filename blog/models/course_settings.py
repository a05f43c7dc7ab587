"""Per-course settings instructors edit in the Wagtail admin (Settings → Course settings): the discussion
rules and how students are named in public. One row per course (a `home.HomePage`, named by label: home sits beside
this app), whether the course is its own Site or a page under a catalogue; a request finds its course from the page
being served (blog.wagtail_hooks marks it), else from its Site's root."""

import re

from django.apps import apps
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Site

from .authors import NameStyle
from .base import course_for


class CourseSettings(models.Model):
    course = models.OneToOneField(
        "home.HomePage", on_delete=models.CASCADE, related_name="course_settings", editable=False
    )
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
        verbose_name_plural = "course settings"

    def __str__(self):
        return f"{self.course.title} · {self.course.term}" if self.course.term else self.course.title

    @classmethod
    def for_course(cls, course):
        """The course's settings (created with the defaults the first time they are asked for); the defaults,
        unsaved, without a course. Remembered on the course object."""
        if course is None:
            return cls()
        if "_course_settings" not in course.__dict__:
            course.__dict__["_course_settings"] = cls.objects.get_or_create(course=course)[0]
        return course.__dict__["_course_settings"]

    @classmethod
    def for_page(cls, page, request=None):
        return cls.for_course(course_for(page, request))

    @classmethod
    def for_request(cls, request):
        """The settings of the course this request is about: the page being served, or else its Site's root
        course (read once a request)."""
        if request is None:
            return cls()
        if not hasattr(request, "_course_settings"):
            course = getattr(request, "seminar_course", None)
            if course is None:
                site = Site.find_for_request(request)
                root = site.root_page.specific if site else None
                course = root if isinstance(root, apps.get_model("home", "HomePage")) else None
            request._course_settings = cls.for_course(course)
        return request._course_settings

    @classmethod
    def name_style(cls, request):
        """The course's choice of public names for this request."""
        return cls.for_request(request).student_names if request is not None else NameStyle.INITIAL

    def blocked_terms(self):
        return [line.strip().lower() for line in self.blocklist.splitlines() if line.strip()]

    def matches_blocklist(self, *texts):
        haystack = "\n".join(text.lower() for text in texts if text)
        return any(re.search(re.escape(term), haystack) for term in self.blocked_terms())
