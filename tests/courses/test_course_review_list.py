"""Reports → Posts awaiting review is the course's: its instructors and TAs list their course's submissions (and only
their course's units and students in the filters); another course's instructor sees none of them."""

import pytest
from django.urls import reverse

from courses.models import Role
from courses.roles import enrol
from tests.factories import CourseUnitPageFactory, StudentPostPageFactory, UserFactory, member_client
from tests.review_helpers import submit

pytestmark = pytest.mark.django_db
URL = reverse("review_list")


@pytest.fixture
def submissions(course, second_course, second_unit):
    unit = CourseUnitPageFactory(parent=course, title="Khrushchev and the Thaw", live=False)
    unit.save_revision().publish()
    for number, (home, parent, title) in enumerate(
        [(course, unit, "Thaw submission"), (second_course, second_unit, "Crusade submission")]
    ):
        author = UserFactory(username=f"author{number}", first_name=f"Author{number}")
        enrol(author, home, Role.STUDENT)
        submit(StudentPostPageFactory(parent=parent, author=author, title=title, publish=False), author)


@pytest.mark.parametrize("role", [Role.INSTRUCTOR, Role.TA])
def test_a_courses_staff_list_their_courses_submissions(submissions, course, role):
    html = member_client(course, role).get(URL).content.decode()
    assert "Thaw submission" in html
    assert "Crusade submission" not in html and "The Crusades" not in html and "Author1" not in html


def test_another_courses_instructor_sees_only_theirs(submissions, second_course):
    html = member_client(second_course, Role.INSTRUCTOR).get(URL).content.decode()
    assert "Crusade submission" in html and "Thaw submission" not in html


def test_teaching_assistants_find_it_in_the_reports_menu(submissions, course):
    assert URL in member_client(course, Role.TA).get(reverse("wagtailadmin_home")).content.decode()
