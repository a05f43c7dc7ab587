"""Site search within one course: Wagtail's search backend (PostgreSQL full text on PostgreSQL, FTS5 on SQLite),
the last word typed matching as a prefix."""

import functools
import re

from django.conf import settings
from django.db.models import prefetch_related_objects
from wagtail.search.backends import get_search_backend
from wagtail.search.tasks import insert_or_update_object_task

from blog.models import StudentPostPage
from blog.pagination import paginate
from blog.sitemap import readable_pages

WORD = re.compile(r"\w+")


@functools.cache
def last_word_prefix(compiler_class):
    """The backend's full-text compiler with its last word as a prefix, the switch Wagtail's database backends
    (SQLite, PostgreSQL, MySQL) set for `autocomplete()`: here on the full-text fields, stemming and ranking."""
    return type(f"LastWordPrefix{compiler_class.__name__}", (compiler_class,), {"LAST_TERM_IS_PREFIX": True})


def prefix_search(queryset, terms):
    """`queryset.search(terms)`, except the last word also matches words it begins ("Khrush" finds Khrushchev),
    as a search box's readers expect. `autocomplete()` would match titles only (its AutocompleteFields, unstemmed on
    PostgreSQL); this keeps every SearchField, each earlier word whole and the results in order of relevance."""
    backend = get_search_backend()
    return backend._search(last_word_prefix(backend.query_compiler_class), terms, queryset, order_by_relevance=True)


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
        hits = prefix_search(readable_pages(course).exclude(pk=course.pk).specific(), terms)
        results = paginate(request, hits, settings.SEMINAR_SEARCH_RESULTS_PER_PAGE)
        # Each post's byline: its author and their archive slug, for the whole page of results at once.
        posts = [hit for hit in results.object_list if isinstance(hit, StudentPostPage)]
        prefetch_related_objects(posts, "author__author_profile")
    return {"search_query": query, "query_truncated": truncated, "search_limit": limit, "results": results}


def reindex_published(sender, instance, **kwargs):
    """Index a post or unit again once it is published. Wagtail's index task is enqueued as the page row is saved,
    before its notes (child rows) are: where tasks run at once (development, tests), the index would miss the
    notes' words; the worker of a deployment may run either, so the page is indexed again when all is saved."""
    insert_or_update_object_task.enqueue(instance._meta.app_label, instance._meta.model_name, str(instance.pk))
