"""Parts of a page kept between two changes to their course (the discussion of a post: discussion_tags), for
the renders the page cache does not spare: a miss for one audience when another's copy is warm, the compressed and
the plain copy, a staff member's page, a page cache turned off. A fragment records the course's tokens as they
were before it was rendered (caching/page_cache.py), so it is dropped with the course's pages by every change
caching/invalidation.py knows, and never outlives one.
"""

from django.conf import settings
from django.core.cache import cache

from caching.page_cache import course_of, current_tokens, is_current, token_keys

PREFIX = "seminar:fragment"


def cached(request, name, render):
    """The fragment `name` of the request's course, rendered by `render()` when missing or stale."""
    seconds = settings.SEMINAR_FRAGMENT_CACHE_SECONDS
    course = course_of(request) if seconds > 0 else None
    if course is None:
        return render()
    key = f"{PREFIX}:{course}:{name}"
    found = cache.get_many([key, *token_keys(course)])
    entry = found.get(key)
    if entry is not None and is_current(entry, found):
        return entry["html"]
    tokens = dict(zip(token_keys(course), current_tokens(course), strict=True))
    html = str(render())
    cache.set(key, {"tokens": tokens, "html": html}, timeout=seconds)
    return html
