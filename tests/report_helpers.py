"""A small class for the participation report tests: two units, three students, a review workflow, comments.

Dates are noon in the course's time zone; sections are the students' enrolments' in the course. Expected numbers
(no filter):

            section  submitted  published  written  received  last activity
  ana       A        2          1          3        3         6 Feb
  boris     B        2          2          1        2         3 Feb
  carla     A        0          0          0        0         -      (inactive account)
"""

import datetime
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from wagtail.models import GroupApprovalTask, Workflow, WorkflowState, WorkflowTask

from courses.models import Enrolment
from tests.comment_helpers import approved_comment, held_comment
from tests.factories import CourseUnitPageFactory, UserFactory, member

REPORT = reverse("participation_report")


def at(month, day):
    return timezone.make_aware(datetime.datetime(2017, month, day, 12))


def dated(comment, when):
    XtdComment.objects.filter(pk=comment.pk).update(submit_date=when)
    return comment


def submit(workflow, post, user, when):
    state = workflow.start(post, user)
    WorkflowState.objects.filter(pk=state.pk).update(created_at=when)
    return state


def build_class(course, unit, make_post):
    stagnation = CourseUnitPageFactory(parent=course, title="Stagnation")
    task = GroupApprovalTask.objects.create(name="Instructor review")
    task.groups.set([Group.objects.get(name="Instructors")])
    workflow = Workflow.objects.create(name="Post review")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    instructor = member("Instructors", username="siegelbaum", first_name="Lewis", last_name="Siegelbaum")
    ana = member("Students", username="ana", first_name="Ana", last_name="Petrova", email="ana@example.edu")
    boris = member("Students", username="boris", first_name="Boris", last_name="Ivanov", email="boris@example.edu")
    carla = member("Students", username="carla", first_name="Carla", last_name="Diaz", is_active=False)
    UserFactory(username="visitor")  # in no group: never listed
    thaw = make_post(title="The Thaw", author=ana, published_at=at(1, 12))
    draft = make_post(title="Brezhnev", author=ana, parent=stagnation, publish=False)
    direct = make_post(title="Virgin Lands", author=boris, published_at=at(1, 20))
    later = make_post(title="Detente", author=boris, parent=stagnation, published_at=at(2, 3))
    for student, section in ((ana, "A"), (boris, "B"), (carla, "A")):
        Enrolment.objects.filter(user=student, course=course).update(section=section)

    first = submit(workflow, thaw, ana, at(1, 10))
    WorkflowState.objects.filter(pk=first.pk).update(status=WorkflowState.STATUS_CANCELLED)
    submit(workflow, thaw, ana, at(1, 11))  # resubmitted: still one post
    submit(workflow, draft, ana, at(2, 5))

    dated(approved_comment(thaw, text="Boris on the Thaw", user=boris), at(1, 13))
    dated(approved_comment(thaw, text="A guest on the Thaw"), at(1, 13))
    dated(approved_comment(thaw, text="Ana answers", user=ana), at(1, 14))
    dated(approved_comment(thaw, text="The instructor", user=instructor), at(1, 16))
    held_comment(thaw, text="Held guest comment")
    dated(approved_comment(direct, text="Ana on Virgin Lands", user=ana), at(1, 21))
    dated(approved_comment(later, text="Ana on Detente", user=ana), at(2, 6))
    held_comment(direct, text="Ana held", user=ana)
    approved_comment(direct, text="Ana removed", user=ana, is_removed=True)
    return SimpleNamespace(ana=ana, boris=boris, carla=carla, instructor=instructor, stagnation=stagnation)


def report_rows(client, **params):
    """The report's table as {username: [section, submitted, published, written, received]}."""
    response = client.get(REPORT, params)
    assert response.status_code == 200
    rows = {}
    for tr in BeautifulSoup(response.content, "html.parser").select("table tbody tr"):
        cells = [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        email = tr.select_one("a[href^='mailto:']")
        username = email.get_text().split("@")[0] if email else cells[0]
        rows[username] = [cells[1], *(int(cell) for cell in cells[2:6])]
    return rows


@pytest.fixture
def klass(client, course, unit, make_post):
    """The built class, with its instructor logged in to `client`."""
    built = build_class(course, unit, make_post)
    client.force_login(built.instructor)
    return built
