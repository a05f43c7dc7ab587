"""The full-page cache for anonymous readers, kept in Django's cache framework: local memory by default, Redis
when REDIS_URL is set (then every app server shares it, and an invalidation on one reaches all).

Stored: exactly the responses CacheHeadersMiddleware marks `public` (Wagtail's pages and their routes, the
sitemap), for a GET whose query is empty or `page=N`, one entry per scheme, host, path, query and encoding (gzip
or not). Never looked up: a request from someone the site knows or is talking to (a session, a message waiting,
a comment of theirs awaiting moderation), or any other query (search results, tracking parameters).

Invalidation is by course. Each entry records the token of the course it was rendered for (the Site's root page
when that is a course; on a catalogue's shared Site, the course the path leads into, or the catalogue itself for
its own pages and the sitemap) and a site-wide token, both read before rendering; `invalidate(path)` drops the
tokens of every course a page lies in (and of the catalogue above it) once the transaction commits, so that
course's next reader of any page gets a fresh render. A course's pages show each other (listings, comment
counts, recent comments, feeds, the sitemap), so the course is the unit that is always right; other courses keep
their entries.
"""

import hashlib
import re
import uuid

from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import get_conditional_response
from wagtail.models import Page, Site

from caching.cache_headers import is_personal
from home.models import HomePage

PREFIX = "seminar:page"
EVERY_COURSE = "*"
PAGE_QUERY = re.compile(r"page=[1-9][0-9]{0,5}")


def is_cacheable(request):
    query = request.META.get("QUERY_STRING", "")
    return (
        settings.SEMINAR_PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and (not query or PAGE_QUERY.fullmatch(query))
        and not is_personal(request)
    )


def entry_key(request):
    gzip = bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
    address = f"{request.scheme}://{request.get_host().lower()}{request.get_full_path()} {gzip}"
    return f"{PREFIX}:entry:{hashlib.sha256(address.encode()).hexdigest()}"


def token_keys(course_path):
    return [f"{PREFIX}:token:{course_path}", f"{PREFIX}:token:{EVERY_COURSE}"]


def current_tokens(course_path):
    """The tokens an entry for this course must carry to be served, made where missing."""
    keys = token_keys(course_path)
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            fresh = uuid.uuid4().hex
            found[key] = fresh if cache.add(key, fresh, timeout=None) else cache.get(key)
    return [found[key] for key in keys]


# Entry key → the course its entry was last seen rendered for, in this process: with it, the entry and its course's
# tokens come in one round trip to the cache (Redis reads them at one instant). Only a hint: a wrong or missing
# guess costs a second trip, never a stale page.
course_hints = {}
HINTS = 10_000


def fresh_entry(key):
    """The entry stored under `key` if its course has not changed since it was rendered, else None."""
    hint = course_hints.get(key)
    found = cache.get_many([key, *token_keys(hint)] if hint else [key])
    entry = found.get(key)
    if entry is None:
        return None
    if entry["course"] != hint:
        if len(course_hints) >= HINTS:
            course_hints.clear()
        course_hints[key] = entry["course"]
        found = cache.get_many(token_keys(entry["course"]))
    return entry if {name: found.get(name) for name in entry["tokens"]} == entry["tokens"] else None


def is_storable(response):
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return response.status_code == 200 and not response.streaming and "public" in directives and not response.cookies


def course_path(site, request):
    """The tree path of the course a request to `site` is for: the Site's root when it is a course; below a
    catalogue, the page the first segment of the path names (one query, on a render only), else the catalogue."""
    root = site.root_page
    if issubclass(root.specific_class or Page, HomePage):
        return root.path
    segment = request.path_info.lstrip("/").split("/", 1)[0]
    child = (
        Page.objects.filter(depth=root.depth + 1, path__startswith=root.path, url_path=f"{root.url_path}{segment}/")
        .values_list("path", flat=True)
        .first()
        if segment
        else None
    )
    return child or root.path


class PageCacheMiddleware:
    """Outside GZip and the conditional-GET middleware: it keeps what the reader is sent (compressed, with its
    ETag), and answers a revalidation with a 304 from the entry."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable(request):
            return self.get_response(request)
        key = entry_key(request)
        entry = fresh_entry(key)
        if entry is not None:
            response = HttpResponse(entry["content"], status=200, headers={**entry["headers"], "X-Page-Cache": "hit"})
            return get_conditional_response(request, etag=response.get("ETag"), response=response)

        site = Site.find_for_request(request)
        course = course_path(site, request) if site else None
        tokens = dict(zip(token_keys(course), current_tokens(course), strict=True)) if course else None
        response = self.get_response(request)
        if tokens and is_storable(response):
            headers = dict(response.items())
            entry = {"course": course, "tokens": tokens, "headers": headers, "content": response.content}
            cache.set(key, entry, timeout=settings.SEMINAR_PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response


def invalidate(*page_paths):
    """Every course each page lies in renders afresh, once the change is committed (a reader in between would
    otherwise store the old page under the new token)."""
    keys = {
        token_keys(path[:end])[0] for path in page_paths for end in range(Page.steplen, len(path) + 1, Page.steplen)
    }
    transaction.on_commit(lambda: cache.delete_many(list(keys)))


def invalidate_everything():
    """Every course: for what any page of any course may show (a member's name, a tag, an image, a Site)."""
    transaction.on_commit(lambda: cache.delete(token_keys(EVERY_COURSE)[1]))


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.SEMINAR_PAGE_CACHE_SECONDS > 0 and backend.endswith("LocMemCache"):
        return [
            checks.Warning(
                "The page cache is in each process's own memory: a change seen by one app server process does not "
                "reach the pages the others keep.",
                hint="Set REDIS_URL so that every process shares one cache, or PAGE_CACHE_SECONDS=0.",
                id="seminar.W001",
            )
        ]
    return []
