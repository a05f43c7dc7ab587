"""Site search within one course: Wagtail's search backend (PostgreSQL full text on PostgreSQL)."""

import re

from django.conf import settings
from django.db.models import prefetch_related_objects

from blog.models import StudentPostPage
from blog.pagination import paginate
from blog.sitemap import readable_pages

WORD = re.compile(r"\w+")


def search_course(request, course):
    """The context for a search results page: the cleaned query, a note if it was shortened, a page of hits."""
    limit = settings.SEMINAR_SEARCH_MAX_QUERY_LENGTH
    raw = "".join(ch for ch in request.GET.get("q", "") if ch.isprintable() or ch.isspace())
    query = " ".join(raw.split())
    truncated = len(query) > limit
    query = query[:limit]
    results = None
    # Only words reach the backend: quotes and brackets are query syntax to SQLite's FTS5.
    terms = " ".join(WORD.findall(query))
    if terms:
        hits = readable_pages(course).exclude(pk=course.pk).specific().search(terms)
        results = paginate(request, hits, settings.SEMINAR_SEARCH_RESULTS_PER_PAGE)
        # Each post's byline: its author and their archive slug, for the whole page of results at once.
        posts = [hit for hit in results.object_list if isinstance(hit, StudentPostPage)]
        prefetch_related_objects(posts, "author__author_profile")
    return {"search_query": query, "query_truncated": truncated, "search_limit": limit, "results": results}
