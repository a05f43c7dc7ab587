"""What the public may find: the live, public pages of a course, for the sitemap and for search."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from blog.models import CourseUnitPage
from blog.visibility import public


def readable_pages(root):
    """Live, public pages at or below `root`, leaving out everything under a unit that is not live."""
    pages = public(Page.objects.live().descendant_of(root, inclusive=True))
    for path in CourseUnitPage.objects.descendant_of(root).not_live().values_list("path", flat=True):
        pages = pages.exclude(path__startswith=path)
    return pages


class CourseSitemap(Sitemap):
    def items(self):
        site = self.get_wagtail_site()
        return readable_pages(site.root_page).order_by("path").defer_streamfields().specific()
