"""Every link in a review email is on the post's course's own Site, where its readers and staff already are: a
course on a Site of its own, or a course under a catalogue (the catalogue's Site). Never the one install-wide
WAGTAILADMIN_BASE_URL (port 8000 even under `make run PORT=8100`, the same host for every course)."""

import re

import pytest
from django.core import mail
from django.test import Client

from tests.factories import CourseUnitPageFactory, StudentPostPageFactory, member
from tests.review_helpers import approve, request_changes, submit

pytestmark = pytest.mark.django_db

WRONG_BASE = "http://127.0.0.1:8000"


@pytest.fixture
def place(course_shape, settings):
    settings.WAGTAILADMIN_BASE_URL = WRONG_BASE
    course, root = course_shape
    unit = CourseUnitPageFactory(parent=course, title="Sources", live=False)
    unit.save_revision().publish()
    people = {
        "student": member("Students", course=course, first_name="Dana", email="dana@students.example.edu"),
        "instructor": member("Instructors", course=course, email="anne@faculty.example.edu"),
    }
    draft = StudentPostPageFactory(parent=unit, title="Notes", author=people["student"], publish=False)
    return {"course": course, "root": root, "draft": draft, **people}


def links(message):
    found = re.findall(r"https?://\S+", message.body)
    assert found, f"{message.subject!r} has a link"
    return found


def resubmit(post, user):
    post.refresh_from_db()
    post.save_revision(user=user)
    post.current_workflow_state.resume(user)


def submitted(place):
    submit(place["draft"], place["student"])


def changes_requested(place):
    submitted(place)
    request_changes(place["draft"], place["instructor"], "Add a source.")


def resubmitted(place):
    changes_requested(place)
    resubmit(place["draft"], place["student"])


def approved(place):
    submitted(place)
    approve(place["draft"], place["instructor"])


EVENTS = [submitted, changes_requested, resubmitted, approved]


@pytest.mark.parametrize("event", EVENTS, ids=lambda event: event.__name__)
def test_every_review_email_links_to_the_course_site(place, event):
    event(place)
    for url in links(mail.outbox[-1]):
        assert url.startswith(place["root"]) and not url.startswith(WRONG_BASE), url


def test_the_admin_link_works_on_the_course_site(place):
    submit(place["draft"], place["student"])
    (url,) = links(mail.outbox[0])
    assert url.startswith(place["root"] + "admin/pages/")
    client = Client(HTTP_HOST=place["root"].split("/")[2])
    client.force_login(place["instructor"])
    assert client.get(url.removeprefix(place["root"].rstrip("/"))).status_code == 200
