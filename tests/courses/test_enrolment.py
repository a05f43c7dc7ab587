"""Enrolments come from every way members arrive: the upgrade from install-wide groups, the demo, the roster
(into the course named with --course, in the file's sections), and the WordPress import's new authors."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from courses.models import Enrolment, Role
from tests.factories import UserFactory

ROSTER = Path(__file__).parent.parent / "fixtures" / "roster" / "good.csv"


def enrolled(course):
    return dict(Enrolment.objects.filter(course=course).values_list("user__username", "role"))


@pytest.mark.django_db
def test_the_roster_enrols_its_students_in_the_course_it_names(course, second_course):
    call_command("import_roster", str(ROSTER), "--course", "medieval.example.edu", verbosity=0)
    students = Enrolment.objects.filter(course=second_course)
    assert students.count() == 3
    assert set(students.values_list("role", flat=True)) == {Role.STUDENT}
    assert students.get(user__username="ana.petrova@students.example.edu").section == "A"
    assert not Enrolment.objects.filter(course=course).exists()


@pytest.mark.django_db
def test_a_second_course_enrols_an_existing_student_too(course, second_course):
    call_command("import_roster", str(ROSTER), "--course", course.slug, verbosity=0)
    call_command("import_roster", str(ROSTER), "--course", second_course.slug, verbosity=0)
    assert enrolled(course) == enrolled(second_course)
    assert len(enrolled(course)) == 3


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["", "no-such-course"])
def test_an_unknown_or_missing_course_is_refused_with_the_list(second_course, name):
    with pytest.raises(CommandError) as refused:
        call_command("import_roster", str(ROSTER), *(["--course", name] if name else []), verbosity=0)
    assert "medieval-europe (medieval.example.edu)" in str(refused.value)
    assert not Enrolment.objects.exists()


@pytest.mark.django_db
def test_the_demo_enrols_its_accounts_in_the_demo_course(settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    roles = dict(Enrolment.objects.values_list("user__username", "role"))
    assert roles["instructor"] == Role.INSTRUCTOR
    assert roles["mhale"] == roles["dreyes"] == Role.STUDENT
    assert len(roles) == 7


@pytest.mark.django_db(transaction=True)
def test_upgrading_enrols_the_groups_members_in_every_course(migrated_database, course, second_course):
    executor = MigrationExecutor(connection)
    executor.migrate([("courses", "0001_enrolment")])
    teacher = UserFactory(username="teacher")
    teacher.groups.add(Group.objects.get(name="Instructors"))
    both = UserFactory(username="both")
    both.groups.add(Group.objects.get(name="Instructors"), Group.objects.get(name="Students"))
    pupil = UserFactory(username="pupil")
    pupil.groups.add(Group.objects.get(name="Students"))
    UserFactory(username="stranger")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    expected = {"teacher": Role.INSTRUCTOR, "both": Role.INSTRUCTOR, "pupil": Role.STUDENT}
    assert enrolled(course) == expected
    assert enrolled(second_course) == expected


@pytest.mark.django_db
def test_a_roster_never_changes_a_course_instructors_account(course, tmp_path):
    teacher = UserFactory(
        username="ana.petrova@students.example.edu", email="ana.petrova@students.example.edu", first_name="Anastasia"
    )
    Enrolment.objects.create(user=teacher, course=course, role=Role.TA)
    call_command("import_roster", str(ROSTER), "--deactivate-missing", verbosity=0)
    teacher.refresh_from_db()
    assert (teacher.first_name, teacher.is_active) == ("Anastasia", True)
    assert Enrolment.objects.get(user=teacher).role == Role.TA
