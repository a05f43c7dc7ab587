"""Grading comments on footnotes (issue 22, step 4): the grade screen shows the post's text with its notes numbered as
the reader sees them and each note's text; the grader writes a comment on any note; the student reads each comment
beside its note once the grade is released, and nowhere else; a note changed after grading shows in "changed
since"."""

import uuid

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from blog.models import Footnote
from courses.models import Role
from grading.models import GradeStatus, NoteComment
from tests.factories import member_client
from tests.grading_helpers import *  # noqa: F403 (the due_unit fixture)
from tests.grading_helpers import assignment

pytestmark = pytest.mark.django_db

CLAIM, ASIDE = uuid.UUID(int=0x1956), uuid.UUID(int=0x1957)


def mark(note_id):
    return f'<footnote id="{note_id}">[?]</footnote>'


@pytest.fixture
def post(make_post, student):
    """A post whose second note is referred to first: the reader's note 1 is the aside."""
    post = make_post(
        title="The Secret Speech",
        author=student,
        body=[("paragraph_block", f"<p>The speech leaked{mark(ASIDE)} within weeks{mark(CLAIM)}.</p>")],
    )
    Footnote.objects.create(page=post, sort_order=0, uuid=CLAIM, source="taubman2003", pages="283")
    Footnote.objects.create(page=post, sort_order=1, uuid=ASIDE, text="<p>Through Warsaw, as <i>some</i> say.</p>")
    post.save_revision(user=student).publish()
    post.refresh_from_db()
    return post


def url(post):
    return f"/admin/grading/posts/{post.pk}/grade/"


def text(node):
    return " ".join(node.get_text(" ").split())


def test_the_grade_screen_numbers_the_notes_as_the_reader_sees_them(course, unit, post):
    assignment(unit, points=10)
    page = BeautifulSoup(member_client(course, Role.INSTRUCTOR).get(url(post)).content, "html.parser")
    assert [text(paragraph) for paragraph in page.select(".grading-text p")] == [
        "The speech leaked[1] within weeks[2].",
        "Note 1: Through Warsaw, as some say.",
        "Note 2: (Cites taubman2003, 283.)",
    ]
    labels = [text(label) for label in page.select("label") if "note" in label.get_text()]
    assert labels == ["Comment on note 1", "Comment on note 2"]


def test_a_grader_comments_on_a_note_and_the_form_keeps_it(course, unit, post):
    assignment(unit, points=10)
    client = member_client(course, Role.TA)
    data = {
        "revision": post.latest_revision_id,
        "points": "8",
        f"note_{ASIDE}": "Which sources say so? Name one.",
        f"note_{CLAIM}": "  ",
    }
    assert client.post(url(post), data).status_code == 302
    [comment] = NoteComment.objects.filter(grade__post=post)
    assert (comment.number, comment.note, comment.comment) == (1, ASIDE, "Which sources say so? Name one.")
    assert comment.note_text == "Through Warsaw, as some say."
    page = BeautifulSoup(client.get(url(post)).content, "html.parser")
    assert page.select_one(f"textarea[name='note_{ASIDE}']").get_text().strip() == "Which sources say so? Name one."

    data[f"note_{ASIDE}"] = ""  # grading again without it takes the comment away
    client.post(url(post), data)
    assert not NoteComment.objects.filter(grade__post=post).exists()


def test_the_student_reads_the_comment_beside_its_note_once_released_and_nowhere_else(
    course, unit, post, student_client
):
    settings = assignment(unit, points=10)
    grader = member_client(course, Role.INSTRUCTOR)
    comment = "Which sources say so? <b>Name one.</b>"
    grader.post(url(post), {"revision": post.latest_revision_id, "points": "8", f"note_{ASIDE}": comment})
    my_grade = f"/admin/grading/posts/{post.pk}/my-grade/"
    assert student_client.get(my_grade).status_code == 404, "a draft grade is not shown"

    settings.grades_released_at = timezone.now()
    settings.save()
    post.grades.update(status=GradeStatus.RELEASED)
    page = BeautifulSoup(student_client.get(my_grade).content, "html.parser")
    notes = page.select_one("section[aria-labelledby=my-grade-notes]")
    assert text(notes.select_one("h2")) == "Comments on your footnotes"
    assert text(notes.select_one("dt")) == "Note 1: “Through Warsaw, as some say.”"
    assert text(notes.select_one("dd")) == comment, "the grader's words stay text"
    for reader in (Client(), member_client(course, Role.STUDENT)):
        assert "Which sources say so" not in reader.get(post.url).content.decode()


def test_a_note_changed_after_grading_shows_in_changed_since(course, unit, post, student):
    assignment(unit, points=10)
    client = member_client(course, Role.INSTRUCTOR)
    client.post(url(post), {"revision": post.latest_revision_id, "points": "8"})
    revision = post.get_latest_revision_as_object()
    notes = list(revision.footnotes.all())
    next(note for note in notes if note.uuid == ASIDE).text = "<p>Through Warsaw, as Taubman says.</p>"
    revision.footnotes = notes
    revision.save_revision(user=student)
    page = BeautifulSoup(client.get(url(post)).content, "html.parser")
    changed = page.select_one(".grading-changed")
    assert "removed: some" in text(changed) and "added: Taubman" in text(changed)
