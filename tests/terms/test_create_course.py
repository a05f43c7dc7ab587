"""`manage.py create_course`: a course for a term, on its own hostname or under a catalogue on a shared site, set up
for review, its instructors enrolled (a new one invited), its URL printed; a wrong request is refused whole."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import Page, Site, WorkflowPage

from blog.models import CourseSettings
from courses.models import Enrolment, Role
from home.models import HomePage
from tests.factories import member

pytestmark = pytest.mark.django_db


def create(*args):
    out = StringIO()
    call_command("create_course", *args, stdout=out)
    return out.getvalue().strip()


def test_a_course_on_its_own_hostname(course, django_capture_on_commit_callbacks):
    teacher = member("Students", course=course, first_name="Marta", last_name="Novak", email="marta@example.edu")
    with django_capture_on_commit_callbacks(execute=True):
        url = create(
            *("Medieval Europe", "--term", "Fall 2026", "--starts", "2026-09-01", "--ends", "2026-12-18"),
            *(
                "--hostname",
                "medieval.example.edu",
                "--instructor",
                "MARTA@example.edu",
                "--instructor",
                "new@example.edu",
            ),
        )
    assert url == "http://medieval.example.edu/"
    new = HomePage.objects.get(title="Medieval Europe")
    assert (new.term, str(new.term_starts), str(new.term_ends)) == ("Fall 2026", "2026-09-01", "2026-12-18")
    assert new.live and new.instructor_names == "Marta Novak"
    workflow = WorkflowPage.objects.get(page=new).workflow
    assert workflow.name == "Instructor review" and workflow != WorkflowPage.objects.get(page=course).workflow
    reviewers = workflow.tasks.get().specific.groups.filter(course_role__course=new)
    assert {group.course_role.role for group in reviewers} == {Role.INSTRUCTOR, Role.TA}
    roles = dict(Enrolment.objects.filter(course=new).values_list("user__email", "role"))
    assert roles == {"marta@example.edu": Role.INSTRUCTOR, "new@example.edu": Role.INSTRUCTOR}
    assert CourseSettings.objects.filter(course=new).exists()  # its own settings and image collections
    assert set(new.collections.values_list("kind", flat=True)) == {"course", "images", "uploads"}
    assert Enrolment.objects.get(user=teacher, course=course).role == Role.STUDENT  # her other course is untouched
    assert [message.to for message in mail.outbox] == [["new@example.edu"]]
    assert "http://medieval.example.edu/accounts/reset/" in mail.outbox[0].body
    page = Client().get("/", HTTP_HOST="medieval.example.edu")
    assert page.status_code == 200 and "Medieval Europe" in page.content.decode()


def test_a_course_under_a_catalogue_is_a_path_of_the_shared_site(catalogue):
    url = create("Soviet History", "--term", "Spring 2027", "--under", "seminar.example.edu")
    assert url == "http://seminar.example.edu/soviet-history-spring-2027/"
    client = Client(HTTP_HOST="seminar.example.edu")
    assert "Soviet History" in client.get("/soviet-history-spring-2027/").content.decode()
    listing = client.get("/").content.decode()
    assert "Spring 2027" in listing and 'href="/soviet-history-spring-2027/"' in listing


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--hostname", "localhost"], "already exists"),
        (["--under", "seminar.example.edu", "--slug", "taken"], "already there"),
        (["--under", "nowhere.example.edu"], "No site is called “nowhere.example.edu”"),
        (["--under", "seminar.example.edu/taken/"], "is not a course catalogue"),
        (["--hostname", "x.example.edu", "--starts", "2026-13-01"], "--starts 2026-13-01: write a date as YYYY-MM-DD"),
        (["--hostname", "x.example.edu", "--starts", "2026-09-01", "--ends", "2026-08-01"], "cannot end before"),
    ],
)
def test_a_wrong_request_is_refused_and_creates_nothing(catalogue, course, args, message):
    create("Taken", "--term", "Fall 2026", "--under", "seminar.example.edu", "--slug", "taken")
    pages, sites = Page.objects.count(), Site.objects.count()
    with pytest.raises(CommandError, match=message):
        create("Another", "--term", "Fall 2026", *args)
    assert (Page.objects.count(), Site.objects.count()) == (pages, sites)


def test_hostname_and_catalogue_together_are_refused(catalogue):
    with pytest.raises(CommandError):
        create("Both", "--term", "Fall 2026", "--hostname", "b.example.edu", "--under", "seminar.example.edu")
    assert not HomePage.objects.filter(title="Both").exists()
