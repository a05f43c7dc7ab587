"""The instructors' list of posts awaiting review: who, which unit, late or on time, and its filters."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.admin_helpers import assert_permission_denied
from tests.factories import CourseUnitPageFactory, member
from tests.review_helpers import approve, submit

pytestmark = pytest.mark.django_db
URL = "/admin/reports/review/"


@pytest.fixture
def review(course, unit, make_draft, review_workflow):
    dana = member("Students", first_name="Dana", last_name="Reyes")
    marcus = member("Students", first_name="Marcus", last_name="Hale")
    late_unit = CourseUnitPageFactory(parent=course, title="Stalin and Stalinism", live=False)
    late_unit.due_date = timezone.now() - timedelta(days=2)
    late_unit.save_revision().publish()
    on_time = make_draft(title="On time post", author=dana)
    late = make_draft(title="Late post", author=marcus, parent=late_unit)
    done = make_draft(title="Already approved", author=dana)
    for post, author in ((on_time, dana), (late, marcus), (done, dana)):
        submit(post, author)
    instructor = member("Instructors")
    approve(done, instructor)
    return {"instructor": instructor, "dana": dana, "marcus": marcus, "late_unit": late_unit, "unit": unit}


def titles(client, query=""):
    html = client.get(URL + query).content.decode()
    return {title for title in ("On time post", "Late post", "Already approved") if title in html}, html


def test_lists_posts_in_review_with_student_unit_and_timeliness(client, review):
    client.force_login(review["instructor"])
    shown, html = titles(client)
    assert shown == {"On time post", "Late post"}
    assert "Dana Reyes" in html and "Marcus Hale" in html
    assert "Stalin and Stalinism" in html and "Late" in html and "On time" in html


def test_filters(client, review):
    client.force_login(review["instructor"])
    assert titles(client, f"?unit={review['late_unit'].pk}")[0] == {"Late post"}
    assert titles(client, f"?author={review['dana'].pk}")[0] == {"On time post"}
    assert titles(client, "?timeliness=late")[0] == {"Late post"}
    assert titles(client, "?timeliness=on_time")[0] == {"On time post"}


def test_csv_export(client, review):
    client.force_login(review["instructor"])
    csv = b"".join(client.get(URL + "?export=csv").streaming_content).decode()
    assert "Late post" in csv and "Marcus Hale" in csv and "Late" in csv


def test_students_and_strangers_are_refused(client, review):
    client.force_login(review["dana"])
    response = client.get(URL)
    assert_permission_denied(client, response)
    assert "Late post" not in response.content.decode()
    client.logout()
    assert "/admin/login/" in client.get(URL)["Location"]
