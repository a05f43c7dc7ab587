"""Releasing a unit's grades: its instructor sees "Release 2 grades to students" on the unit's Grading settings,
confirms, and every draft grade of the unit is released at once; each student is emailed once, with a link to their
home but neither the score nor the feedback (an email can be forwarded). Releasing again emails only the students
whose grades were still drafts. Teaching assistants see the count but cannot release; students are refused; another
course's instructor gets a 404."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from courses.models import Role
from grading.models import AssignmentSettings, Grade, GradeStatus
from grading.release import notify_released
from tests.factories import CourseUnitPageFactory, StudentPostPageFactory, member, member_client
from tests.grading_helpers import assignment, make_grade

pytestmark = pytest.mark.django_db

RELEASED_AT = timezone.make_aware(datetime(2027, 3, 10, 9, 0))
FEEDBACK = "<p>Cite <i>Pravda</i> itself, not the textbook.</p>"


def settings_url(unit):
    return f"/admin/grading/units/{unit.pk}/"


def release_url(unit):
    return f"/admin/grading/units/{unit.pk}/release/"


def student(course, name):
    return member("Students", course=course, username=name, first_name=name.title(), email=f"{name}@example.edu")


def graded(unit, author, points="7.5", **fields):
    post = StudentPostPageFactory(parent=unit, title=f"{author.first_name}'s post", author=author)
    return make_grade(post, points=Decimal(points), feedback=FEEDBACK, **fields)


@pytest.fixture
def drafts(course, unit):
    """The unit graded out of 10, with two draft grades: Dana's and Ivan's."""
    assignment(unit, points=10)
    return [graded(unit, student(course, "dana")), graded(unit, student(course, "ivan"))]


def release(client, unit, capture):
    with capture(execute=True):
        return client.post(release_url(unit), follow=True)


def statuses(grades):
    return [Grade.objects.get(pk=grade.pk).status for grade in grades]


def test_the_instructor_sees_the_count_confirms_and_releases(course, unit, drafts, django_capture_on_commit_callbacks):
    client = member_client(course, Role.INSTRUCTOR)

    page = client.get(settings_url(unit)).content.decode()
    assert "2 draft grades: students see none of them" in page
    assert f'href="{release_url(unit)}" class="button">Release 2 grades to students<' in page
    confirm = client.get(release_url(unit)).content.decode()
    assert "Release 2 grades of “Khrushchev and the Thaw” to students?" in confirm
    assert f'<form method="post" action="{release_url(unit)}">' in confirm
    assert statuses(drafts) == [GradeStatus.DRAFT] * 2  # looking releases nothing

    before = timezone.now()
    response = release(client, unit, django_capture_on_commit_callbacks)

    html = response.content.decode()
    assert "2 grades of “Khrushchev and the Thaw” released to students; each student is emailed." in html
    assert "Nothing to release: no draft grade in this unit." in html
    assert statuses(drafts) == [GradeStatus.RELEASED] * 2
    assert before <= AssignmentSettings.objects.get(unit=unit).grades_released_at <= timezone.now()
    assert sorted(message.to for message in mail.outbox) == [["dana@example.edu"], ["ivan@example.edu"]]


def test_the_email_links_home_and_holds_no_score_and_no_feedback(
    course, unit, drafts, django_capture_on_commit_callbacks
):
    release(member_client(course, Role.INSTRUCTOR), unit, django_capture_on_commit_callbacks)

    message = next(message for message in mail.outbox if message.to == ["dana@example.edu"])
    assert message.subject == 'Your grade for "Khrushchev and the Thaw" is released'
    assert 'the grades for "Khrushchev and the Thaw" in Soviet History' in message.body
    assert "Dana's post" in message.body and "Ivan's post" not in message.body
    assert "http://localhost/me/" in message.body
    for secret in ("7.5", "7.50", "/ 10", "Pravda", "textbook"):
        assert secret not in message.body and secret not in message.subject


def test_links_are_on_the_course_s_own_site(second_course, second_unit, django_capture_on_commit_callbacks):
    assignment(second_unit, points=10)
    graded(second_unit, student(second_course, "odo"))

    release(member_client(second_course, Role.INSTRUCTOR), second_unit, django_capture_on_commit_callbacks)

    (message,) = mail.outbox
    assert "http://medieval.example.edu/me/" in message.body


def test_releasing_again_emails_only_the_newly_released(course, unit, drafts, django_capture_on_commit_callbacks):
    client = member_client(course, Role.INSTRUCTOR)
    release(client, unit, django_capture_on_commit_callbacks)
    late = graded(unit, student(course, "mira"))
    mail.outbox.clear()

    html = release(client, unit, django_capture_on_commit_callbacks).content.decode()

    assert "1 grade of “Khrushchev and the Thaw” released to students" in html
    assert [message.to for message in mail.outbox] == [["mira@example.edu"]]
    assert statuses([late]) == [GradeStatus.RELEASED]
    mail.outbox.clear()
    html = release(client, unit, django_capture_on_commit_callbacks).content.decode()
    assert "Nothing to release: “Khrushchev and the Thaw” has no draft grade." in html and not mail.outbox


def test_a_student_with_two_posts_in_the_unit_gets_one_email(course, unit, django_capture_on_commit_callbacks):
    assignment(unit, points=10)
    dana = student(course, "dana")
    graded(unit, dana)
    second = StudentPostPageFactory(parent=unit, title="A second thought", author=dana)
    make_grade(second, points=Decimal("6"))

    release(member_client(course, Role.INSTRUCTOR), unit, django_capture_on_commit_callbacks)

    (message,) = mail.outbox
    assert "Dana's post" in message.body and "A second thought" in message.body


def test_only_this_unit_s_drafts_are_released(course, unit, drafts, django_capture_on_commit_callbacks):
    other_unit = CourseUnitPageFactory(parent=course, title="Stalin and Stalinism")
    assignment(other_unit, points=10)
    other = graded(other_unit, student(course, "lena"))

    release(member_client(course, Role.INSTRUCTOR), unit, django_capture_on_commit_callbacks)

    assert statuses([other]) == [GradeStatus.DRAFT]
    assert "lena@example.edu" not in [message.to[0] for message in mail.outbox]


def test_a_unit_without_grading_settings_has_nothing_to_release(course, unit, django_capture_on_commit_callbacks):
    client = member_client(course, Role.INSTRUCTOR)

    assert "Nothing to release: no draft grade in this unit." in client.get(settings_url(unit)).content.decode()
    assert "Nothing to release" in client.get(release_url(unit)).content.decode()
    html = release(client, unit, django_capture_on_commit_callbacks).content.decode()
    assert "Nothing to release: “Khrushchev and the Thaw” has no draft grade." in html
    assert not AssignmentSettings.objects.filter(unit=unit).exists() and not mail.outbox


def test_a_teaching_assistant_sees_the_count_but_cannot_release(
    course, unit, drafts, django_capture_on_commit_callbacks
):
    client = member_client(course, Role.TA)

    page = client.get(settings_url(unit)).content.decode()
    assert "2 draft grades" in page and "The course's instructors release them." in page
    assert release_url(unit) not in page
    assert client.get(release_url(unit)).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(release_url(unit)).status_code == 403
    assert statuses(drafts) == [GradeStatus.DRAFT] * 2 and not mail.outbox


@pytest.mark.parametrize("role", [Role.STUDENT, Role.GUEST])
def test_students_and_guests_are_refused(course, unit, drafts, role):
    client = member_client(course, role)

    assert client.get(release_url(unit)).status_code == 302
    assert client.post(release_url(unit)).status_code == 302
    assert statuses(drafts) == [GradeStatus.DRAFT] * 2


def test_another_course_s_instructor_gets_a_404(course, second_course, unit, drafts):
    client = member_client(second_course, Role.INSTRUCTOR)

    assert client.get(release_url(unit)).status_code == 404
    assert client.post(release_url(unit)).status_code == 404
    assert statuses(drafts) == [GradeStatus.DRAFT] * 2


def test_a_site_administrator_releases_any_course_s_grades(
    site_admin_client, unit, drafts, django_capture_on_commit_callbacks
):
    response = release(site_admin_client, unit, django_capture_on_commit_callbacks)

    assert "2 grades of “Khrushchev and the Thaw” released" in response.content.decode()
    assert len(mail.outbox) == 2


def test_a_grade_released_later_by_the_grading_screen_emails_its_student(
    course, unit, django_capture_on_commit_callbacks
):
    """The grading screen releases a grade saved after the unit's release and calls notify_released for it."""
    assignment(unit, points=10, grades_released_at=RELEASED_AT)
    grade = graded(unit, student(course, "dana"), status=GradeStatus.RELEASED)

    with django_capture_on_commit_callbacks(execute=True):
        notify_released([grade])

    (message,) = mail.outbox
    assert message.to == ["dana@example.edu"] and "7.5" not in message.body


def test_no_email_without_an_address_or_an_author(course, unit, django_capture_on_commit_callbacks):
    assignment(unit, points=10)
    silent = member("Students", course=course, username="silent", email="")
    graded(unit, silent)
    make_grade(StudentPostPageFactory(parent=unit, author=None), points=Decimal("5"))

    response = release(member_client(course, Role.INSTRUCTOR), unit, django_capture_on_commit_callbacks)

    assert "2 grades of “Khrushchev and the Thaw” released" in response.content.decode() and not mail.outbox


@pytest.mark.parametrize("size", [1, 5])
def test_releasing_costs_the_same_for_more_grades(course, unit, size, django_assert_num_queries):
    assignment(unit, points=10)
    for number in range(size):
        graded(unit, student(course, f"student{number}"))
    client = member_client(course, Role.INSTRUCTOR)
    client.get(settings_url(unit))  # warm per-process caches

    with django_assert_num_queries(RELEASE_QUERIES):
        assert client.post(release_url(unit)).status_code == 302  # the emails are sent after the commit


RELEASE_QUERIES = 14  # the session read through the cache (cached_db)
