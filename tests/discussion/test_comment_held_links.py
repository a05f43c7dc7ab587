"""The "A comment awaits moderation" email links to the moderation queue on the post's course's own Site (a Site
of its own, or its catalogue's), never on the install-wide WAGTAILADMIN_BASE_URL."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client

from tests.comment_helpers import POST_URL, form_data
from tests.factories import CourseUnitPageFactory, StudentPostPageFactory, member

pytestmark = pytest.mark.django_db

WRONG_BASE = "http://127.0.0.1:8000"


@pytest.fixture
def place(course_shape, settings):
    settings.WAGTAILADMIN_BASE_URL = WRONG_BASE
    course, root = course_shape
    host = urlsplit(root).hostname
    unit = CourseUnitPageFactory(parent=course, title="Sources", live=False)
    unit.save_revision().publish()
    instructor = member("Instructors", course=course, email="anne@faculty.example.edu")
    post = StudentPostPageFactory(parent=unit, title="Notes", author=member("Students", course=course))
    return {"course": course, "host": host, "post": post, "instructor": instructor}


def test_the_held_comment_email_links_to_the_queue_on_the_course_site(place):
    commenter = Client(HTTP_HOST=place["host"])
    commenter.force_login(member("Students", course=place["course"], email="jordan@students.example.edu"))
    mail.outbox.clear()
    commenter.post(
        POST_URL, form_data(place["post"], comment="See https://a.example https://b.example https://c.example")
    )
    (held,) = [message for message in mail.outbox if message.subject.startswith("A comment awaits moderation")]
    queue = re.search(r"^(https?://\S+)$", held.body, re.MULTILINE).group(1)
    assert queue.startswith(f"http://{place['host']}/admin/") and not queue.startswith(WRONG_BASE)
    staff = Client(HTTP_HOST=place["host"])
    staff.force_login(place["instructor"])
    assert staff.get(queue.removeprefix(f"http://{place['host']}")).status_code == 200
