"""RSS 2.0 and Atom feeds of the live posts under a course or a unit."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

FEED_LENGTH = 20


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
        return item.get_excerpt()

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
