"""Purging a CDN or Varnish in front of the app servers through wagtail.contrib.frontend_cache, when one is
configured (FRONTEND_CACHE_PURGE_URL or Cloudflare, see the settings). Such a cache keeps pages by URL, so a change
purges the URLs that show it: the page and its feeds, its unit's listing pages and feeds, its course's home page,
feeds and sitemap, and a post's author and tag archives. Changes that show in every course (a member's new name,
a renamed tag) are not purged URL by URL: FRONTEND_CACHE_SECONDS bounds how long the CDN keeps those pages."""

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import PurgeBatch

from blog.models import CourseUnitPage, StudentPostPage
from home.models import HomePage


def is_configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def course_urls(home):
    url = home.get_full_url()
    if url is None:
        return []
    routes = ("rss_feed", "atom_feed", "comments_feed")
    return [url, *(url + home.reverse_subpage(name) for name in routes), f"{home.get_site().root_url}/sitemap.xml"]


def unit_urls(unit):
    url = unit.get_full_url()
    if url is None:
        return []
    pages = -(-unit.posts().count() // settings.SEMINAR_POSTS_PER_PAGE)
    listing = [url, *(f"{url}?page={number}" for number in range(1, pages + 1))]
    return [*listing, url + unit.reverse_subpage("rss_feed"), url + unit.reverse_subpage("atom_feed")]


def post_urls(post, course):
    url, home = post.get_full_url(), course.get_full_url()
    if url is None or home is None:
        return []
    archives = [home + course.reverse_subpage("tag_archive", args=[tag.slug]) for tag in post.tags.all()]
    if post.author_profile:
        archives.append(home + course.reverse_subpage("author_archive", args=[post.author_profile.slug]))
    return [url, url + post.reverse_subpage("comments_feed"), *archives]


def urls_showing(page):
    page = page.specific
    course = page if isinstance(page, HomePage) else page.get_course()
    urls = course_urls(course) if course else []
    if isinstance(page, StudentPostPage) and course:
        urls += post_urls(page, course)
        page = page.get_parent().specific
    if isinstance(page, CourseUnitPage):
        urls += unit_urls(page)
    return urls


def purge(*pages, urls=()):
    """Once the change is committed (the CDN fetches again at once), in a background task."""
    if not is_configured():
        return
    urls = {*urls, *(url for page in pages for url in urls_showing(page))} - {None}
    transaction.on_commit(lambda: PurgeBatch(urls).purge())
