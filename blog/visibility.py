"""What the public may read. Wagtail serves and lists a live page even when its unit is a draft or
unpublished; a course's readers must not see posts of a unit the instructor has not released."""

from django.contrib.auth.models import Group
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, PageViewRestriction

CLASS_GROUPS = ("Students", "Instructors")


def readable_by(pages, user):
    """The pages `user` may read: Wagtail's public() for the public; a logged-in reader also sees pages restricted
    to logged-in users or to one of their groups (class-only pages), never password-protected ones."""
    if user is None or not user.is_authenticated:
        return pages.public()
    passed = PageViewRestriction.objects.filter(
        restriction_type=PageViewRestriction.GROUPS, groups__in=user.groups.all()
    ).values("pk")
    closed = PageViewRestriction.objects.exclude(restriction_type=PageViewRestriction.LOGIN)
    closed = closed.filter(restriction_type=PageViewRestriction.PASSWORD) if user.is_superuser else closed
    for path in closed.exclude(pk__in=passed).values_list("page__path", flat=True).distinct():
        pages = pages.exclude(path__startswith=path)
    return pages


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


def sync_class_only(post):
    """A student cannot set Wagtail's page privacy (that takes publish rights), so their post's "Class only"
    box becomes a group view restriction for the course's Students and Instructors when the post is published."""
    restrictions = PageViewRestriction.objects.filter(page=post, restriction_type=PageViewRestriction.GROUPS)
    if not post.class_only:
        restrictions.delete()
        return
    restriction = restrictions.first() or PageViewRestriction.objects.create(
        page=post, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name__in=CLASS_GROUPS))


def on_post_published(sender, instance, **kwargs):
    sync_class_only(instance)
