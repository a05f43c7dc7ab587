"""The participation report sorts by family name unless a column header asks for another order."""

import pytest

from tests.report_helpers import report_rows

pytestmark = pytest.mark.django_db


def test_by_family_name_by_default(client, klass):
    assert list(report_rows(client)) == ["carla", "boris", "ana"]  # Diaz, Ivanov, Petrova
    assert list(report_rows(client, ordering="-name")) == ["ana", "boris", "carla"]


def test_quietest_first_puts_students_without_activity_at_the_top(client, klass):
    assert list(report_rows(client, ordering="last_activity")) == ["carla", "boris", "ana"]
    assert list(report_rows(client, ordering="-last_activity")) == ["ana", "boris", "carla"]


def test_by_counts_with_ties_broken_by_name(client, klass):
    assert list(report_rows(client, ordering="-posts_published")) == ["boris", "ana", "carla"]
    assert list(report_rows(client, ordering="-posts_submitted")) == ["boris", "ana", "carla"]  # 2, 2, 0
    assert list(report_rows(client, ordering="section")) == ["carla", "ana", "boris"]


def test_an_unknown_ordering_falls_back_to_names(client, klass):
    assert list(report_rows(client, ordering="password")) == ["carla", "boris", "ana"]
