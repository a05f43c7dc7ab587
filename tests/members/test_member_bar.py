"""The members' bar: public pages are the same HTML for every reader (no Wagtail userbar, nothing personal), and
carry an empty slot that seminar.js has members.js fill, only in a browser holding the member cookie, from the
uncached endpoint /me/bar/: the member's name, My courses, Write (in the unit being read), staff's Review N and
Comments N for their own courses, Edit this page for whoever may edit it, Log out."""

import pytest
from django.test import Client
from django_comments_xtd.models import XtdComment

from courses.models import Role
from courses.roles import enrol
from tests.comment_helpers import approved_comment
from tests.factories import UserFactory
from tests.review_helpers import submit

pytestmark = pytest.mark.django_db


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def bar(client, page=None):
    response = client.get("/me/bar/" + (f"?page={page.pk}" if page is not None else ""))
    assert response.status_code == 200 and "no-cache" in response["Cache-Control"]
    return response


@pytest.fixture
def student(course):
    user = UserFactory(username="marcus", first_name="Marcus", last_name="Hale")
    enrol(user, course, Role.STUDENT)
    return user


def test_a_stranger_gets_where_to_log_in_and_a_stale_member_cookie_goes(client):
    assert bar(client).json() == {"member": False, "login": "/accounts/login/"}
    client.cookies["seminar_member"] = "1"
    response = bar(client)
    assert response.cookies["seminar_member"].value == "" and response.cookies["seminar_member"]["max-age"] == 0


def test_a_student_reading_a_unit_writes_in_it(student, unit, make_post):
    state = bar(client_of(student), unit).json()
    assert state["member"] and state["name"] == "Marcus Hale" and state["home"] == "/me/"
    assert state["write"] == f"/admin/pages/add/blog/studentpostpage/{unit.pk}/"
    assert state["logout"] == "/accounts/logout/" and state["csrf"]
    assert state["edit"] is None and "review" not in state and "comments" not in state
    own, other = make_post(title="Mine", author=student), make_post(title="Theirs")
    assert bar(client_of(student), own).json()["edit"] == f"/admin/pages/{own.pk}/edit/"
    assert bar(client_of(student), other).json()["edit"] is None
    assert bar(client_of(student), other).json()["write"] == state["write"]


def test_the_member_cookie_is_restored_for_a_session_that_predates_it(student):
    client = client_of(student)
    assert bar(client).cookies["seminar_member"].value == "1"
    assert "seminar_member" not in bar(client).cookies  # already there: not sent again


def test_a_student_elsewhere_is_sent_home_to_pick_a_unit_and_a_guest_writes_nothing(student, course, second_unit):
    assert bar(client_of(student), second_unit).json()["write"] == "/me/#write"
    guest = UserFactory(username="guest")
    enrol(guest, course, Role.GUEST)
    assert bar(client_of(guest)).json()["write"] is None


def test_staff_counts_are_their_own_courses(course, unit, instructor, student, second_course, second_unit, make_post):
    submit(make_post(title="For review", author=student, publish=False), student)
    stranger = UserFactory(username="medievalist")
    enrol(stranger, second_course, Role.STUDENT)
    submit(make_post(title="Crusades", author=stranger, parent=second_unit, publish=False), stranger)
    post = make_post(title="Discussed")
    XtdComment.objects.filter(pk=approved_comment(post, text="Held").pk).update(is_public=False)
    other_post = make_post(title="Elsewhere", parent=second_unit)
    XtdComment.objects.filter(pk=approved_comment(other_post, text="Held too").pk).update(is_public=False)
    state = bar(client_of(instructor), unit).json()
    assert state["review"] == {"count": 1, "url": "/admin/reports/review/"}
    assert state["comments"] == {"count": 1, "url": "/admin/comments/"}
    assert state["edit"] == f"/admin/pages/{unit.pk}/edit/"
    assert state["write"] is None


def test_public_pages_are_the_same_html_for_every_reader(client, course, unit, instructor, student, make_post):
    post = make_post(title="Read by all", author=student)
    for page in (course, unit, post):
        seen = {client_of(who).get(page.url).content for who in (student, instructor)}
        seen.add(client.get(page.url).content)
        assert len(seen) == 1, f"{page.title}: the page differs between readers"
        html = seen.pop().decode()
        assert f'data-bar-url="/me/bar/?page={page.pk}"' in html
        assert "wagtail-userbar" not in html and "Marcus" not in html.partition("<main")[0]


@pytest.mark.parametrize("posts", [1, 5])
def test_the_bar_costs_the_same_however_many_posts(student, unit, make_post, posts, django_assert_num_queries):
    post = make_post(title="Commented", author=student)
    for number in range(posts):
        approved_comment(post, text=f"Comment {number}")
        submit(make_post(title=f"Draft {number}", author=student, publish=False), student)
    client = client_of(student)
    bar(client, post)
    with django_assert_num_queries(QUERIES):
        bar(client, post)


QUERIES = 11  # the session comes through the cache (cached_db)
