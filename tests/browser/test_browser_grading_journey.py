"""Grading a unit from start to finish, in Debian's Chromium and Wagtail's own admin: the instructor builds a
three-criterion rubric, sets the unit to grade with it (a late penalty of 10% a day) and gives Ana an extension; grades
Ana's post, late by the unit's due date but on time by her own, and Boris's, a day late, from the review list, with
feedback for each; releases the unit's grades. Each student is emailed once, logs in, reads their own score, levels
and feedback on their home and on their grade page, and never the other's (whose grade page is a 404). The
gradebook's CSV download holds the scores the screens show. Each step waits on what the person at the screen sees."""

import csv
import re

import pytest
from django.core import mail

from blog.models import StudentPostPage
from tests.admin_journey_helpers import admin_session, expect, member_session
from tests.grading_journey_helpers import UNIT, fill_criterion, graded_course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RUBRIC = "Reading a Thaw-era source"
CRITERIA = [
    ("Use of sources", [("Excellent", "4"), ("Weak", "1")]),
    ("Argument", [("Strong", "4"), ("Thin", "2")]),
    ("Writing", [("Clear", "2"), ("Unclear", "1")]),
]
ANA_POST, BORIS_POST = "Ehrenburg's Thaw and the Arts", "The Virgin Lands Campaign"
STUDENTS = [  # username, names, post, hours after the unit's due date it was submitted
    ("aauthor", "Ana", "Author", ANA_POST, 20),  # late by the unit's date, not by her extension (3 days)
    ("bclassmate", "Boris", "Classmate", BORIS_POST, 2),  # a day late: 10% off
]
ANA_LEVELS = {"Use of sources": "Excellent, 4 points", "Argument": "Strong, 4 points", "Writing": "Clear, 2 points"}
BORIS_LEVELS = {"Use of sources": "Weak, 1 point", "Argument": "Strong, 4 points", "Writing": "Unclear, 1 point"}
ANA_FEEDBACK = "Your reading of Znamya's letters page is the strongest part."
BORIS_FEEDBACK = "Say which Komsomol volunteers you quote and when they wrote."
ANA_SCORE, BORIS_SCORE = "10 / 10", "6 / 10, less 10% late penalty: 5.40"


def test_an_instructor_grades_a_unit_and_each_student_reads_only_their_own_grade(browser_context, live_server):
    course, unit = graded_course(STUDENTS)
    ana_post, boris_post = (StudentPostPage.objects.get(title=title) for title in (ANA_POST, BORIS_POST))
    settings_url = f"/admin/grading/units/{unit.pk}/"

    with admin_session(browser_context, live_server, "awhitaker") as page:
        # 1. The rubric, built in the Rubrics admin: three criteria of two levels each, in nested panels.
        page.get_by_role("link", name="Rubrics").click()
        page.get_by_role("link", name="Add rubric").click()
        expect(page.get_by_role("combobox", name="Course*")).to_have_value(str(course.pk))  # the one she instructs
        page.get_by_role("textbox", name="Title*").first.fill(RUBRIC)
        for index, (title, levels) in enumerate(CRITERIA):
            fill_criterion(page, index, title, levels)
        page.get_by_role("button", name="Create").click()
        expect(page.get_by_role("row").filter(has_text=RUBRIC)).to_contain_text("10")

        # 2. The unit's grading settings: the rubric, 10% a day late; then Ana's extension, three days on.
        page.goto(settings_url)
        page.get_by_label("Rubric").select_option(label=RUBRIC)
        page.get_by_label("Late policy").select_option(label="A penalty per day late, up to a cap")
        page.get_by_label("Penalty per day late (%)").fill("10")
        page.get_by_role("button", name="Save grading settings").click()
        expect(page.get_by_text(f"Grading settings saved for “{UNIT}”.")).to_be_visible()
        page.get_by_label("Student", exact=True).select_option(label="Ana Author")
        page.get_by_label("Due date").fill("2027-03-04 17:00")
        page.get_by_role("button", name="Grant the extension").click()
        expect(page.get_by_text(f"Extension granted to Ana Author for “{UNIT}”.")).to_be_visible()

        # 3. Each post graded from the review list: a level per criterion, feedback typed into Draftail.
        grade(page, ANA_POST, ANA_LEVELS, ANA_FEEDBACK)
        lateness = page.get_by_role("region", name="Lateness")
        expect(lateness).to_contain_text("(extension)")
        expect(lateness).to_contain_text("Not late")
        expect(page.get_by_text("Grade saved as a draft: 10 / 10.")).to_be_visible()

        grade(page, BORIS_POST, BORIS_LEVELS, BORIS_FEEDBACK)
        expect(page.get_by_text("Grade saved as a draft: 6 / 10, less 10% late penalty = 5.40.")).to_be_visible()
        expect(page.get_by_role("region", name="Lateness")).not_to_contain_text("(extension)")

        # 4. The release, from the unit's grading settings, after the confirmation.
        page.goto(settings_url)
        page.get_by_role("link", name="Release 2 grades to students").click()
        expect(page.get_by_role("heading", name=f"Release 2 grades of “{UNIT}” to students?")).to_be_visible()
        page.get_by_role("button", name="Release 2 grades to students").click()
        expect(page.get_by_text(f"2 grades of “{UNIT}” released to students; each student is emailed.")).to_be_visible()

        released = [message for message in mail.outbox if message.subject == f'Your grade for "{UNIT}" is released']
        assert sorted(message.to for message in released) == [["aauthor@example.edu"], ["bclassmate@example.edu"]]
        assert all(ANA_FEEDBACK not in message.body and BORIS_FEEDBACK not in message.body for message in released)

        # 5. Each student reads their own grade, levels and feedback; the other's grade page is a 404.
        ana = ("aauthor", ANA_POST, ANA_SCORE, ANA_LEVELS, ANA_FEEDBACK)
        boris = ("bclassmate", BORIS_POST, BORIS_SCORE, BORIS_LEVELS, BORIS_FEEDBACK)
        read_own_grade(browser_context, live_server, *ana, other=(boris_post, BORIS_FEEDBACK))
        read_own_grade(browser_context, live_server, *boris, other=(ana_post, ANA_FEEDBACK))

        # 6. The instructor, still logged in, opens the gradebook and downloads its CSV: the scores on the screens.
        page.get_by_role("link", name="Gradebook").click()
        expect(page.get_by_role("row", name=re.compile("^Ana Author"))).to_contain_text("10.00")
        expect(page.get_by_role("row", name=re.compile("^Boris Classmate"))).to_contain_text("5.40")
        page.get_by_role("button", name="Actions").click()
        with page.expect_download() as download:
            page.get_by_role("link", name="Download CSV").click()
        with open(download.value.path(), newline="", encoding="utf-8-sig") as file:
            rows = {row["Username"]: row for row in csv.DictReader(file)}
    assert (rows["aauthor"][UNIT], rows["bclassmate"][UNIT]) == ("10.00", "5.40")
    assert rows["aauthor"][f"{UNIT} (status)"] == "released; extension"
    assert rows["bclassmate"][f"{UNIT} (days late)"] == "1"
    assert course.slug in download.value.suggested_filename


def grade(page, title, levels, feedback):
    """From the review list, the post's Grade link; a level for each criterion, the feedback, saved as a draft."""
    page.goto("/admin/reports/review/")
    page.get_by_role("row").filter(has_text=title).get_by_role("link", name="Not graded").click()
    expect(page.get_by_role("heading", name="Grading")).to_be_visible()
    for criterion, level in levels.items():
        page.get_by_role("group", name=criterion).get_by_label(level).check()
    page.get_by_role("textbox", name="Feedback").click()
    page.keyboard.type(feedback)
    page.wait_for_function("text => document.querySelector('input[name=feedback]').value.includes(text)", arg=feedback)
    page.get_by_role("button", name="Save the grade as a draft").click()


def read_own_grade(browser_context, live_server, username, title, score, levels, feedback, other):
    """The student's home shows the grade line; its link, the levels chosen and the feedback, theirs alone. The
    `other` student's grade page (their post, their feedback) is a 404 that says nothing of it."""
    other_post, other_feedback = other
    with member_session(browser_context, live_server, username) as page:
        mine = page.locator(".member-post", has_text=title)
        expect(mine.locator(".member-grade")).to_contain_text(f"Grade: {score}")
        mine.get_by_role("link", name=f"See your grade and feedback on “{title}”").click()
        expect(page.get_by_role("heading", name=f"Grade: {score}")).to_be_visible()
        for criterion, level in levels.items():
            chosen = page.get_by_role("list", name=criterion).locator("[aria-current=true]")
            expect(chosen).to_have_text(f"✓ Chosen: {level}")
        expect(page.get_by_role("region", name="Feedback")).to_contain_text(feedback)
        expect(page.locator("body")).not_to_contain_text(other_feedback)
        assert page.goto(f"/admin/grading/posts/{other_post.pk}/my-grade/").status == 404
        expect(page.locator("body")).not_to_contain_text(other_feedback)
