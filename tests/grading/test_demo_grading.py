"""The demo course comes with grading to try: its instructor finds a three-criterion rubric and "Khrushchev and the
Thaw" graded with it, so the two seed posts can be graded at once; loading the demo again adds nothing."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from blog.models import StudentPostPage
from grading.models import AssignmentSettings, Rubric

pytestmark = pytest.mark.django_db


def test_the_demo_instructor_can_grade_a_seed_post_with_the_demo_rubric():
    call_command("load_demo", force=True, verbosity=0)
    call_command("load_demo", force=True, verbosity=0)

    rubric = Rubric.objects.get()
    assert rubric.title == "Analysing a primary source" and rubric.max_points == 10
    assert [criterion.title for criterion in rubric.criteria.all()] == ["Use of sources", "Argument", "Writing"]
    unit_settings = AssignmentSettings.objects.get()
    assert unit_settings.unit.title == "Khrushchev and the Thaw" and unit_settings.rubric == rubric
    instructor = Client()
    instructor.force_login(rubric.course.enrolments.get(user__username="instructor").user)
    post = StudentPostPage.objects.get(slug="the-illusion-of-khrushchev")
    html = instructor.get(reverse("grading:grade_post", args=[post.pk])).content.decode()
    assert "Analysing a primary source" in html and "Quotes and cites the primary source precisely" in html
