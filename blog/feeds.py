"""RSS 2.0 and Atom feeds of the live posts under a course or a unit, and the routes that serve them.

A page's comment feed is the discussion app's: its route here asks the `serve_comment_feed` Wagtail hook for it."""

import re
from datetime import UTC, datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import feedgenerator
from django.utils.html import escape
from wagtail import hooks
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

FEED_LENGTH = 20
EMPTY_FEED_DATE = datetime(1970, 1, 1, tzinfo=UTC)
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

    def latest_post_date(self):
        """The newest item's date. Django gives an empty feed the time of the request, which changes its ETag every
        second (a reader's revalidation then never gets its 304): an empty feed is dated the Unix epoch instead."""
        if not any(item.get("updateddate") or item.get("pubdate") for item in self.items):
            return EMPTY_FEED_DATE
        return super().latest_post_date()


class Rss201rev2Feed(XmlSafeFeed, feedgenerator.Rss201rev2Feed):
    pass


class Atom1Feed(XmlSafeFeed, feedgenerator.Atom1Feed):
    pass


class PageScopedFeed(Feed):
    """A feed about one page (a course, unit or post), served at its `route` below that page.

    Every address in it is the page's own site's (Wagtail's Site for the page): Django would otherwise prefix the
    self link with django.contrib.sites' current Site, the same example.com for every course."""

    feed_type = Rss201rev2Feed
    route = None  # the name of the page's subpage route that serves this feed

    def __init__(self, scope):
        super().__init__()
        self.scope = scope

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return self.scope.get_full_url(self.request)

    def feed_url(self):
        return self.link() + self.scope.reverse_subpage(self.route)


class RssPostFeed(PageScopedFeed):
    route = "rss_feed"

    def title(self):
        return self.scope.title

    def description(self):
        return f"New posts in {self.scope.title}"

    def items(self):
        return self.scope.posts()[:FEED_LENGTH]

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
        return item.author_name(self.request)

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class AtomPostFeed(RssPostFeed):
    feed_type = Atom1Feed
    route = "atom_feed"

    def subtitle(self):
        return self.description()


class PostFeedsMixin(RoutablePageMixin):
    """A course's or a unit's RSS and Atom feeds of its posts, at feed/rss/ and feed/atom/ below it."""

    @path("feed/rss/", name="rss_feed")
    def rss_feed(self, request):
        return RssPostFeed(self)(request)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        return AtomPostFeed(self)(request)


def comment_feed(request, scope):
    """The comment feed of a course or a post, from the app that registered `serve_comment_feed`; none, no feed."""
    for serve in hooks.get_hooks("serve_comment_feed"):
        return serve(request, scope)
    raise Http404("No comment feed")
