"""A student's post: the unit of work students write, instructors review and readers discuss."""

from django.conf import settings
from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from blog.blocks import BodyStreamBlock

from .authors import AuthorProfile, public_name

EXCERPT_WORDS = 45


class StudentPostTag(TaggedItemBase):
    content_object = ParentalKey("blog.StudentPostPage", on_delete=models.CASCADE, related_name="tagged_items")


class StudentPostQuerySet(PageQuerySet):
    def published_under(self, page):
        """Live, public posts below a course or unit, newest first, with what a listing shows."""
        return (
            self.live()
            .public()
            .descendant_of(page)
            .select_related("author__author_profile", "feed_image")
            .prefetch_related("tags")
            .order_by("-first_published_at", "-pk")
        )


class StudentPostPage(Page):
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
        blank=True, max_length=600, help_text="Shown in listings and feeds. Left blank, the opening words are used."
    )
    feed_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tags = ClusterTaggableManager(through=StudentPostTag, blank=True)
    allow_comments = models.BooleanField(default=True, help_text="Readers may join the discussion.")

    objects = PageManager.from_queryset(StudentPostQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("excerpt"), FieldPanel("feed_image"), FieldPanel("tags")], heading="Listing"),
        FieldPanel("allow_comments"),
        FieldPanel("author"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("body"),
        index.SearchField("excerpt"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("author"),
    ]

    parent_page_types = ["blog.CourseUnitPage"]
    subpage_types = []

    class Meta:
        verbose_name = "student post"

    def get_absolute_url(self):
        """django-comments-xtd links comments back to the object through this."""
        return self.url

    @property
    def author_name(self):
        return public_name(self.author)

    @property
    def author_profile(self):
        return getattr(self.author, "author_profile", None) if self.author else None

    @property
    def published_at(self):
        return self.first_published_at

    def get_excerpt(self):
        if self.excerpt:
            return self.excerpt
        text = " ".join(
            strip_tags(str(block.value.source)) for block in self.body if block.block_type == "paragraph_block"
        )
        return Truncator(text).words(EXCERPT_WORDS)

    def get_course(self):
        from home.models import HomePage

        return HomePage.objects.ancestor_of(self).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        unit = self.get_parent().specific
        context["unit"] = unit
        context["course"] = unit.get_course()
        return context

    def save(self, *args, **kwargs):
        # Authorship decides edit rights: a new post belongs to its creator, and the owner follows the author.
        if self.author_id is None and self.owner_id is not None:
            self.author_id = self.owner_id
        if self.author_id is not None:
            self.owner_id = self.author_id
            AuthorProfile.for_user(self.author)
        super().save(*args, **kwargs)
