"""--deactivate-missing ends, in the course imported into and only there, the enrolment of the students and guests
the file no longer lists: their accounts stay open, with their other courses. The course's instructors and
teaching assistants are never ended, nor is any account closed."""

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from courses.models import Enrolment, Role
from courses.roles import enrol, role_in
from tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent.parent / "fixtures" / "roster"


def run(path, *args):
    out = StringIO()
    call_command("import_roster", str(path), *args, stdout=out)
    return out.getvalue()


def enrolled(user, course):
    return Enrolment.objects.get(user=user, course=course).active


def active(user):
    user.refresh_from_db()
    return user.is_active


def test_students_missing_from_the_file_leave_that_course_only_and_can_still_log_in(course, second_course):
    dropped = member("Students", email="dropped@students.example.edu")  # a student of both courses
    listed = member("Students", course=course, username="boris", email="Boris.Ivanov@students.example.edu")
    output = run(FIXTURES / "good.csv", "--course", course.slug, "--deactivate-missing")

    assert (
        "Enrolments ended: 1\nLeft the course (their accounts stay open):\n  dropped@students.example.edu\n" in output
    )
    assert not enrolled(dropped, course)
    assert enrolled(listed, course)
    assert active(dropped) and role_in(dropped, second_course) == Role.STUDENT
    session = Client()
    session.post("/accounts/login/", {"username": dropped.username, "password": "correct horse battery staple"})
    assert "_auth_user_id" in session.session


def test_instructors_tas_other_courses_and_accounts_are_never_ended(course, second_course):
    instructor = member("Instructors", course=course, email="prof@example.edu")
    ta = UserFactory(email="ta@example.edu")
    enrol(ta, course, Role.TA)
    guest = UserFactory(email="guest@example.edu")
    enrol(guest, course, Role.GUEST)
    elsewhere = member("Students", course=second_course, email="medieval@example.edu")
    root = get_user_model().objects.create_superuser("root", "root@example.edu", "pw")
    root.groups.add(Group.objects.get(name="Students"))

    output = run(FIXTURES / "good.csv", "--course", course.slug, "--deactivate-missing")

    assert "Enrolments ended: 1\nLeft the course (their accounts stay open):\n  guest@example.edu\n" in output
    assert enrolled(instructor, course) and enrolled(ta, course) and enrolled(elsewhere, second_course)
    assert not enrolled(guest, course)
    assert all(active(user) for user in (instructor, ta, guest, elsewhere, root))


def test_a_student_whose_row_was_rejected_stays_enrolled(course):
    chen = member("Students", email="chen.li@students.example.edu")  # line 5 lacks a first name
    output = run(FIXTURES / "bad_rows.csv", "--deactivate-missing")
    assert "line 5, chen.li@students.example.edu (Li): missing first name" in output
    assert "Enrolments ended: 0" in output
    assert enrolled(chen, course)


def test_without_the_option_nobody_leaves(course):
    dropped = member("Students", email="dropped@students.example.edu")
    output = run(FIXTURES / "good.csv")
    assert "Enrolments ended" not in output
    assert enrolled(dropped, course)
