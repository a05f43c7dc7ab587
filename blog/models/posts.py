"""A student's post: the unit of work students write, instructors review and readers discuss."""

from html import unescape

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import CharField, Count, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce, Length, Substr
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django_comments_xtd.models import XtdComment
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from blog.blocks import BodyStreamBlock
from blog.feeds import comment_feed
from blog.forms import StudentPostForm
from blog.notes import without_markers
from blog.panels import AccessibilityChecksPanel
from blog.visibility import readable_by

from .authors import AuthorProfile, public_name
from .base import PolicyPermissionsMixin, course_for
from .course_settings import CourseSettings
from .notes import CitingMixin, citing_panels
from .units import CourseUnitPage

EXCERPT_WORDS = 45


class StudentPostTag(TaggedItemBase):
    content_object = ParentalKey("blog.StudentPostPage", on_delete=models.CASCADE, related_name="tagged_items")


def student_post_comments():
    """Comments on student posts that are not removed (the discussion app builds its threads and queue on these)."""
    return XtdComment.objects.filter(
        content_type=ContentType.objects.get_for_model(StudentPostPage), site_id=settings.SITE_ID, is_removed=False
    )


def approved_comments():
    """Every approved comment on a student post."""
    return student_post_comments().filter(is_public=True)


def approved_comment_count():
    """A subquery counting each post's approved comments, so a listing shows them without a query per post."""
    counts = (
        approved_comments()
        .filter(object_pk=Cast(OuterRef("pk"), CharField()))
        .order_by()
        .values("object_pk")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counts), 0)


class StudentPostQuerySet(PageQuerySet):
    def published_under(self, page, reader=None):
        """Live posts in live units below a course or unit that `reader` may read (the public by default:
        feeds and shared pages), newest first, with what a listing shows. A live post under a unit that is a
        draft or unpublished stays hidden."""
        units = CourseUnitPage.objects.live().descendant_of(page, inclusive=True)
        readable_units = readable_by(units, reader).values("path")
        return (
            readable_by(self.live().descendant_of(page), reader)
            .annotate(unit_path=Substr("path", 1, Length("path") - self.model.steplen))
            .filter(unit_path__in=readable_units)
            .annotate(comment_count=approved_comment_count())
            .select_related("author__author_profile", "feed_image")
            .prefetch_related("tags")
            .order_by("-first_published_at", "-pk")
        )


def attach_units(posts):
    """Give each post of a listing its unit (`post.unit`) with one query for the whole listing."""
    posts = list(posts)
    units = CourseUnitPage.objects.filter(path__in={post.unit_path for post in posts})
    by_path = {unit.path: unit for unit in units}
    for post in posts:
        post.unit = by_path.get(post.unit_path)
    return posts


class StudentPostPage(CitingMixin, PolicyPermissionsMixin, RoutablePageMixin, Page):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="student_posts",
        help_text="Set to the post's creator; the page owner follows it.",
    )
    body = StreamField(BodyStreamBlock())
    excerpt = models.TextField(
        blank=True,
        max_length=600,
        help_text="Shown in listings and feeds. Left blank, the opening words are used.",
    )
    feed_image = models.ForeignKey(
        "blog.SeminarImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tags = ClusterTaggableManager(through=StudentPostTag, blank=True)
    allow_comments = models.BooleanField(default=True, help_text="Readers may join the discussion.")
    class_only = models.BooleanField(
        default=False,
        verbose_name="Class only",
        help_text="Only students and instructors of the course can read it once published; "
        "it stays out of feeds, the sitemap and public search.",
    )

    objects = PageManager.from_queryset(StudentPostQuerySet)()

    base_form_class = StudentPostForm  # "Submit for review" refused while the body has an accessibility error
    content_panels = [
        *Page.content_panels,
        AccessibilityChecksPanel(heading="Accessibility checks"),
        FieldPanel("body"),
        *citing_panels("post"),
        MultiFieldPanel([FieldPanel("excerpt"), FieldPanel("feed_image"), FieldPanel("tags")], heading="Listing"),
        FieldPanel("allow_comments"),
        FieldPanel("class_only"),
        FieldPanel("author", permission="blog.change_post_author"),  # instructors only: students cannot reassign
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("body"),
        index.SearchField("excerpt"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("footnotes", [index.SearchField("text")]),  # a word only in a note finds the post
        index.FilterField("author"),
    ]

    parent_page_types = ["blog.CourseUnitPage"]
    subpage_types = []

    class Meta:
        verbose_name = "student post"
        permissions = [("change_post_author", "Can change a student post's author")]

    def get_absolute_url(self):
        """django-comments-xtd links comments back to the object through this."""
        return self.url

    @property
    def author_profile(self):
        return getattr(self.author, "author_profile", None) if self.author else None

    def author_name(self, request=None):
        """The author as readers see them, by the name style of the request's course."""
        return public_name(self.author, CourseSettings.name_style(request))

    @property
    def published_at(self):
        return self.first_published_at

    def get_excerpt(self):
        if self.excerpt:
            return self.excerpt
        # Plain text, its entities decoded ("&amp;" is "&"): templates and feeds escape it where they show it.
        text = " ".join(
            unescape(strip_tags(without_markers(block.value.source)))
            for block in self.body
            if block.block_type == "paragraph_block"
        )
        return Truncator(text).words(EXCERPT_WORDS)

    def get_course(self, request=None):
        return course_for(self, request)

    def get_unit(self, course=None, reader=None):
        """The post's unit: from the course's unit list when it is there (no query), else from the tree."""
        unit_path = self.path[: -self.steplen]
        listed = [unit for unit in course.units(reader) if unit.path == unit_path] if course else []
        return listed[0] if listed else CourseUnitPage.objects.get(path=unit_path)

    def get_context(self, request, *args, **kwargs):
        """The discussion under the post comes from discussion_tags in the template."""
        context = super().get_context(request, *args, **kwargs)
        if self.author_id:  # the byline needs the author and their profile: fetch both at once
            self.author = get_user_model().objects.select_related("author_profile").get(pk=self.author_id)
        course = self.get_course(request)
        citing = self.citations()
        context.update(
            unit=self.get_unit(course, request.user),
            course=course,
            tags=list(self.tags.all()),
            body=citing.blocks,
            notes=citing.notes,
            bibliography=citing.bibliography,
        )
        return context

    @path("comments/feed/", name="comments_feed")
    def comments_feed(self, request):
        return comment_feed(request, self)

    def save(self, *args, **kwargs):
        # Authorship decides edit rights: a new post belongs to its creator, and the owner follows the author.
        if self.author_id is None and self.owner_id is not None:
            self.author_id = self.owner_id
        if self.author_id is not None:
            self.owner_id = self.author_id
            AuthorProfile.for_user(self.author)
        super().save(*args, **kwargs)
