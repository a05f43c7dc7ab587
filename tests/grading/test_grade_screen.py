"""Grading a post: an instructor chooses a level for each criterion of the unit's rubric (a TA gives points), writes
feedback, saves, and sees the score; an incomplete or impossible grade is a form error, never a 500; saving again
re-grades the latest version; a version saved by the student while the grader read the old one is refused."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import timezone
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from courses.models import Role
from grading.choices import GradeStatus
from grading.models import Grade
from grading.models.grades import FEEDBACK_FEATURES
from tests.factories import member_client
from tests.grading_helpers import *  # noqa: F403 (the due_unit fixture)
from tests.grading_helpers import assignment, level_named, make_grade, make_rubric

pytestmark = pytest.mark.django_db


def url(post):
    return f"/admin/grading/posts/{post.pk}/grade/"


def feedback(html):
    """The feedback as Draftail posts it: its content state as JSON."""
    return ContentstateConverter(FEEDBACK_FEATURES).from_database_format(html)


def rubric_data(post, rubric, chosen, **fields):
    """The form's data choosing, for each criterion title in `chosen`, the level of that title."""
    data = {"revision": post.latest_revision_id, "feedback": feedback("<p>Cite <i>Pravda</i> directly.</p>")}
    for criterion_title, level_title in chosen.items():
        level = level_named(rubric, criterion_title, level_title)
        data[f"criterion_{level.criterion_id}"] = level.pk
    return {**data, **fields}


@pytest.fixture
def post(make_post, student):
    return make_post(title="The Illusion of Khrushchev", author=student)


@pytest.fixture
def rubric(course, unit):
    rubric = make_rubric(course)
    assignment(unit, rubric=rubric)
    return rubric


def test_an_instructor_grades_with_the_rubric_and_sees_the_score(course, post, rubric):
    client = member_client(course, Role.INSTRUCTOR, first_name="Anne", last_name="Whitaker")
    html = client.get(url(post)).content.decode()
    assert "The Illusion of Khrushchev" in html and "Dana Reyes" in html and "Khrushchev and the Thaw" in html
    assert "Use of sources" in html and "Excellent</strong>, 4 points" in html and "out of 10 points" in html

    response = client.post(url(post), rubric_data(post, rubric, {"Use of sources": "Good", "Argument": "Adequate"}))

    assert response.status_code == 302
    html = client.get(response.url).content.decode()
    assert "Grade saved as a draft: 6 / 10." in html and "Score: 6 / 10" in html and "Graded by Anne Whitaker" in html
    grade = Grade.objects.get(post=post)
    assert grade.revision_id == post.latest_revision_id and grade.status == GradeStatus.DRAFT
    assert "Cite <i>Pravda</i> directly.</p>" in grade.feedback and grade.raw_score == 6
    checked = {radio["name"]: radio["value"] for radio in BeautifulSoup(html, "html.parser").select("input[checked]")}
    adequate = level_named(rubric, "Argument", "Adequate")
    assert checked[f"criterion_{adequate.criterion_id}"] == str(adequate.pk)  # the form shows the grade given


def test_a_teaching_assistant_grades_by_points(course, unit, post):
    assignment(unit, points=20)
    client = member_client(course, Role.TA)

    response = client.post(url(post), {"revision": post.latest_revision_id, "points": "17.5"}, follow=True)

    assert "Grade saved as a draft: 17.5 / 20." in response.content.decode()
    assert Grade.objects.get(post=post).points == Decimal("17.5")


def test_more_points_than_the_unit_is_out_of_are_refused(course, unit, post):
    assignment(unit, points=20)

    response = member_client(course, Role.INSTRUCTOR).post(
        url(post), {"revision": post.latest_revision_id, "points": "21"}
    )

    assert response.status_code == 400
    assert "At most 20 points: the unit is graded out of 20." in response.content.decode()
    assert not Grade.objects.exists()


def test_every_criterion_must_be_scored(course, post, rubric):
    data = rubric_data(post, rubric, {"Use of sources": "Good"})

    response = member_client(course, Role.INSTRUCTOR).post(url(post), data)

    assert response.status_code == 400
    assert "Choose a level for “Argument”: every criterion must be scored." in response.content.decode()
    assert not Grade.objects.exists()


@pytest.mark.parametrize("level", ["another rubric", "another criterion", "not a number"])
def test_a_level_that_is_not_the_criterion_s_own_is_a_form_error(course, second_course, post, rubric, level):
    other = make_rubric(second_course)
    data = rubric_data(post, rubric, {"Use of sources": "Good", "Argument": "Adequate"})
    argument = f"criterion_{level_named(rubric, 'Argument', 'Adequate').criterion_id}"
    data[argument] = {
        "another rubric": level_named(other, "Argument", "Excellent").pk,
        "another criterion": level_named(rubric, "Use of sources", "Weak").pk,
        "not a number": "'; DROP TABLE",
    }[level]

    response = member_client(course, Role.INSTRUCTOR).post(url(post), data)

    assert response.status_code == 400
    assert "Choose one of the levels of “Argument”" in response.content.decode()
    assert not Grade.objects.exists()


def test_feedback_that_is_not_the_editor_s_is_a_form_error(course, unit, post):
    assignment(unit, points=20)
    data = {"revision": post.latest_revision_id, "points": "10", "feedback": "<script>{not json"}

    response = member_client(course, Role.INSTRUCTOR).post(url(post), data)

    assert response.status_code == 400
    assert "The feedback could not be read" in response.content.decode()


def test_grading_again_re_pins_the_latest_version_and_replaces_the_scores(course, post, rubric, student):
    client = member_client(course, Role.INSTRUCTOR)
    client.post(url(post), rubric_data(post, rubric, {"Use of sources": "Good", "Argument": "Adequate"}))
    first = Grade.objects.get(post=post).revision_id
    post.title = "The Illusion of Khrushchev (revised)"
    post.save_revision(user=student)
    post.refresh_from_db()

    response = client.post(
        url(post), rubric_data(post, rubric, {"Use of sources": "Excellent", "Argument": "Excellent"})
    )

    assert response.status_code == 302
    grade = Grade.objects.get(post=post)
    assert grade.revision_id == post.latest_revision_id != first
    assert grade.raw_score == 10 and grade.scores.count() == 2


def test_a_version_saved_while_the_grader_read_the_old_one_is_refused(course, unit, post, student):
    assignment(unit, points=20)
    client = member_client(course, Role.INSTRUCTOR)
    read = post.latest_revision_id
    post.body = [("paragraph_block", "<p>A sentence added after the grader opened the post.</p>")]
    post.save_revision(user=student)
    post.refresh_from_db()

    response = client.post(url(post), {"revision": read, "points": "15"})

    html = response.content.decode()
    assert response.status_code == 409
    assert "The student saved a newer version while you were grading: reload to grade it." in html
    assert "A sentence added after the grader opened the post." in html
    assert not Grade.objects.exists()
    assert f'value="{post.latest_revision_id}"' in html and 'value="15"' in html  # kept; saving grades the newer one


def test_a_grade_saved_after_the_unit_s_release_is_released_and_emailed_once(
    course, unit, post, django_capture_on_commit_callbacks
):
    assignment(unit, points=20, grades_released_at=timezone.now())
    client = member_client(course, Role.INSTRUCTOR)
    assert "the grade you save here is released to the student at once" in client.get(url(post)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(post), {"revision": post.latest_revision_id, "points": "12"}, follow=True)
        client.post(url(post), {"revision": post.latest_revision_id, "points": "13"})  # re-graded: no second email

    assert "Grade released to the student: 12 / 20." in response.content.decode()
    assert Grade.objects.get(post=post).status == GradeStatus.RELEASED
    (message,) = mail.outbox
    assert message.to == [post.author.email] and "12 / 20" not in message.body


@pytest.mark.parametrize("saved", [False, True])
def test_a_unit_with_no_grading_says_so_and_links_to_its_settings(course, unit, post, saved):
    if saved:  # saved with neither points nor a rubric
        assignment(unit)
    client = member_client(course, Role.INSTRUCTOR)

    html = client.get(url(post)).content.decode()

    assert "This unit has no grading settings yet" in html and f"/admin/grading/units/{unit.pk}/" in html
    assert 'name="feedback"' not in html
    assert client.post(url(post), {"revision": post.latest_revision_id, "points": "3"}).status_code == 400


def test_the_score_shows_the_late_penalty(course, unit, post, instructor):
    assignment(unit, points=10)
    make_grade(post, instructor, points=Decimal("7"), penalty_percent=Decimal("10"))

    html = member_client(course, Role.INSTRUCTOR).get(url(post)).content.decode()

    assert "Score: 7 / 10, less 10% late penalty = 6.30" in html
