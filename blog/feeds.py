"""RSS 2.0 and Atom feeds of the live posts under a course or a unit."""

import re

from django.contrib.syndication.views import Feed
from django.utils import feedgenerator
from django.utils.html import escape

FEED_LENGTH = 20
NOT_XML = re.compile(r"[\x00-\x08\x0B\x0C\x0E-\x1F]")


def xml_safe(value):
    """Text without the control characters XML 1.0 cannot carry (Django's feed writer raises on them)."""
    if isinstance(value, str):
        return NOT_XML.sub("", value)
    if isinstance(value, (list, tuple)):
        return type(value)(xml_safe(item) for item in value)
    return value


class XmlSafeFeed:
    """A title or comment holding a control character is dropped of it, instead of making the feed a 500."""

    def __init__(self, *args, **kwargs):
        super().__init__(*xml_safe(args), **{key: xml_safe(value) for key, value in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*xml_safe(args), **{key: xml_safe(value) for key, value in kwargs.items()})


class Rss201rev2Feed(XmlSafeFeed, feedgenerator.Rss201rev2Feed):
    pass


class Atom1Feed(XmlSafeFeed, feedgenerator.Atom1Feed):
    pass


class PageScopedFeed(Feed):
    """A feed about one page (a course, unit or post), with the request at hand for absolute links."""

    feed_type = Rss201rev2Feed

    def __init__(self, scope):
        super().__init__()
        self.scope = scope

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return self.scope.get_full_url(self.request)


class RssPostFeed(PageScopedFeed):
    def title(self):
        return self.scope.title

    def description(self):
        return f"New posts in {self.scope.title}"

    def items(self):
        from blog.models import StudentPostPage

        return StudentPostPage.objects.published_under(self.scope)[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # A description is HTML to feed readers: the excerpt is plain text.
        return escape(item.get_excerpt())

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        from blog.models import CourseSettings, public_name

        return public_name(item.author, CourseSettings.name_style(self.request))

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class AtomPostFeed(RssPostFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
