"""The review list and the instructor's desk count lateness against each student's own due date: a student with an
extension (their own or their section's) who submits after the unit's due date but before theirs is on time, and
the list marks the due date "Extended"; the list also shows each post's grade, linking to the grading screen."""

import csv
import io
from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import Client

from courses.models import Role
from courses.roles import enrol
from grading.models import Extension
from tests.desk_helpers import dashboard, desk_of, text
from tests.factories import UserFactory
from tests.grading_helpers import *  # noqa: F403 (the due_unit fixture)
from tests.grading_helpers import DUE, assignment, make_grade
from tests.review_helpers import review_workflow, submit  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db
URL = "/admin/reports/review/"


def student(course, first_name, section=""):
    user = UserFactory(first_name=first_name, last_name="Student")
    enrol(user, course, Role.STUDENT, section=section)
    return user


@pytest.fixture
def submitted(course, due_unit, make_draft, review_workflow):  # noqa: F811
    """Three students hand in a day after the unit's due date: Ada has her own extension (3 days), Ben's section
    002 has one (2 days), Cy has none."""
    ada, ben, cy = student(course, "Ada"), student(course, "Ben", "002"), student(course, "Cy", "001")
    Extension.objects.create(unit=due_unit, student=ada, due_date=DUE + timedelta(days=3))
    Extension.objects.create(unit=due_unit, section="002", due_date=DUE + timedelta(days=2))
    posts = {}
    with time_machine.travel(DUE + timedelta(days=1), tick=False):
        for user in (ada, ben, cy):
            posts[user.first_name] = post = make_draft(title=f"{user.first_name}'s post", author=user)
            submit(post, user)
    instructor = UserFactory(first_name="Ida", last_name="Instructor")
    enrol(instructor, course, Role.INSTRUCTOR)
    client = Client()
    client.force_login(instructor)
    return {"client": client, "posts": posts}


def rows(client, query=""):
    soup = BeautifulSoup(client.get(URL + query).content, "html.parser")
    return {row.find("a").get_text(strip=True): row.get_text(" ", strip=True) for row in soup.select("tbody tr")}


def test_extensions_make_a_late_looking_post_on_time(submitted):
    shown = rows(submitted["client"])
    assert "On time" in shown["Ada's post"] and "Extended" in shown["Ada's post"]
    assert "On time" in shown["Ben's post"] and "Extended" in shown["Ben's post"]
    assert "Late" in shown["Cy's post"] and "Extended" not in shown["Cy's post"]


def test_the_timeliness_filter_uses_each_students_due_date(submitted):
    assert set(rows(submitted["client"], "?timeliness=late")) == {"Cy's post"}
    assert set(rows(submitted["client"], "?timeliness=on_time")) == {"Ada's post", "Ben's post"}


def test_the_desk_marks_only_the_post_late_by_its_students_own_date(course, submitted):
    section = desk_of(dashboard(submitted["client"]), course)
    by_title = {row.select_one("td.title").get_text(strip=True): text(row) for row in section.select("tbody tr")}
    assert "Late" in by_title["Cy's post"]
    assert "Late" not in by_title["Ada's post"] and "Late" not in by_title["Ben's post"]


def test_each_row_shows_its_grade_and_links_to_the_grading_screen(due_unit, submitted):
    assignment(due_unit, points=10)
    make_grade(submitted["posts"]["Ada"], points=7)
    soup = BeautifulSoup(submitted["client"].get(URL).content, "html.parser")
    cells = {link.get_text(" ", strip=True): link["href"] for link in soup.select("tbody td a[href*='/grade/']")}
    ada = "Draft: 7 / 10 (grade “Ada's post”)"  # a screen reader hears which post each link grades
    assert set(cells) == {ada, "Not graded (grade “Ben's post”)", "Not graded (grade “Cy's post”)"}
    assert cells[ada] == f"/admin/grading/posts/{submitted['posts']['Ada'].pk}/grade/"


def test_the_csv_download_has_the_extension_and_the_grade(due_unit, submitted):
    assignment(due_unit, points=10)
    make_grade(submitted["posts"]["Ada"], points=7, penalty_percent=10)
    response = submitted["client"].get(URL + "?export=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    by_post = {row["Post"]: row for row in rows}
    assert by_post["Ada's post"]["Extension"] == "Extended" and by_post["Ada's post"]["Grade"] == (
        "Draft: 7 / 10, less 10% late penalty = 6.30"
    )
    assert by_post["Cy's post"]["Late or on time"] == "Late" and by_post["Cy's post"]["Grade"] == "Not graded"
    assert by_post["Cy's post"]["Due"] == "2027-03-01 17:00"  # the course's local time, to the minute
