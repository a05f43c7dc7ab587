"""What the public may read. Wagtail serves and lists a live page even when its unit is a draft or
unpublished; a course's readers must not see posts of a unit the instructor has not released."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


def readable_pages(root):
    """Live, public pages at or below `root`, leaving out everything under a unit that is not live."""
    from blog.models import CourseUnitPage

    pages = Page.objects.live().public().descendant_of(root, inclusive=True)
    for path in CourseUnitPage.objects.descendant_of(root).not_live().values_list("path", flat=True):
        pages = pages.exclude(path__startswith=path)
    return pages


class CourseSitemap(Sitemap):
    def items(self):
        site = self.get_wagtail_site()
        return readable_pages(site.root_page).order_by("path").defer_streamfields().specific()
