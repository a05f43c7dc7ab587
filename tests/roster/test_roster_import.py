"""A good roster file creates one Student per row: login = the lower-cased email, the Students group, an author
profile with the row's section, and no usable password until the student chooses one."""

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from blog.models import AuthorProfile
from tests.factories import member

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent.parent / "fixtures" / "roster"


def import_file(path, *args):
    out = StringIO()
    call_command("import_roster", str(path), *args, stdout=out)
    return out.getvalue()


def test_good_file_creates_students_in_their_sections():
    output = import_file(FIXTURES / "good.csv")
    assert "Created: 3\nUpdated: 0\nUnchanged: 0\nRejected: 0\n" in output
    students = get_user_model().objects.filter(groups__name="Students").order_by("username")
    assert [(s.username, s.email, s.first_name, s.last_name) for s in students] == [
        ("ana.petrova@students.example.edu", "ana.petrova@students.example.edu", "Ana", "Petrova"),
        ("boris.ivanov@students.example.edu", "boris.ivanov@students.example.edu", "Boris", "Ivanov"),
        ("chen.li@students.example.edu", "chen.li@students.example.edu", "Chen", "Li"),
    ]
    assert [AuthorProfile.objects.get(user=s).section for s in students] == ["A", "B", "A"]
    assert all(s.is_active and not s.has_usable_password() for s in students)
    assert not any(s.is_staff or s.is_superuser for s in students)


def test_existing_account_is_updated_and_matched_by_email_case_insensitively(tmp_path):
    student = member("Students", username="ana", email="Ana.Petrova@Students.Example.edu", first_name="Anya")
    student.set_password("her own password")
    student.save()
    roster = tmp_path / "roster.csv"
    roster.write_text("email,first_name,last_name,section\nana.petrova@students.example.edu,Ana,Petrova,B\n")
    output = import_file(roster, "-v2")
    assert "Updated: 1" in output
    assert "first name; last name; author profile; section B" in output
    student.refresh_from_db()
    assert (student.username, student.first_name, student.last_name) == ("ana", "Ana", "Petrova")
    assert student.check_password("her own password")  # an update never touches the password
    assert student.author_profile.section == "B"
    assert get_user_model().objects.count() == 1


def test_without_a_section_column_sections_are_left_alone(tmp_path):
    student = member("Students", email="ana.petrova@students.example.edu", first_name="Ana", last_name="Petrova")
    AuthorProfile.objects.create(user=student, slug="ana-p", section="C")
    roster = tmp_path / "roster.csv"
    roster.write_text("email,first_name,last_name\nana.petrova@students.example.edu,Ana,Petrova\n")
    assert "Unchanged: 1" in import_file(roster)
    assert AuthorProfile.objects.get(user=student).section == "C"


def test_a_former_student_listed_again_is_reactivated_and_regrouped(tmp_path):
    former = get_user_model().objects.create_user("ana.petrova@students.example.edu", "", first_name="Ana")
    former.last_name, former.is_active = "Petrova", False
    former.save()
    roster = tmp_path / "roster.csv"
    roster.write_text("email,first_name,last_name\nana.petrova@students.example.edu,Ana,Petrova\n")
    assert "email; reactivated; added to Students" in import_file(roster, "-v2")
    former.refresh_from_db()
    assert former.is_active and former.email == "ana.petrova@students.example.edu"
    assert former.groups.filter(name="Students").exists()
