"""The optional role column enrols each row in the course as a student (the default), teaching assistant,
instructor or guest; anything else rejects that row with its line number. The report says whose role changed, and
a staff account is enrolled without its name or email ever changing."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from courses.models import Enrolment, Role
from courses.roles import enrol
from tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db
ROSTER = """email,first_name,last_name,section,role
ana@example.edu,Ana,Petrova,A,
lena@example.edu,Lena,Weiss,,TA
otto@example.edu,Otto,Brandt,,instructor
gus@example.edu,Gus,Visitor,,guest
pat@example.edu,Pat,Nobody,,professor
"""


def run(tmp_path, text, *args):
    roster = tmp_path / "roster.csv"
    roster.write_text(text)
    out = StringIO()
    call_command("import_roster", str(roster), *args, "-v2", stdout=out)
    return out.getvalue()


def roles(course):
    return dict(Enrolment.objects.filter(course=course).values_list("user__username", "role"))


def test_each_row_is_enrolled_with_its_role_in_the_named_course(tmp_path, course, second_course):
    output = run(tmp_path, ROSTER, "--course", second_course.slug)

    assert "Created: 4\nUpdated: 0\nUnchanged: 0\nRejected: 1\n" in output
    assert (
        "  line 6, pat@example.edu (Pat Nobody): unknown role “professor” (the role column takes student, ta, "
        "instructor or guest)\n"
    ) in output
    assert "  line 3, lena@example.edu (Lena Weiss): as Teaching assistant; invitation queued\n" in output
    assert roles(second_course) == {
        "ana@example.edu": Role.STUDENT,
        "lena@example.edu": Role.TA,
        "otto@example.edu": Role.INSTRUCTOR,
        "gus@example.edu": Role.GUEST,
    }
    assert roles(course) == {}
    assert not get_user_model().objects.filter(username="pat@example.edu").exists()
    staff = get_user_model().objects.filter(groups__name="Students").values_list("username", flat=True)
    assert list(staff) == ["ana@example.edu"]  # only students join the install-wide Students group


def test_the_same_file_again_changes_nothing(tmp_path, course):
    run(tmp_path, ROSTER)
    assert "Created: 0\nUpdated: 0\nUnchanged: 4\nRejected: 1\n" in run(tmp_path, ROSTER)


def test_role_changes_are_reported(tmp_path, course):
    ana = member("Students", course=course, username="ana@example.edu", email="ana@example.edu", first_name="Ana")
    ana.last_name = "Petrova"
    ana.save()
    output = run(tmp_path, "email,first_name,last_name,role\nana@example.edu,Ana,Petrova,ta\n")
    assert "  line 2, ana@example.edu (Ana Petrova): author profile; role Student → Teaching assistant\n" in output
    assert roles(course) == {"ana@example.edu": Role.TA}


def test_a_staff_account_is_enrolled_but_never_renamed(tmp_path, course, second_course):
    colleague = UserFactory(username="otto", email="otto@example.edu", first_name="Otto", last_name="Brandt")
    enrol(colleague, course, Role.INSTRUCTOR)
    output = run(
        tmp_path, "email,first_name,last_name,role\nOTTO@example.edu,Impostor,Name,ta\n", "--course", "medieval-europe"
    )

    assert (
        "  line 2, OTTO@example.edu (Impostor Name): enrolled in Medieval Europe as Teaching assistant; name and "
        "email left as they are (a staff account)\n"
    ) in output
    colleague.refresh_from_db()
    assert (colleague.first_name, colleague.last_name, colleague.email) == ("Otto", "Brandt", "otto@example.edu")
    assert roles(second_course) == {"otto": Role.TA}
    assert roles(course) == {"otto": Role.INSTRUCTOR}


def test_a_courses_instructor_keeps_their_role_and_an_administrator_is_left_alone(tmp_path, course):
    instructor = member("Instructors", course=course, email="prof@example.edu")
    get_user_model().objects.create_superuser("root", "root@example.edu", "pw")
    output = run(tmp_path, "email,first_name,last_name\nprof@example.edu,Pro,F\nroot@example.edu,Root,User\n")

    assert (
        "line 2, prof@example.edu (Pro F): this is an instructor's or teaching assistant's enrolment in this course, "
        "which a roster never changes"
    ) in output
    assert "line 3, root@example.edu (Root User): this is an administrator's account, which a roster never changes" in (
        output
    )
    assert roles(course) == {instructor.username: Role.INSTRUCTOR}
