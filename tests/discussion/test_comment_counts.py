"""Listings show how many approved comments each post has, without a query per post."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_comments_xtd.models import XtdComment

from tests.comment_helpers import approved_comment

pytestmark = pytest.mark.django_db


def test_unit_listing_counts_only_approved_comments(client, unit, make_post):
    post = make_post(title="Counted")
    approved_comment(post, text="one")
    approved_comment(post, text="two")
    held = approved_comment(post, text="held")
    XtdComment.objects.filter(pk=held.pk).update(is_public=False)
    html = client.get(unit.url).content.decode()
    assert f'href="{post.url}#comments">2 comments</a>' in html


def test_listing_cost_does_not_grow_with_comments(client, course, make_post):
    posts = [make_post(title=f"Post {n}") for n in range(3)]
    for post in posts:
        approved_comment(post, text="first")
    client.get(course.url)
    with CaptureQueriesContext(connection) as few:
        client.get(course.url)
    for post in posts:
        for n in range(4):
            approved_comment(post, text=f"comment {n}")
    with CaptureQueriesContext(connection) as many:
        html = client.get(course.url).content.decode()
    assert html.count("5 comments") == 3
    assert len(many) == len(few)


def test_home_lists_recent_comments_newest_first(client, course, make_post):
    post = make_post(title="The Thaw")
    older = approved_comment(post, text="older", email="a@example.org")
    newer = approved_comment(post, text="newer", email="b@example.org")
    XtdComment.objects.filter(pk=older.pk).update(submit_date=newer.submit_date.replace(year=2017))
    html = client.get(course.url).content.decode()
    recent = html[html.index("Recent comments") :]
    assert recent.index(f"#c{newer.pk}") < recent.index(f"#c{older.pk}")
    assert "a@example.org" not in html
