"""The course catalogue of a shared site: its courses by term, current terms first, past terms (ended) below, each
with its instructors and units; drafts left out; the same number of queries for two courses and for six."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from home.models import HomePage
from tests.factories import CourseUnitPageFactory

pytestmark = pytest.mark.django_db
TODAY = date.today()


def add_course(catalogue, title, term, ends, units=(), live=True):
    course = HomePage(title=title, slug=title.lower().replace(" ", "-"), term=term, instructor_names="Prof. Novak")
    course.term_starts, course.term_ends, course.live = ends - timedelta(days=100), ends, live
    catalogue.add_child(instance=course)
    if live:
        course.save_revision().publish()
    for unit in units:
        CourseUnitPageFactory(parent=course, title=unit, live=False).save_revision().publish()
    return course


def read(client):
    return client.get("/").content.decode()


def test_current_terms_first_past_terms_below(catalogue):
    add_course(catalogue, "Medieval Europe", "Fall 2026", TODAY + timedelta(days=30), ["The Crusades"])
    add_course(catalogue, "Soviet History", "Spring 2017", date(2017, 5, 12), ["Stalin and Stalinism"])
    add_course(catalogue, "Unfinished", "Fall 2026", TODAY + timedelta(days=30), live=False)
    html = read(Client(HTTP_HOST="seminar.example.edu"))
    assert html.index("Fall 2026") < html.index("Medieval Europe") < html.index("Past terms") < html.index("Soviet")
    assert "The Crusades" in html and "Stalin and Stalinism" in html and "Taught by Prof. Novak" in html
    assert "Unfinished" not in html


def test_queries_do_not_grow_with_the_courses(catalogue):
    client = Client(HTTP_HOST="seminar.example.edu")
    for number in range(2):
        add_course(catalogue, f"Course {number}", "Fall 2026", TODAY + timedelta(days=30), ["A unit"])
    read(client)
    with CaptureQueriesContext(connection) as few:
        read(client)
    for number in range(2, 6):
        add_course(catalogue, f"Course {number}", "Spring 2020", date(2020, 5, 1), ["A unit", "Another"])
    with CaptureQueriesContext(connection) as many:
        assert "Course 5" in read(client)
    assert len(many) == len(few)
