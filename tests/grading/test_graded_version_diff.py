"""What changed since a post was graded: the grading screen says "Graded version: <date>; changed since" and shows
the sentences the student added or removed, marked with words a screen reader speaks, not colour alone; nothing
when the post is unchanged."""

from datetime import datetime
from decimal import Decimal

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone

from courses.models import Role
from grading import diff
from grading.models import Grade
from tests.factories import member_client
from tests.grading_helpers import *  # noqa: F403 (the student and student_client fixtures)
from tests.grading_helpers import assignment, make_grade

pytestmark = pytest.mark.django_db
GRADED = timezone.make_aware(datetime(2027, 3, 30, 10, 0))
FIRST = "<p>Khrushchev denounced Stalin in 1956.</p>"


def url(post):
    return f"/admin/grading/posts/{post.pk}/grade/"


@pytest.fixture
def graded(make_post, student, unit, instructor):
    """Dana's post, graded on 30 March 2027."""
    assignment(unit, points=10)
    with time_machine.travel(GRADED, tick=False):
        post = make_post(author=student, body=[("paragraph_block", FIRST)])
    make_grade(post, instructor, points=Decimal("8"))
    return post


def edit(post, student, *paragraphs, quote=None):
    body = [("paragraph_block", html) for html in paragraphs]
    if quote:
        body.append(("quote_block", {"text": quote, "attribution": "N. S. Khrushchev", "citation": ""}))
    post.body = body
    post.save_revision(user=student)


def test_an_added_sentence_shows_on_the_grading_screen(course, graded, student):
    edit(graded, student, FIRST, "<p>The speech was read out in <b>party cells</b> &amp; factories.</p>")

    html = member_client(course, Role.INSTRUCTOR).get(url(graded)).content.decode()

    assert "Graded version: 30 March 2027; changed since" in html
    added = BeautifulSoup(html, "html.parser").select(".grading-changed ins")
    assert [each.get_text() for each in added] == ["added: The speech was read out in party cells & factories."]
    assert added[0].select_one(".w-sr-only").get_text() == "added: "


def test_nothing_shows_when_the_post_is_unchanged(course, graded):
    html = member_client(course, Role.INSTRUCTOR).get(url(graded)).content.decode()

    assert "changed since" not in html and "<ins>" not in html
    assert diff.changed_since_html(Grade.objects.get()) == ""


def test_a_changed_sentence_is_shown_word_by_word(graded, student):
    edit(graded, student, "<p>Khrushchev denounced Stalin in February 1956.</p>", quote="Comrades!")

    html = diff.changed_since_html(Grade.objects.select_related("revision", "post").get())

    soup = BeautifulSoup(html, "html.parser")
    assert [each.get_text() for each in soup.select("ins")] == [
        "added: February",
        "added: Comrades!",
        "added: N. S. Khrushchev",
    ]
    assert soup.select("del") == []


def test_removed_text_is_marked_removed_and_escaped(graded, student):
    edit(graded, student, "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")

    html = diff.changed_since_html(Grade.objects.get(), hidden_class="visually-hidden")

    assert '<del><span class="visually-hidden">removed: </span>Khrushchev denounced Stalin in 1956.</del>' in html
    assert "&lt;script&gt;" in html and "<script>" not in html


def test_the_text_compared_is_what_a_reader_reads():
    content = {
        "body": '[{"type": "heading_block", "value": {"text": "The Thaw", "level": "h2"}, "id": "a"},'
        ' {"type": "primary_source_block", "value": {"title": "Secret Speech", "publication": "", "date": "1956",'
        ' "url": "https://sources.example.org/", "excerpt": "It is impermissible."}, "id": "b"},'
        ' {"type": "bibliography_block", "value": [{"type": "item", "value": "Taubman (2003)", "id": "c"}], "id": "d"},'
        ' {"type": "paragraph_block", "value": "<p>One.</p><ul><li>Two</li></ul>", "id": "e"}]'
    }

    assert diff.body_paragraphs(content) == [
        "The Thaw",
        "Secret Speech",
        "1956",
        "It is impermissible.",
        "Taubman (2003)",
        "One.",
        "Two",
    ]
