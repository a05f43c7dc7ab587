"""Who reaches the Rubrics pages: a course's instructors edit its rubrics, its teaching assistants see the list but
change nothing, students and guests have no menu item and no page, another course's instructor never learns the
rubric exists (404), and site administrators see every course's."""

import pytest
from django.contrib.auth import get_user_model

from courses.models import Role
from courses.roles import enrol
from grading.models import Rubric
from tests.factories import member_client
from tests.grading_helpers import make_rubric

pytestmark = pytest.mark.django_db
INDEX = "/admin/rubrics/"


@pytest.fixture
def rubric(course):
    return make_rubric(course, title="Analysing a primary source")


def urls(rubric):
    return {
        "edit": f"{INDEX}edit/{rubric.pk}/",
        "delete": f"{INDEX}delete/{rubric.pk}/",
    }


def rename(client, rubric):
    client.post(urls(rubric)["edit"], {"course": rubric.course_id, "title": "Renamed"})
    client.post(urls(rubric)["delete"])
    return Rubric.objects.filter(pk=rubric.pk).values_list("title", flat=True).first()


def test_an_instructor_finds_rubrics_in_the_menu(course, rubric):
    client = member_client(course, Role.INSTRUCTOR)

    assert INDEX in client.get("/admin/").content.decode()
    html = client.get(INDEX).content.decode()
    assert urls(rubric)["edit"] in html and f"{INDEX}new/" in html


def test_a_teaching_assistant_sees_the_rubrics_but_changes_nothing(course, rubric):
    client = member_client(course, Role.TA)

    assert INDEX in client.get("/admin/").content.decode()
    html = client.get(INDEX).content.decode()
    assert "Analysing a primary source" in html
    assert urls(rubric)["edit"] not in html and f"{INDEX}new/" not in html
    assert client.get(urls(rubric)["edit"]).status_code in (302, 403, 404)
    assert client.get(f"{INDEX}new/").status_code in (302, 403)
    assert rename(client, rubric) == "Analysing a primary source"


@pytest.mark.parametrize("role", [Role.STUDENT, Role.GUEST])
def test_students_and_guests_have_no_rubrics(course, rubric, role):
    client = member_client(course, role)

    assert INDEX not in client.get("/admin/").content.decode()
    assert client.get(INDEX).status_code in (302, 403)
    assert client.get(urls(rubric)["edit"]).status_code in (302, 403, 404)
    assert rename(client, rubric) == "Analysing a primary source"


def test_another_course_s_instructor_neither_sees_nor_opens_the_rubric(course, second_course, rubric):
    client = member_client(second_course, Role.INSTRUCTOR)

    assert "Analysing a primary source" not in client.get(INDEX).content.decode()
    assert client.get(urls(rubric)["edit"]).status_code == 404
    assert client.get(urls(rubric)["delete"]).status_code == 404
    assert rename(client, rubric) == "Analysing a primary source"


def test_an_instructor_who_assists_elsewhere_edits_only_her_own_course_s_rubrics(course, second_course, rubric):
    client = member_client(second_course, Role.INSTRUCTOR)
    enrol(get_user_model().objects.get(pk=client.session["_auth_user_id"]), course, Role.TA)
    own = make_rubric(second_course, title="Chronicles")

    html = client.get(INDEX).content.decode()
    assert "Analysing a primary source" in html and urls(rubric)["edit"] not in html
    assert urls(own)["edit"] in html
    assert client.get(urls(rubric)["edit"]).status_code == 404


def test_a_site_administrator_sees_every_course_s_rubrics(site_admin_client, rubric, second_course):
    make_rubric(second_course, title="Chronicles")

    html = site_admin_client.get(INDEX).content.decode()
    assert "Analysing a primary source" in html and "Chronicles" in html
    assert site_admin_client.get(urls(rubric)["edit"]).status_code == 200
