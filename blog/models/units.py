"""A course unit ("Khrushchev and the Thaw"): the prompt, readings and sources students write against."""

from django.apps import apps
from django.conf import settings
from django.db import models
from django.http import Http404
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from blog.blocks import BodyStreamBlock
from blog.feeds import PostFeedsMixin
from blog.forms import CitingPageForm
from blog.pagination import paginate

from .base import PolicyPermissionsMixin, course_for
from .notes import CitingMixin, citing_panels


class CourseUnitPage(CitingMixin, PolicyPermissionsMixin, PostFeedsMixin, Page):
    period = models.CharField(max_length=50, blank=True, help_text="e.g. 1953–1964")
    summary = models.TextField(blank=True, max_length=600)
    image = models.ForeignKey("blog.SeminarImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    body = StreamField(BodyStreamBlock(), blank=True, help_text="The prompt, readings and primary sources.")
    due_date = models.DateTimeField(null=True, blank=True, help_text="When posts for this unit are due.")

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("period"), FieldPanel("due_date")], heading="Dates"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        *citing_panels("unit"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("footnotes", [index.SearchField("text")]),
    ]

    base_form_class = CitingPageForm  # its sources and notes checked as a post's are

    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.StudentPostPage"]

    class Meta:
        verbose_name = "course unit"

    def route(self, request, path_components):
        """A unit that is not live hides its posts too (Wagtail checks only the page it serves)."""
        if not self.live:
            raise Http404("Unit not published")
        return super().route(request, path_components)

    def get_course(self, request=None):
        return course_for(self, request)

    def posts(self, reader=None):
        """Its readable live posts, newest first (the post model is named by label: it imports this one)."""
        return apps.get_model("blog", "StudentPostPage").objects.published_under(self, reader)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["course"] = self.get_course(request)
        citing = self.citations()
        context.update(body=citing.blocks, notes=citing.notes, bibliography=citing.bibliography)
        context["posts"] = paginate(request, self.posts(request.user), settings.SEMINAR_POSTS_PER_PAGE)
        return context
