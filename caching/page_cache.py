"""The full-page cache, kept in Django's cache framework: local memory by default, Redis when REDIS_URL is set
(then every app server shares it, and an invalidation on one reaches all).

One copy per audience (caching/audience.py): anonymous readers share one, and so does every logged-in reader who
passes no restriction of the course (a member of another course); the members of a course with class-only pages
share another. The course's staff, and anyone with a message waiting or a comment of theirs held, get their page
rendered afresh. What is personal on a page (the members' bar, the comment form, one's own likes) comes from
uncached endpoints, so a copy holds nothing of the member it was rendered for.

Stored: for the anonymous audience, exactly the responses CacheHeadersMiddleware marks `public` (Wagtail's pages
and their routes, the sitemap); for a members' audience, the same views' pages rendered for a member (kept
private to their browsers); for a GET whose query is empty or `page=N`, one entry per scheme, host, path, query,
encoding (gzip or not) and audience. Never stored: a response that sets a cookie (a CSRF token, a session).

Invalidation is by course, for every audience at once. Each entry records the token of the course it was rendered
for (the Site's root page when that is a course; on a catalogue's shared Site, the course the path leads into, or
the catalogue itself for its own pages and the sitemap) and a site-wide token, both read before rendering;
`invalidate(path)` drops the tokens of every course a page lies in (and of the catalogue above it) once the
transaction commits, so that course's next reader of any page gets a fresh render. A course's pages show each
other (listings, comment counts, recent comments, feeds, the sitemap), so the course is the unit that is always
right; other courses keep their entries.
"""

import hashlib
import re
from collections import OrderedDict

from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import get_conditional_response
from wagtail.models import Page, Site

from caching import audience
from caching.cache_headers import CACHED_TYPES, SHARED_VIEWS, has_own_state
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
        and not has_own_state(request)
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
    return audience.tokens(keys, cache.get_many(keys))


# Entry key → the course its entry was last seen rendered for, in this process: with it, the entry and its course's
# tokens come in one round trip to the cache (Redis reads them at one instant). Only a hint: a wrong or missing
# guess costs a second trip, never a stale page.
course_hints = {}
HINTS = 10_000


def remember(address, course):
    if len(course_hints) >= HINTS:
        course_hints.clear()
    course_hints[address] = course


class LocalEntries:
    """The entries this process served last, up to `limit` bytes of content, least recently used out first: with the
    cache in Redis, a hit then fetches only the course's two tokens (a few bytes) instead of the page, and serves
    the copy kept here when they still match. Only the tokens decide, so it is never staler than Redis."""

    def __init__(self, limit):
        self.limit, self.size, self.entries = limit, 0, OrderedDict()

    def get(self, key):
        entry = self.entries.get(key)
        if entry is not None:
            self.entries.move_to_end(key)
        return entry

    def put(self, key, entry):
        if len(entry["content"]) > self.limit:
            return
        self.drop(key)
        self.entries[key] = entry
        self.size += len(entry["content"])
        while self.size > self.limit:
            _, oldest = self.entries.popitem(last=False)
            self.size -= len(oldest["content"])

    def drop(self, key):
        entry = self.entries.pop(key, None)
        if entry is not None:
            self.size -= len(entry["content"])


local_entries = LocalEntries(settings.SEMINAR_PAGE_CACHE_LOCAL_BYTES)


def is_current(entry, found):
    return {name: found.get(name) for name in entry["tokens"]} == entry["tokens"]


def fresh_entry(key, address, course=None, tokens=None):
    """The entry stored under `key` if its course has not changed since it was rendered, else None. With `course`
    (a member's audience was worked out for it), an entry of another course is None too; `tokens`, that course's
    tokens when they were fetched already."""
    hint = course or course_hints.get(address)
    local = local_entries.get(key) if local_entries.limit else None
    if local is not None and local["course"] == (hint or local["course"]):
        if is_current(local, tokens if tokens is not None else cache.get_many(token_keys(local["course"]))):
            return local
        local_entries.drop(key)
    found = cache.get_many([key, *token_keys(hint)] if hint else [key])
    entry = found.get(key)
    if entry is None or (course is not None and entry["course"] != course):
        return None
    if entry["course"] != hint:
        remember(address, entry["course"])
        found = cache.get_many(token_keys(entry["course"]))
    if not is_current(entry, found):
        return None
    if local_entries.limit:
        local_entries.put(key, entry)
    return entry


def is_storable(request, response, name):
    """Whether the response may be kept for the audience `name`: a public response for the anonymous one; a
    shared view's page rendered for this very member for a members' audience. Never one that sets a cookie."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if name == audience.ANONYMOUS:
        directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
        return "public" in directives
    match, user = request.resolver_match, getattr(request, "user", None)
    return (
        match is not None
        and match.view_name in SHARED_VIEWS
        and response.get("Content-Type", "").partition(";")[0].strip() in CACHED_TYPES
        and user is not None
        and user.is_authenticated
        and user.pk == request.seminar_member.user_id
    )


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


def course_of(request):
    """The tree path of the course the request is for, or None outside every Site."""
    site = Site.find_for_request(request)
    return course_path(site, request) if site else None


class PageCacheMiddleware:
    """Outside GZip and the conditional-GET middleware: it keeps what the reader is sent (compressed, with its
    ETag), and answers a revalidation with a 304 from the entry. Outside the session and authentication
    middleware too: a hit costs no query, for members as for strangers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable(request):
            return self.get_response(request)
        address = entry_key(request)
        member, name, course, known, found = None, audience.ANONYMOUS, None, None, None
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            hint = course_hints.get(address)
            seen = audience.member_of(request, token_keys(hint) if hint else ())
            if seen is None:
                return self.get_response(request)
            member, access_token, found = seen
            request.seminar_member = member
            course = hint or (known := course_of(request))
            if course is None:
                return self.get_response(request)
            name = member.audience(course, audience.restrictions(access_token))
            if name is None:
                return self.get_response(request)
        key = f"{address}:{name}" if name else address
        entry = fresh_entry(key, address, course, found if course and course == course_hints.get(address) else None)
        if entry is not None:
            response = HttpResponse(entry["content"], status=200, headers={**entry["headers"], "X-Page-Cache": "hit"})
            return get_conditional_response(request, etag=response.get("ETag"), response=response)

        # A miss: the page rendered, and kept if it may be, under the course it belongs to (a member's audience
        # was worked out for the hinted course: if that was wrong, this one render is not kept).
        known = known or course_of(request)
        if known is None or (course is not None and course != known):
            remember(address, known)
            return self.get_response(request)
        tokens = dict(zip(token_keys(known), current_tokens(known), strict=True))
        response = self.get_response(request)
        if is_storable(request, response, name) and not (member is not None and name == audience.ANONYMOUS):
            headers = dict(response.items())
            entry = {"course": known, "tokens": tokens, "headers": headers, "content": response.content}
            cache.set(key, entry, timeout=settings.SEMINAR_PAGE_CACHE_SECONDS)
            if local_entries.limit:
                local_entries.put(key, entry)
            remember(address, known)
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
