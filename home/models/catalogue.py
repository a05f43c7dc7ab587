"""The catalogue: the home of a shared site (seminar.example.edu) under which courses live as paths
(seminar.example.edu/hist-255-spring-2017/), listed by term, current terms first, past terms below: those whose
last day has gone, and archived courses whatever their dates."""

from itertools import groupby

from django.db.models import F
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from blog.models import CourseUnitPage

from .course import HomePage


class CataloguePage(Page):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.HomePage"]

    class Meta:
        verbose_name = "course catalogue"

    def courses(self):
        """Its live courses, newest term first, each with its live units (`course.unit_list`): two queries."""
        courses = list(
            HomePage.objects.child_of(self)
            .live()
            .defer_streamfields()
            .order_by(F("term_starts").desc(nulls_last=True), "title")
        )
        units = CourseUnitPage.objects.live().filter(depth=self.depth + 2, path__startswith=self.path)
        by_course = {}
        for unit in units.order_by("path").defer_streamfields():
            by_course.setdefault(unit.path[: -unit.steplen], []).append(unit)
        for course in courses:
            course.unit_list = by_course.get(course.path, [])
        return courses

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        courses = self.courses()
        current = [course for course in courses if not course.is_past]
        past = [course for course in courses if course.is_past]
        context["current_terms"] = [(term, list(group)) for term, group in groupby(current, key=lambda c: c.term)]
        context["past_terms"] = [(term, list(group)) for term, group in groupby(past, key=lambda c: c.term)]
        return context
