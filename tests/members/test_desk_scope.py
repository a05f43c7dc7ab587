"""Whose desk shows what: a course's staff see their current courses only, nothing of another course; site
administrators see every current course; students and guests see no desk."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from courses.models import Role
from home.models import HomePage
from tests.desk_helpers import build_course, dashboard, desk_of, text
from tests.factories import member_client, site_administrator

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_courses(course, second_course):
    """Soviet History and Medieval Europe, each with its own staff, students, posts and comments."""
    return build_course(course, ""), build_course(second_course, "Crusade")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_nothing_of_another_course_reaches_an_instructor(course, second_course, two_courses):
    soviet, _ = two_courses
    soup = dashboard(logged_in(soviet["instructor"]))
    assert desk_of(soup, course) is not None
    assert desk_of(soup, second_course) is None
    # No post, unit, student or comment of Medieval Europe anywhere on the dashboard.
    assert "Crusade" not in soup.get_text()
    assert "Medieval Europe" not in soup.get_text()
    assert text(desk_of(soup, course).select_one(".seminar-desk__summary")).startswith(
        "4 students · 1 post published · 2 comments"
    )


def test_each_course_counts_only_its_own(course, second_course, two_courses):
    _, medieval = two_courses
    section = desk_of(dashboard(logged_in(medieval["instructor"])), second_course)
    assert section.find("h2").get_text(strip=True) == "Medieval Europe · Fall 2026"
    assert "Awaiting review (2)" in text(section) and "Awaiting moderation (2)" in text(section)
    assert "Dana CrusadeDanason" in text(section) and "CrusadeLate post" in text(section)
    assert "Dana Danason" not in text(section) and "Late post" not in text(section).replace("CrusadeLate post", "")


def test_a_site_administrator_sees_every_current_course_and_no_past_one(course, second_course, two_courses):
    past = HomePage(title="Ancient Rome", slug="ancient-rome", term="Fall 2020", term_ends=timezone.localdate())
    course.get_parent().add_child(instance=past)
    HomePage.objects.filter(pk=past.pk).update(term_ends=timezone.localdate() - timedelta(days=1))
    HomePage.objects.filter(pk=second_course.pk).update(archived_at=timezone.now())
    soup = dashboard(logged_in(site_administrator()))
    assert desk_of(soup, course) is not None
    assert desk_of(soup, second_course) is None  # archived
    assert desk_of(soup, past) is None  # its term has ended
    HomePage.objects.filter(pk=second_course.pk).update(archived_at=None)
    assert desk_of(dashboard(logged_in(site_administrator())), second_course) is not None


def test_an_instructor_keeps_the_desk_of_an_ended_term_until_the_course_is_archived(course, two_courses):
    soviet, _ = two_courses
    HomePage.objects.filter(pk=course.pk).update(term_ends=timezone.localdate() - timedelta(days=1))
    assert desk_of(dashboard(logged_in(soviet["instructor"])), course) is not None  # late posts, grading
    HomePage.objects.filter(pk=course.pk).update(archived_at=timezone.now())
    assert desk_of(dashboard(logged_in(soviet["instructor"])), course) is None


@pytest.mark.parametrize("role", [Role.STUDENT, Role.GUEST])
def test_students_and_guests_see_no_desk(course, two_courses, role):
    response = member_client(course, role).get("/admin/", follow=True)
    html = response.content.decode()
    assert "seminar-desk" not in html
    assert "Late post" not in html and "Awaiting moderation" not in html
