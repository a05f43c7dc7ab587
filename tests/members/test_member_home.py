"""A member's home (/me/), where everyone lands after logging in: their courses (running terms first, archived
apart), each unit with its due date, "Write a post" for it in one click, and the state of their own posts there
(draft, submitted, changes requested with the instructor's comment in full, published with its link, late) with
its grade once released (never a draft grade); the replies to their comments and their comments awaiting
moderation."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from blog.models import CourseUnitPage
from courses.models import Role
from courses.roles import enrol
from grading.models import CriterionScore, Extension, GradeStatus
from home.templatetags.seminar_tags import iso_datetime
from tests.comment_helpers import approved_comment
from tests.factories import CourseUnitPageFactory, UserFactory
from tests.grading_helpers import assignment, level_named, make_grade, make_rubric
from tests.review_helpers import request_changes, submit
from tests.xss_corpus import PAYLOADS, assert_inert, marker

pytestmark = pytest.mark.django_db


@pytest.fixture
def student(course):
    user = UserFactory(username="marcus", first_name="Marcus", last_name="Hale")
    enrol(user, course, Role.STUDENT)
    return user


@pytest.fixture
def student_client(student):
    client = Client()
    client.force_login(student)
    return client


def home_html(client):
    response = client.get("/me/")
    assert response.status_code == 200
    return response.content.decode()


def unit_block(html, unit):
    return re.search(rf'<li class="member-unit" id="unit-{unit.pk}">.*?\n        </li>', html, re.S).group()


def test_logging_in_lands_on_the_home_and_logging_out_ends_the_member_cookie(student):
    client = Client()
    response = client.post("/accounts/login/", {"username": "marcus", "password": "correct horse battery staple"})
    assert response.status_code == 302 and response["Location"] == "/me/"
    assert client.cookies["seminar_member"].value == "1"
    assert not client.cookies["seminar_member"]["httponly"]
    html = home_html(client)
    assert "<h1>My courses</h1>" in html and "Logged in as <strong>Marcus Hale</strong>" in html
    assert 'action="/accounts/logout/"' in html and 'href="/admin/account/"' in html
    client.post("/accounts/logout/")
    assert client.cookies["seminar_member"].value == ""  # deleted
    assert client.get("/me/")["Location"].startswith("/accounts/login/?next=/me/")


def test_each_unit_offers_write_a_post_in_one_click(student_client, course, unit):
    html = home_html(student_client)
    assert "Soviet History" in html and "Spring 2017 · Student" in html
    block = unit_block(html, unit)
    assert f'href="/admin/pages/add/blog/studentpostpage/{unit.pk}/"' in block
    assert ">Write a post<" in block
    editor = student_client.get(f"/admin/pages/add/blog/studentpostpage/{unit.pk}/")
    assert editor.status_code == 200  # the editor opens on a new post in that unit


def test_the_state_of_each_own_post_is_shown(student_client, student, instructor, course, unit, make_post):
    draft = make_post(title="My draft", author=student, publish=False)
    submitted = make_post(title="In review", author=student, publish=False)
    submit(submitted, student)
    revise = make_post(title="Needs work", author=student, publish=False)
    submit(revise, student)
    request_changes(revise, instructor, "Cite the 1956 speech itself.\n\nAnd say what the Thaw changed for writers.")
    published = make_post(title="Out there", author=student)
    make_post(title="Someone else's", author=UserFactory(), publish=False)
    block = unit_block(home_html(student_client), unit)
    assert re.search(r"My draft</span>\s*<span class=\"member-status\">Draft<", block)
    assert re.search(r"In review</span>\s*<span class=\"member-status\">Submitted for review<", block)
    assert re.search(r"Needs work</span>\s*<span class=\"member-status\">Changes requested<", block)
    assert "Anne Whitaker asked for changes" in block
    assert "<p>Cite the 1956 speech itself.</p>" in block and "And say what the Thaw changed for writers." in block
    assert re.search(r"Out there</span>\s*<span class=\"member-status\">Published<", block)
    assert f'href="{published.url}">Read it' in block
    assert f'href="/admin/pages/{draft.pk}/edit/">Edit' in block and f'/admin/pages/{revise.pk}/edit/">Revise' in block
    assert "Someone else" not in block


def test_late_work_is_marked(student_client, student, course, unit, make_post):
    unit.due_date = timezone.now() - timedelta(days=2)
    unit.save_revision().publish()
    quiet = CourseUnitPageFactory(parent=course, title="Stalin and Stalinism", live=False)
    quiet.due_date = timezone.now() - timedelta(days=1)
    quiet.save_revision().publish()
    make_post(title="After the deadline", author=student)
    html = home_html(student_client)
    assert re.search(
        r"After the deadline</span>\s*<span class=\"member-status\">Published</span> <span class=\"member-late\">Late<",
        unit_block(html, unit),
    )
    assert "Late: nothing submitted yet" in unit_block(html, CourseUnitPage.objects.get(pk=quiet.pk))
    assert "Late: nothing submitted yet" not in unit_block(html, unit)


def test_current_courses_first_and_archived_ones_apart(student, student_client, course, second_course):
    enrol(student, second_course, Role.STUDENT)
    second_course.archived_at = timezone.now()
    second_course.save(update_fields=["archived_at"])
    html = home_html(student_client)
    current, _, past = html.partition("Archived courses")
    assert "Soviet History" in current and "Medieval Europe" not in current
    assert "Medieval Europe" in past and "Fall 2026 · Student · archived" in past
    assert "Write a post" not in past  # an archived course takes no new posts


def test_a_course_whose_term_ended_still_takes_posts_after_the_running_ones(
    student, student_client, course, second_course
):
    course.term_ends = timezone.localdate() - timedelta(days=30)
    course.save(update_fields=["term_ends"])
    enrol(student, second_course, Role.STUDENT)
    html = home_html(student_client).partition("<main")[2]
    assert "Archived courses" not in html
    assert html.index("Medieval Europe") < html.index("Soviet History")  # the running term first
    assert html.count("Write a post") == 0  # neither has a unit yet
    CourseUnitPageFactory(parent=course, title="Late thoughts").save_revision().publish()
    assert 'Write a post<span class="visually-hidden"> for Late thoughts' in home_html(student_client)


def test_a_course_the_member_left_is_not_listed(student, student_client, second_course):
    enrolment = enrol(student, second_course, Role.STUDENT)
    enrolment.end()
    assert "Medieval Europe" not in home_html(student_client)


def test_guests_and_staff_see_their_courses_without_write(course, unit, instructor_client):
    guest = UserFactory(username="guest")
    enrol(guest, course, Role.GUEST)
    client = Client()
    client.force_login(guest)
    html = home_html(client)
    assert "Soviet History" in html and "Spring 2017 · Guest" in html and "Write a post" not in html
    assert "Your desk" not in html
    html = home_html(instructor_client)
    assert "Spring 2017 · Instructor" in html and "Write a post" not in html
    assert '<a href="/admin/">Your desk: reviews, comments, due dates</a>' in html


def test_replies_to_their_comments_and_their_held_comments(student, student_client, make_post):
    post = make_post(title="The secret speech")
    mine = approved_comment(post, text="Khrushchev spoke for four hours.", user=student)
    approved_comment(post, text="And the hall was silent.", parent=mine, user=UserFactory(first_name="Priya"))
    approved_comment(post, text="A comment of someone else's, not a reply.")
    XtdComment.objects.filter(pk=approved_comment(post, text="Still waiting.", user=student).pk).update(is_public=False)
    html = home_html(student_client)
    replies = html.partition('id="replies-heading"')[2].partition('id="held-heading"')[0]
    held = html.partition('id="held-heading"')[2]
    assert "Priya" in replies and "And the hall was silent." in replies and "The secret speech" in replies
    assert "someone else" not in replies
    assert "Still waiting." in held and "Still waiting." not in replies


def test_the_home_is_personal_and_never_cached(student_client):
    response = student_client.get("/me/")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()


@pytest.mark.parametrize("size", [1, 6])
def test_the_home_costs_the_same_for_more_work(
    student, student_client, instructor, course, make_post, size, django_assert_num_queries
):
    for number in range(size):
        unit = CourseUnitPageFactory(parent=course, title=f"Unit {number}", live=False)
        unit.save_revision().publish()
        make_post(title=f"Post {number}", author=student, parent=unit)
        revise = make_post(title=f"Revise {number}", author=student, parent=unit, publish=False)
        submit(revise, student)
        request_changes(revise, instructor, "More sources.")
        approved_comment(make_post(title=f"Other {number}", parent=unit), text="Hm.", user=student)
    home_html(student_client)  # warm per-process caches
    with django_assert_num_queries(QUERIES):
        home_html(student_client)


QUERIES = 15  # 14, and one for the released grades of their posts (the session comes through the cache)


@pytest.mark.parametrize("size", [1, 6])
def test_released_grades_cost_the_same_for_more_posts(
    student, student_client, instructor, course, make_post, size, django_assert_num_queries
):
    rubric = make_rubric(course)
    good = level_named(rubric, "Use of sources", "Good")
    for number in range(size):
        unit = CourseUnitPageFactory(parent=course, title=f"Unit {number}", live=False)
        unit.save_revision().publish()
        assignment(unit, rubric=rubric)
        grade = make_grade(make_post(title=f"Post {number}", author=student, parent=unit), instructor)
        grade.status = GradeStatus.RELEASED
        grade.save()
        CriterionScore.objects.create(grade=grade, criterion=good.criterion, level=good)
        make_grade(make_post(title=f"Draft {number}", author=student, parent=unit), instructor, points=Decimal("2"))
    html = home_html(student_client)  # warm per-process caches
    assert html.count("Grade: 3 / 10") == size
    with django_assert_num_queries(QUERIES + 3):  # the units' settings, their rubrics' criteria and levels
        home_html(student_client)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_titles_names_and_comments_are_only_text_on_the_home(
    student, student_client, instructor, unit, make_post, payload
):
    """A post title, an instructor's request for changes, a replier's name and comments, all hostile."""
    revise = make_post(title=payload[:255], author=student, publish=False)
    submit(revise, student)
    request_changes(revise, instructor, payload)
    post = make_post(title="Discussed")
    mine = approved_comment(post, text=payload, user=student)
    approved_comment(
        post, text=payload, parent=mine, user=UserFactory(first_name=payload[:50])
    )  # a comment name holds 50
    html = home_html(student_client)
    assert marker(payload) in html
    assert_inert(html, payload, "the member's home")
    state = student_client.get(f"/me/bar/?page={revise.pk}")
    assert state.status_code == 200 and state["Content-Type"] == "application/json"


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999999999999999999999", "1%00", "１２"])
def test_the_bar_takes_any_page_parameter_without_an_error(student_client, page):
    assert student_client.get(f"/me/bar/?page={page}").json()["member"] is True


def test_an_extension_moves_the_students_due_date_and_late_marks(student, student_client, course, unit, make_post):
    unit.due_date = timezone.now() - timedelta(days=2)
    unit.save_revision().publish()
    make_post(title="Within my extension", author=student)
    assert "Late" in unit_block(home_html(student_client), unit)
    extended = timezone.now() + timedelta(days=1)
    Extension.objects.create(unit=unit, student=student, due_date=extended)
    block = unit_block(home_html(student_client), unit)
    assert "(your extension)" in block and f'datetime="{iso_datetime(extended)}"' in block
    assert "Late" not in block


def test_a_released_grade_is_on_the_home_and_a_draft_one_is_not(
    student, student_client, instructor, course, unit, make_post
):
    assignment(unit, points=10)
    released = make_post(title="Graded and released", author=student)
    make_grade(released, instructor, points=Decimal("8"), status=GradeStatus.RELEASED, feedback="<p>Sources!</p>")
    late = make_post(title="Late but graded", author=student)
    make_grade(late, instructor, points=Decimal("8"), status=GradeStatus.RELEASED, penalty_percent=Decimal("10"))
    draft = make_post(title="Graded, not released", author=student)
    make_grade(draft, instructor, points=Decimal("9.5"), feedback="<p>Secret draft feedback.</p>")

    block = unit_block(home_html(student_client), unit)

    assert re.search(r"Graded and released</span>.*?Grade: 8 / 10 <a", block, re.S)
    assert "Grade: 8 / 10, less 10% late penalty: 7.20" in block
    assert f'href="/admin/grading/posts/{released.pk}/my-grade/">See your grade and feedback' in block
    assert block.count("See your grade and feedback") == 2
    assert "9.5" not in block and "Secret" not in block and "Sources!" not in block  # feedback is on the grade page
    assert f"/admin/grading/posts/{draft.pk}/" not in block
    response = student_client.get(f"/admin/grading/posts/{released.pk}/my-grade/")
    assert response.status_code == 200 and "<p>Sources!</p>" in response.content.decode()
