"""Grading in Chromium, as an instructor does it: from the post's editor, "Grade"; a level chosen for each criterion
by its label, feedback typed into Draftail, saved; the score is on the screen and the feedback in the grade. The
screen's own content passes axe-core (WCAG 2.1 AA)."""

from pathlib import Path

import pytest

from courses.models import Role
from courses.roles import enrol
from grading.models import Grade
from home.models import HomePage
from tests.factories import CourseUnitPageFactory, StudentPostPageFactory, UserFactory
from tests.grading_helpers import assignment, make_rubric

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "correct horse battery staple"  # tests/factories.py's UserFactory
FEEDBACK = "Quote Pravda's own words for the reaction."


def a_graded_unit():
    """The migrated course's unit graded with the source-analysis rubric, an instructor, and a student's post."""
    course = HomePage.objects.get()
    unit = CourseUnitPageFactory(parent=course, title="Khrushchev and the Thaw")
    assignment(unit, rubric=make_rubric(course))
    instructor = UserFactory(username="awhitaker", first_name="Anne", last_name="Whitaker")
    enrol(instructor, course, Role.INSTRUCTOR)
    student = UserFactory(username="dreyes", first_name="Dana", last_name="Reyes")
    enrol(student, course, Role.STUDENT)
    return StudentPostPageFactory(parent=unit, title="The Illusion of Khrushchev", author=student)


def test_an_instructor_grades_a_post_in_the_browser(browser_context):
    sync_api = pytest.importorskip("playwright.sync_api")
    expect = sync_api.expect
    post = a_graded_unit()

    with browser_context(viewport={"width": 1280, "height": 900}) as page:
        page.goto("/admin/login/")
        page.get_by_label("Username").fill("awhitaker")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.goto(f"/admin/pages/{post.pk}/edit/")
        page.get_by_role("navigation", name="Actions").get_by_role("button", name="Actions", exact=True).click()
        page.get_by_role("link", name="Grade", exact=True).click()
        expect(page.get_by_role("heading", name="Grading")).to_be_visible()

        page.get_by_role("group", name="Use of sources").get_by_label("Good, 3 points").check()
        page.get_by_role("group", name="Argument").get_by_label("Excellent, 6 points").check()
        page.get_by_role("textbox", name="Feedback").click()  # the editor is named by its label
        page.keyboard.type(FEEDBACK)
        page.wait_for_function(
            "text => document.querySelector('input[name=feedback]').value.includes(text)", arg=FEEDBACK
        )
        page.get_by_role("button", name="Save the grade as a draft").click()

        expect(page.get_by_text("Grade saved as a draft: 9 / 10.")).to_be_visible()
        expect(page.get_by_text("Score: 9 / 10")).to_be_visible()
        if AXE.exists():
            page.add_script_tag(path=AXE)
            found = page.evaluate(
                "tags => axe.run('.nice-padding', {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
            )
            assert [(each["id"], [node["html"] for node in each["nodes"]]) for each in found["violations"]] == []

    grade = Grade.objects.get(post=post)
    assert grade.raw_score == 9 and FEEDBACK in grade.feedback
