"""Site search within one course: Wagtail's search backend (PostgreSQL full text on PostgreSQL)."""

from django.conf import settings
from wagtail.models import Page

from blog.pagination import paginate


def search_course(request, course):
    """The context for a search results page: the cleaned query, a note if it was shortened, a page of hits."""
    limit = settings.SEMINAR_SEARCH_MAX_QUERY_LENGTH
    raw = "".join(ch for ch in request.GET.get("q", "") if ch.isprintable() or ch.isspace())
    query = " ".join(raw.split())
    truncated = len(query) > limit
    query = query[:limit]
    results = None
    if query:
        hits = Page.objects.live().public().descendant_of(course).specific().search(query)
        results = paginate(request, hits, settings.SEMINAR_SEARCH_RESULTS_PER_PAGE)
    return {"search_query": query, "query_truncated": truncated, "search_limit": limit, "results": results}
