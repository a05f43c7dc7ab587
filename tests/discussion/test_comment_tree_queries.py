"""A post's whole discussion is read in a fixed number of queries: 200 comments cost what 2 do."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG

from tests.comment_helpers import approved_comment
from tests.factories import member

pytestmark = pytest.mark.django_db
PAGE_QUERY_LIMIT = 15


def discussion(post, size, users):
    """`size` comments across three levels, written by members and strangers, with likes."""
    made = 0
    while made < size:
        top = approved_comment(post, text=f"Comment {made}", user=users[made % len(users)])
        made += 1
        parent = top
        for level in (1, 2):
            if made >= size:
                break
            parent = approved_comment(post, text=f"Reply {made} at level {level}", parent=parent)
            made += 1
        CommentFlag.objects.create(comment=top, user=users[0], flag=LIKEDIT_FLAG)


def queries_to_read(client, post):
    client.get(post.url)  # warm Wagtail's per-process caches (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(post.url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_reading_cost_does_not_grow_with_the_discussion(client, make_post):
    users = [member("Instructors"), member("Students"), member("Students")]
    small, large = make_post(title="Two comments"), make_post(title="Two hundred comments")
    discussion(small, 2, users)
    discussion(large, 200, users)

    small_count, small_html = queries_to_read(client, small)
    large_count, large_html = queries_to_read(client, large)

    assert "2 thoughts on" in small_html
    assert "200 thoughts on" in large_html
    assert large_html.count('class="comment') >= 200
    assert small_count == large_count
    assert large_count <= PAGE_QUERY_LIMIT
