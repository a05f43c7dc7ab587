"""The moderation queue reads a page of comments in a fixed number of queries: 20 rows cost what 2 do."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from tests.comment_helpers import approved_comment
from tests.factories import member

pytestmark = pytest.mark.django_db
QUEUE_QUERY_LIMIT = 25


def add_pending(posts, first, last, flagger):
    """Pending comments numbered first..last-1 over `posts`: held comments, held replies, flagged comments,
    by strangers and by members."""
    for n in range(first, last):
        post = posts[n % len(posts)]
        user = flagger if n % 2 else None
        if n % 3 == 0:
            comment = approved_comment(post, text=f"Flagged {n}", user=user)
            CommentFlag.objects.create(comment=comment, user=flagger, flag=CommentFlag.SUGGEST_REMOVAL)
            continue
        parent = approved_comment(post, text=f"Parent {n}") if n % 3 == 1 else None
        comment = approved_comment(post, text=f"Pending {n}", parent=parent, user=user)
        XtdComment.objects.filter(pk=comment.pk).update(is_public=False)


def read_queue(client):
    url = reverse("comment_moderation:index")
    client.get(url)  # warm Wagtail's per-process caches (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode().count('<tr id="comment-')


def test_queue_cost_does_not_grow_with_its_rows(client, make_post):
    flagger = member("Students")
    posts = [make_post(title=f"Post {n}") for n in range(6)]
    client.force_login(member("Instructors"))

    add_pending(posts, 0, 2, flagger)
    two_rows = read_queue(client)
    add_pending(posts, 2, 20, flagger)
    twenty_rows = read_queue(client)

    assert (two_rows[1], twenty_rows[1]) == (2, 20)
    assert two_rows[0] == twenty_rows[0]
    assert twenty_rows[0] <= QUEUE_QUERY_LIMIT
