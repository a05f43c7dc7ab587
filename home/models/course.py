"""The course: one HomePage per course and term, the root of its Wagtail Site."""

from html import unescape

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from blog.blocks import IntroStreamBlock
from blog.feeds import PostFeedsMixin, comment_feed
from blog.models import AuthorProfile, CourseSettings, CourseUnitPage, StudentPostPage, public_name
from blog.models.base import PolicyPermissionsMixin
from blog.models.posts import attach_units
from blog.pagination import paginate
from blog.search import search_course
from blog.visibility import readable_by

LATEST_POSTS = 6


class HomePage(PolicyPermissionsMixin, PostFeedsMixin, Page):
    term = models.CharField(max_length=50, blank=True, help_text="e.g. Spring 2017")
    term_starts = models.DateField(null=True, blank=True, help_text="The term's first day.")
    term_ends = models.DateField(null=True, blank=True, help_text="The term's last day.")
    instructor_names = models.CharField(max_length=200, blank=True, help_text="As they appear on the syllabus.")
    intro = StreamField(IntroStreamBlock(), blank=True)
    # Set by terms (archive_course, the admin's "Archive course"), never by editing the page: see with_content_json.
    archived_at = models.DateTimeField(null=True, blank=True, editable=False, help_text="When it became read-only.")
    rolled_over_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="rollovers", editable=False
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("term"), FieldPanel("term_starts"), FieldPanel("term_ends"), FieldPanel("instructor_names")],
            heading="Course",
        ),
        FieldPanel("intro"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page", "home.CataloguePage"]
    subpage_types = ["blog.CourseUnitPage"]

    class Meta:
        verbose_name = "course home page"

    def get_course(self):
        return self

    @property
    def has_workflow(self):
        """The course's review workflow is assigned here (editorial.roles) for its students' posts, but the course
        page and the units created right below it are published by its staff, never reviewed: Wagtail offers
        "Submit to …" when creating a page if its parent "has a workflow". A unit still has one, for the posts
        created in it; editing a unit or the course offers no review either (editorial.permissions)."""
        return False

    def get_workflow(self):
        return None

    def clean(self):
        super().clean()
        if self.term_starts and self.term_ends and self.term_ends < self.term_starts:
            raise ValidationError({"term_ends": "The term cannot end before it starts."})

    @property
    def term_has_ended(self):
        return bool(self.term_ends and self.term_ends < timezone.localdate())

    @property
    def is_archived(self):
        """Read-only: still public, but no new posts, submissions, comments or likes (terms.archive)."""
        return self.archived_at is not None

    @property
    def is_past(self):
        """Listed under past terms: its term has ended, or it was archived."""
        return self.term_has_ended or self.is_archived

    def with_content_json(self, content):
        """Archiving and rollover belong to the course, not to a revision: publishing an older revision (or one
        saved before the course was archived) must not reopen it."""
        page = super().with_content_json(content)
        page.archived_at, page.rolled_over_from_id = self.archived_at, self.rolled_over_from_id
        return page

    @cached_property
    def summary(self):
        """The intro's first paragraph as plain text: the course's description for search engines and shared links
        when the editors wrote no search description."""
        first = next((block.value for block in self.intro if block.block_type == "paragraph_block"), None)
        return unescape(strip_tags(first.source)).strip() if first else ""

    def units(self, reader=None):
        """Live units `reader` may read, in the order editors gave them in the page explorer; read once. Without
        their bodies: lists and breadcrumbs show titles, periods and summaries."""
        key = reader.pk if reader is not None and reader.is_authenticated else None
        if key not in self._units_for:
            units = CourseUnitPage.objects.child_of(self).live().order_by("path").defer_streamfields()
            self._units_for[key] = list(readable_by(units, reader))
        return self._units_for[key]

    @cached_property
    def _units_for(self):
        return {}

    def posts(self, reader=None):
        return StudentPostPage.objects.published_under(self, reader)

    def course_context(self, request):
        """What every page the course itself serves needs (archives, search, the home page)."""
        context = super().get_context(request)
        context["course"] = self
        return context

    def get_context(self, request, *args, **kwargs):
        context = self.course_context(request)
        context["units"] = self.units(request.user)
        context["latest_posts"] = attach_units(self.posts(request.user)[:LATEST_POSTS])
        return context

    def render_archive(self, request, posts, kicker, heading):
        """An archive page of posts; an archive with nothing public in this course does not exist."""
        page = paginate(request, posts, settings.SEMINAR_POSTS_PER_PAGE)
        if not page.paginator.count:
            raise Http404("Nothing published here")
        page.object_list = attach_units(page.object_list)
        context = self.course_context(request)
        context.update(posts=page, kicker=kicker, heading=heading)
        return TemplateResponse(request, "blog/archive.html", context)

    @path("authors/<slug:slug>/", name="author_archive")
    def author_archive(self, request, slug):
        profile = get_object_or_404(AuthorProfile.objects.select_related("user"), slug=slug)
        posts = self.posts(request.user).filter(author__author_profile=profile)
        name = public_name(profile.user, CourseSettings.name_style(request))
        return self.render_archive(request, posts, "Author", f"Posts by {name}")

    @path("tags/<slug:slug>/", name="tag_archive")
    def tag_archive(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        posts = self.posts(request.user).filter(tags=tag)
        return self.render_archive(request, posts, "Tag", f"Posts tagged “{tag.name}”")

    @path("search/", name="search")
    def search(self, request):
        context = self.course_context(request)
        context.update(search_course(request, self))
        return TemplateResponse(request, "blog/search_results.html", context)

    @path("comments/feed/", name="comments_feed")
    def comments_feed(self, request):
        return comment_feed(request, self)
