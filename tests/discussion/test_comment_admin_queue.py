"""The moderation queue lists what an instructor must look at: pending first and oldest first, with the post,
the comment replied to, the commenter's name and email, filters by state, unit and post, and pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from discussion.actions import remove
from tests.comment_helpers import approved_comment, held_comment
from tests.factories import CourseUnitPageFactory, member

pytestmark = pytest.mark.django_db
INDEX = reverse("comment_moderation:index")


def rows(instructor_client, query=""):
    html = instructor_client.get(INDEX + query).content.decode()
    return html, html.split("<tbody>", 1)[-1].split("</tbody>", 1)[0]


def test_pending_is_the_default_oldest_first_with_everything_a_moderator_needs(
    instructor_client, instructor, make_post
):
    post = make_post(title="The Thaw")
    parent = approved_comment(post, text="Was the Thaw real?")
    newer = held_comment(post, "Newer held comment", email="nina@example.org")
    older = held_comment(post, "Older held reply", parent=parent, email="oleg@example.org")
    XtdComment.objects.filter(pk=older.pk).update(submit_date=timezone.now() - timedelta(days=2))
    flagged = approved_comment(post, text="Readers flagged this")
    CommentFlag.objects.create(comment=flagged, user=member("Students"), flag=CommentFlag.SUGGEST_REMOVAL)

    html, table = rows(instructor_client)
    assert "Pending (awaiting moderation or flagged): 3 comments" in html
    assert f'id="comment-{parent.pk}"' not in table  # approved: shown only as the comment replied to
    assert table.index(f'id="comment-{older.pk}"') < table.index(f'id="comment-{newer.pk}"')
    assert "In reply to Reader: “Was the Thaw real?”" in table
    assert "oleg@example.org" in table and "nina@example.org" in table
    assert f'href="{post.url}"' in table
    assert "Awaiting moderation" in table and "Flagged by readers" in table


def test_filters_by_state(instructor_client, instructor, make_post):
    post = make_post(title="The Thaw")
    held_comment(post, "Still held")
    approved_comment(post, text="Public already")
    remove(approved_comment(post, text="Taken down"), instructor)

    assert "Public already" in rows(instructor_client, "?state=approved")[1]
    assert "Still held" not in rows(instructor_client, "?state=approved")[1]
    _, removed = rows(instructor_client, "?state=removed")
    assert "Taken down" in removed and "Public already" not in removed
    assert all(
        text in rows(instructor_client, "?state=all")[1] for text in ("Still held", "Public already", "Taken down")
    )
    assert "Still held" in rows(instructor_client, "?state=bogus")[1]  # an unknown state shows the pending queue


def test_filters_by_unit_and_post(instructor_client, instructor, course, make_post):
    thaw, stagnation = make_post(title="The Thaw"), make_post(title="Corn campaign")
    other_unit = CourseUnitPageFactory(parent=course, title="Stagnation")
    brezhnev = make_post(title="Brezhnev's era", parent=other_unit)
    for post in (thaw, stagnation, brezhnev):
        held_comment(post, f"On {post.title}")

    _, by_unit = rows(instructor_client, f"?unit={other_unit.pk}")
    assert "On Brezhnev&#x27;s era" in by_unit and "On The Thaw" not in by_unit
    _, by_post = rows(instructor_client, f"?post={stagnation.pk}")
    assert "On Corn campaign" in by_post and "On The Thaw" not in by_post


def test_the_queue_is_paginated(instructor_client, instructor, make_post):
    post = make_post(title="The Thaw")
    for n in range(27):
        held_comment(post, f"Comment number {n:02d}")
    first, second = rows(instructor_client)[1], rows(instructor_client, "?p=2")[1]
    assert "Comment number 00" in first and "Comment number 25" not in first
    assert "Comment number 25" in second and "Comment number 26" in second
    assert "Page 1 of 2" in rows(instructor_client)[0]
