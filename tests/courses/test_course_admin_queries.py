"""The admin's listings cost the same number of queries with two courses as with five: a site administrator's
course settings, enrolments, review list, moderation queue, participation report and the catalogue's explorer."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blog.models import CourseSettings
from courses.models import Role
from courses.roles import enrol
from home.models import HomePage
from tests.comment_helpers import held_comment
from tests.factories import CourseUnitPageFactory, StudentPostPageFactory, UserFactory
from tests.review_helpers import submit

pytestmark = pytest.mark.django_db


def add_course(catalogue, number):
    """A course under the catalogue with a unit, an instructor, a student, a post in review and a held comment."""
    home = HomePage(title=f"Course {number}", slug=f"course-{number}", term="Fall 2026")
    catalogue.add_child(instance=home)
    home.save_revision().publish()
    CourseSettings.for_course(home)
    unit = CourseUnitPageFactory(parent=home, title=f"Unit {number}", live=False)
    unit.save_revision().publish()
    enrol(UserFactory(username=f"teacher{number}"), home, Role.INSTRUCTOR)
    student = UserFactory(username=f"pupil{number}")
    enrol(student, home, Role.STUDENT)
    submit(StudentPostPageFactory(parent=unit, author=student, title=f"Draft {number}", publish=False), student)
    held_comment(StudentPostPageFactory(parent=unit, author=student, title=f"Post {number}"), f"Held {number}")
    return home


def listings(catalogue, first):
    return {
        "course settings": reverse("course_settings:index"),
        "enrolments": reverse("enrolments:index"),
        "review list": reverse("review_list"),
        "moderation queue": reverse("comment_moderation:index"),
        "participation": f"{reverse('participation_report')}?course={first.pk}",
        "explorer": reverse("wagtailadmin_explore", args=[catalogue.pk]),
    }


def count(client, url):
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def test_listings_do_not_grow_with_the_courses(site_admin_client, catalogue):
    first = add_course(catalogue, 0)
    add_course(catalogue, 1)
    few = {name: count(site_admin_client, url) for name, url in listings(catalogue, first).items()}
    for number in range(2, 5):
        add_course(catalogue, number)
    many = {name: count(site_admin_client, url) for name, url in listings(catalogue, first).items()}
    assert many == few
