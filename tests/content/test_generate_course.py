"""`manage.py generate_course` builds a large course in bulk that behaves like one built by hand: a sound page tree,
posts readers can find, and threads django-comments-xtd can go on replying to."""

from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment
from wagtail.models import Page, ReferenceIndex, Site

from blog.models import CourseUnitPage, StudentPostPage
from courses.models import Enrolment, Role
from tests.comment_helpers import approved_comment

pytestmark = pytest.mark.django_db

HOST = "big.example.edu"


@pytest.fixture
def generated():
    out = StringIO()
    call_command("generate_course", units=3, posts=30, comments=300, hostname=HOST, stdout=out)
    home = Site.objects.get(hostname=HOST).root_page
    posts = StudentPostPage.objects.descendant_of(home)
    comments = XtdComment.objects.filter(
        content_type=ContentType.objects.get_for_model(StudentPostPage),
        object_pk__in=[str(pk) for pk in posts.values_list("pk", flat=True)],
    )
    return {"home": home, "posts": posts, "comments": comments, "output": out.getvalue()}


def test_the_course_has_what_was_asked_for_and_says_so(generated):
    assert "3 units, 30 posts" in generated["output"] and "300 comments" in generated["output"]
    assert CourseUnitPage.objects.child_of(generated["home"]).live().count() == 3
    assert generated["posts"].live().count() == 30
    assert generated["comments"].count() == 300
    assert generated["posts"].filter(tagged_items__isnull=False).distinct().count() == 30
    assert CommentFlag.objects.filter(comment__in=generated["comments"], flag="I liked it").exists()
    assert Page.find_problems() == ([], [], [], [], [])  # treebeard: paths, depths and child counts all right
    students = Enrolment.objects.filter(course=generated["home"], role=Role.STUDENT)
    assert students.exists()
    assert all(
        unit.permissions_for_user(students.first().user).can_add_subpage()
        for unit in CourseUnitPage.objects.child_of(generated["home"])
    )


def test_readers_see_the_generated_course(client, generated):
    post = generated["posts"].order_by("-first_published_at").first()
    page = client.get(post.url, HTTP_HOST=HOST)
    assert page.status_code == 200
    assert "50 thoughts on" in page.text  # the newest post carries the benchmark's 50-comment discussion
    assert "Liked by" in page.text
    unit = client.get(post.get_parent().url, HTTP_HOST=HOST)
    assert post.title in unit.text
    results = client.get("/search/", {"q": "sources"}, HTTP_HOST=HOST)
    assert results.status_code == 200 and "reading the sources" in results.text
    author = client.get(f"/authors/{post.author.author_profile.slug}/", HTTP_HOST=HOST)
    assert post.title in author.text


def test_threads_are_numbered_as_xtd_numbers_them(generated):
    comments = list(generated["comments"].order_by("thread_id", "order"))
    by_id = {comment.pk: comment for comment in comments}
    assert max(comment.level for comment in comments) == 2  # three levels deep, the site's limit
    for comment in comments:
        parent = by_id[comment.parent_id]
        if comment.level == 0:
            assert comment.parent_id == comment.thread_id == comment.pk
        else:
            assert parent.level == comment.level - 1 and parent.thread_id == comment.thread_id
            assert parent.order < comment.order and parent.submit_date < comment.submit_date
        below = [other for other in comments if other.thread_id == comment.thread_id and other.order > comment.order]
        subtree = next((i for i, other in enumerate(below) if other.level <= comment.level), len(below))
        assert comment.nested_count == subtree


def test_a_real_reply_to_a_generated_comment_lands_under_it(generated):
    """xtd places a new reply from the stored thread fields: right after its parent's earlier replies."""
    parent = generated["comments"].filter(level=0, nested_count__gt=0).first()
    thread = list(XtdComment.objects.filter(thread_id=parent.thread_id).order_by("order"))
    reply = approved_comment(generated["posts"].get(pk=parent.object_pk), text="A new reply", parent=parent)
    reply.refresh_from_db()
    assert reply.level == 1 and reply.thread_id == parent.thread_id
    assert reply.order == parent.order + parent.nested_count + 1
    assert [c.pk for c in XtdComment.objects.filter(thread_id=parent.thread_id).order_by("order")] == [
        *[c.pk for c in thread[: reply.order - 1]],
        reply.pk,
        *[c.pk for c in thread[reply.order - 1 :]],
    ]


def test_where_images_are_used_is_recorded(generated):
    post = generated["posts"].filter(feed_image__isnull=False).first()
    assert ReferenceIndex.get_references_to(post.feed_image).filter(object_id=str(post.pk)).exists()


def test_an_address_already_taken_is_refused(generated):
    with pytest.raises(CommandError, match=f"already answers at {HOST}:80"):
        call_command("generate_course", units=1, posts=1, comments=0, hostname=HOST)
    assert Site.objects.filter(hostname=HOST).count() == 1
