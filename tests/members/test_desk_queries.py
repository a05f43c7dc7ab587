"""The desk costs the same whatever a course holds: the dashboard of an instructor with 8 posts in review, 8 held
and 8 reported comments and 8 students behind on a unit takes as many queries as with 2 of each.

Wagtail's own "Awaiting your review" panel reads each post's workflow tasks with a query per post (Wagtail's
code, kept on the dashboard for its approve and request-changes buttons), so it is taken off the measured
dashboard; the desk itself is measured alone as well."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail import hooks

from members.desk import InstructorDesk
from tests.comment_helpers import approved_comment, held_comment
from tests.desk_helpers import dashboard, dated_unit, desk_of, flag, post, text
from tests.factories import member
from tests.review_helpers import submit

pytestmark = pytest.mark.django_db


def without_wagtails_review_panel(request, panels):
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") != "workflow_objects_to_moderate"]


@pytest.fixture
def grow(course):
    """grow(n): n more students, each with a post in review, a held and a reported comment, and a classmate who
    has handed nothing in for the unit due this week."""
    unit = dated_unit(course, "Thaw", timedelta(days=2))
    published = post(unit, member("Students", course=course, username="pavel"), "Published", publish=True)
    made = []

    def more(n):
        for _ in range(n):
            number = len(made)
            writer = member("Students", course=course, username=f"writer{number}")
            member("Students", course=course, username=f"idle{number}", first_name=f"Idle{number}")
            submit(post(unit, writer, f"In review {number}"), writer)
            held_comment(published, text=f"Held {number}")
            flag(approved_comment(published, text=f"Reported {number}"), by=writer)
            made.append(writer)

    return more


def count(client, instructor):
    dashboard(client)  # warm Wagtail's per-process caches
    with CaptureQueriesContext(connection) as whole:
        soup = dashboard(client)
    request = RequestFactory().get("/admin/")
    request.user = type(instructor).objects.get(pk=instructor.pk)  # nothing remembered from an earlier request
    with CaptureQueriesContext(connection) as desk:
        InstructorDesk().render_html({"request": request})
    return soup, len(whole), len(desk)


def test_the_dashboard_and_the_desk_cost_the_same_for_2_and_8_of_everything(course, grow, django_assert_num_queries):
    instructor = member("Instructors", course=course, username="anne")
    client = Client()
    client.force_login(instructor)
    with hooks.register_temporarily("construct_homepage_panels", without_wagtails_review_panel, order=1000):
        grow(2)
        soup, small, small_desk = count(client, instructor)
        assert "Awaiting review (2)" in text(desk_of(soup, course))
        grow(6)
        dashboard(client)
        with django_assert_num_queries(small):
            soup = dashboard(client)
        _, _, large_desk = count(client, instructor)
    section = text(desk_of(soup, course))
    assert "Awaiting review (8)" in section and "Awaiting moderation (8)" in section
    assert "Reported by readers (8)" in section and "nothing handed in yet from 8 students" in section
    assert small_desk == large_desk <= 10
