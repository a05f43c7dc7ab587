"""Course settings belong to a course, not to a Site: each course's instructors edit its own (Settings → Course
settings), and two courses under one catalogue each read their own rules on their public pages."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page

from blog.models import CourseSettings, NameStyle
from courses.models import Role
from courses.roles import enrol
from home.models import HomePage
from tests.factories import CourseUnitPageFactory, StudentPostPageFactory, UserFactory, member_client

pytestmark = pytest.mark.django_db
INDEX = "/admin/course_settings/"


def edit_url(course):
    return f"{INDEX}edit/{CourseSettings.for_course(course).pk}/"


def form_fields(**changes):
    return {"student_names": NameStyle.INITIAL, "max_links": 2, "blocklist": "", "close_after_days": "", **changes}


def test_an_instructor_lands_on_her_only_course_and_saves_its_settings(course):
    client = member_client(course, Role.INSTRUCTOR)
    response = client.get(INDEX, follow=True)
    assert response.redirect_chain[-1][0] == edit_url(course)
    assert "Students&#x27; names in public" in response.content.decode()
    response = client.post(edit_url(course), form_fields(student_names=NameStyle.FULL, max_links=5))
    assert response.status_code == 302
    assert CourseSettings.for_course(HomePage.objects.get(pk=course.pk)).max_links == 5


def test_another_course_settings_are_not_found(course, second_course):
    client = member_client(course, Role.INSTRUCTOR)
    assert client.get(edit_url(second_course)).status_code == 404
    assert client.post(edit_url(second_course), form_fields(max_links=9)).status_code == 404
    assert CourseSettings.for_course(HomePage.objects.get(pk=second_course.pk)).max_links == 2


def test_an_instructor_of_two_courses_chooses_from_a_list(course, second_course):
    client = member_client(course, Role.INSTRUCTOR)
    enrol(get_user_model().objects.get(pk=client.session["_auth_user_id"]), second_course, Role.INSTRUCTOR)
    html = client.get(INDEX).content.decode()
    assert edit_url(course) in html and edit_url(second_course) in html


@pytest.mark.parametrize("role", [Role.TA, Role.STUDENT, Role.GUEST])
def test_no_one_else_in_the_course_opens_them(course, role):
    client = member_client(course, role)
    assert "Course settings" not in client.get("/admin/").content.decode()
    assert client.get(edit_url(course)).status_code in (302, 403, 404)
    client.post(edit_url(course), form_fields(max_links=9))
    assert CourseSettings.for_course(HomePage.objects.get(pk=course.pk)).max_links == 2


def test_nobody_adds_or_deletes_course_settings(course):
    client = member_client(course, Role.INSTRUCTOR)
    assert client.get(f"{INDEX}new/").status_code in (302, 403)
    client.post(f"{INDEX}delete/{CourseSettings.for_course(course).pk}/")
    assert CourseSettings.objects.filter(course=course).exists()


@pytest.fixture
def two_courses_in_a_catalogue(catalogue):
    """Two courses under one shared site, each with a unit and a post by the same-named student."""
    author = UserFactory(first_name="Dana", last_name="Reyes")
    posts = []
    for slug, style in (("hist-255-spring-2027", NameStyle.FULL), ("hist-300-spring-2027", NameStyle.INITIAL)):
        home = HomePage(title=slug.upper(), slug=slug, term="Spring 2027")
        catalogue.add_child(instance=home)
        home.save_revision().publish()
        settings = CourseSettings.for_course(home)
        settings.student_names = style
        settings.save()
        unit = CourseUnitPageFactory(parent=home, title="Sources", live=False)
        unit.save_revision().publish()
        posts.append(StudentPostPageFactory(parent=unit, title=f"Notes for {slug}", author=author))
    return posts


def test_each_course_under_a_catalogue_names_students_its_own_way(two_courses_in_a_catalogue):
    full, initial = two_courses_in_a_catalogue
    client = Client(HTTP_HOST="seminar.example.edu")
    assert "Dana Reyes" in client.get(full.url).content.decode()
    html = client.get(initial.url).content.decode()
    assert "Dana R." in html and "Dana Reyes" not in html
    assert "seminar.example.edu/hist-255-spring-2027/sources/" in Page.objects.get(pk=full.pk).full_url
