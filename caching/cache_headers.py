"""Cache-Control for pages, feeds and the sitemap whose view did not choose its own.

A public page is the same for every anonymous reader, so any cache may keep it, but must ask the server before
each reuse (`public, max-age=0, must-revalidate`): a commenter coming back to a post sees the thread as it is
now, and ConditionalGetMiddleware's ETag makes the question a cheap 304. Everything else that is HTML or a
feed is kept to the reader's own browser and revalidated too (`private, no-cache`): pages for a logged-in
reader, a response that sets a cookie (a CSRF token, a message), and views outside Wagtail's page tree. Views
that set Cache-Control themselves keep theirs: never_cache endpoints, the admin, robots.txt, and every
view-restricted page (class-only or behind a password), which Wagtail itself marks never-cache.
"""

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.utils.cache import patch_cache_control

from discussion.held import HELD_COOKIE

# Views whose response is the same for every anonymous reader: Wagtail's pages (with their routes: archives,
# search, feeds) and the sitemap.
SHARED_VIEWS = {"wagtail_serve", "sitemap"}
CACHED_TYPES = {"text/html", "application/rss+xml", "application/atom+xml", "application/xml"}


class CacheHeadersMiddleware:
    """Sits outside the session, CSRF and messages middleware, so it sees the cookies they set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if needs_cache_headers(request, response):
            if is_shared(request, response):
                patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
                if settings.SEMINAR_FRONTEND_CACHE_SECONDS:  # a CDN in front, purged on every change
                    patch_cache_control(response, s_maxage=settings.SEMINAR_FRONTEND_CACHE_SECONDS)
            else:
                patch_cache_control(response, private=True, no_cache=True)
        return response


def needs_cache_headers(request, response):
    content_type = response.get("Content-Type", "").partition(";")[0].strip()
    return (
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and content_type in CACHED_TYPES
        and not response.has_header("Cache-Control")
    )


def is_personal(request):
    """Whether the site knows this reader (a session, a message waiting, a comment of theirs held): their pages
    may differ from everyone else's."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or has_own_state(request)


def has_own_state(request):
    """A message waiting, a comment of theirs held, credentials: what makes even a member's page their own."""
    personal = (CookieStorage.cookie_name, HELD_COOKIE)
    return any(name in request.COOKIES for name in personal) or "HTTP_AUTHORIZATION" in request.META


def is_shared(request, response):
    """Whether every anonymous reader gets this same response."""
    match = request.resolver_match
    user = getattr(request, "user", None)
    return (
        match is not None
        and match.view_name in SHARED_VIEWS
        and not (user is not None and user.is_authenticated)
        and not is_personal(request)
        and not response.cookies
    )
