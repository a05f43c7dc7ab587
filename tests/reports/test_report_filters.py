"""The participation report's filters: activity dates and unit narrow the counts, section narrows the rows."""

import pytest

from reports.participation import Scope, participation
from tests.report_helpers import at, report_rows

pytestmark = pytest.mark.django_db


def test_activity_dates_count_only_what_happened_in_january(client, klass):
    assert report_rows(client, activity_from="2017-01-01", activity_to="2017-01-31") == {
        "ana": ["A", 1, 1, 2, 3],  # the Brezhnev submission (5 Feb) and the Detente comment (6 Feb) fall outside
        "boris": ["B", 1, 1, 1, 1],  # Detente was published on 3 Feb
        "carla": ["A", 0, 0, 0, 0],  # students without activity stay listed
    }


def test_both_days_of_the_range_are_included(client, klass):
    rows = report_rows(client, activity_from="2017-01-21", activity_to="2017-01-21")
    assert rows["ana"] == ["A", 0, 0, 1, 0]  # her comment at noon on the last day
    assert report_rows(client, activity_from="2017-02-06")["ana"] == ["A", 0, 0, 1, 0]


def test_last_activity_follows_the_dates(course, klass):
    january = Scope(course, start=at(1, 1), end=at(1, 31))
    latest = dict(participation(january).values_list("username", "last_activity"))
    assert latest == {"ana": at(1, 21), "boris": at(1, 20), "carla": None}
    for day in (at(1, 10), at(2, 5)):  # days when Ana's only activity was a submission
        assert participation(Scope(course, start=day, end=day)).get(username="ana").last_activity == day


def test_a_unit_counts_its_posts_and_the_comments_on_them(client, klass):
    assert report_rows(client, unit=klass.stagnation.pk) == {
        "ana": ["A", 1, 0, 1, 0],  # the Brezhnev draft in review; her comment on Detente
        "boris": ["B", 1, 1, 0, 1],  # Detente, and Ana's comment on it
        "carla": ["A", 0, 0, 0, 0],
    }


def test_unit_and_dates_combine(client, klass):
    rows = report_rows(client, unit=klass.stagnation.pk, activity_to="2017-02-04")
    assert rows["ana"] == ["A", 0, 0, 0, 0]
    assert rows["boris"] == ["B", 1, 1, 0, 0]


def test_section_lists_only_its_students(client, klass):
    assert list(report_rows(client, section="A")) == ["carla", "ana"]  # by family name: Diaz, Petrova
    assert list(report_rows(client, section="B")) == ["boris"]


def test_an_invalid_date_is_reported_and_ignored(client, klass):
    response = client.get("/admin/reports/participation/", {"activity_from": "not a date"})
    assert response.status_code == 200
    assert "Enter a valid date" in response.content.decode()
    assert report_rows(client, activity_from="not a date")["ana"] == ["A", 2, 1, 3, 3]
