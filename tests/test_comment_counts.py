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
    client.get(course.url)
    with CaptureQueriesContext(connection) as few:
        client.get(course.url)
    for post in posts:
        for n in range(5):
            approved_comment(post, text=f"comment {n}")
    with CaptureQueriesContext(connection) as many:
        html = client.get(course.url).content.decode()
    assert html.count("5 comments") == 3
    assert len(many) == len(few)
