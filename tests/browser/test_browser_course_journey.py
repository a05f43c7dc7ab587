"""A second course from its creation to its first submission (issue 16), in Debian's Chromium and Wagtail's own
admin: a site administrator creates "Medieval Europe" in the course catalogue and imports its roster (an instructor,
two students); the new instructor accepts the invitation and adds a unit; the demo course's instructor rolls "Soviet
History" over into the catalogue; a new student accepts theirs, logs in, lands on their home and writes a post for
the unit in one click, and submits it. Only the new course's instructor is emailed, and only their desk and review
list show the post waiting.

Wagtail's autosave is off here (WAGTAIL_AUTOSAVE_INTERVAL = 0): the review journey proves the editor with it, and
here it would only add seconds of waiting before each Publish and Submit."""

import re

import pytest
from django.core import mail
from django.core.management import call_command

from tests.admin_journey_helpers import (
    PASSWORD,
    add_block,
    admin_session,
    expect,
    expect_rich_text_saved,
    footer_menu,
    member_session,
)
from tests.factories import site_administrator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COURSE, TERM = "Medieval Europe", "Fall 2027"
UNIT = "The Crusades"
INSTRUCTOR_EMAIL = "marta.novak@example.edu"
STUDENT_EMAIL = "eli.brandt@students.example.edu"
ROSTER = f"""email,first_name,last_name,section,role
{INSTRUCTOR_EMAIL},Marta,Novak,,instructor
{STUDENT_EMAIL},Eli,Brandt,A,student
ines.ortega@students.example.edu,Ines,Ortega,A,
"""
TITLE = "Pilgrims and Crusaders"
PARAGRAPH = "Urban II's call at Clermont in 1095 spoke to pilgrims as much as to knights."
INVITATION_LINK = re.compile(r"^http://\S+/accounts/reset/\S+/$", re.MULTILINE)


def publish(page, title):
    footer_menu(page).get_by_role("button", name="Publish").click()
    expect(page.get_by_text(f"Page '{title}' created and published.")).to_be_visible()


def accept_invitation(browser_context, email):
    """The invited member follows the link in their email and chooses a password (the demo's, which admin_session
    logs in with)."""
    [invitation] = [message for message in mail.outbox if message.to == [email]]
    with browser_context() as page:
        page.goto(INVITATION_LINK.search(invitation.body).group())
        page.get_by_label("New password", exact=True).fill(PASSWORD)
        page.get_by_label("New password again").fill(PASSWORD)
        page.get_by_role("button", name="Set my password").click()
        expect(page.get_by_role("heading", name="Your password is set")).to_be_visible()


def create_course(page, catalogue):
    """The site administrator adds the course below the catalogue in the page explorer and publishes it."""
    page.goto("/admin/pages/")
    page.get_by_role("link", name=f"Explore child pages of '{catalogue.title}'").click()
    page.get_by_role("link", name="Add child page").click()  # a catalogue takes courses only: straight to the form
    expect(page.get_by_role("heading", name="New: Course home page")).to_be_visible()
    page.get_by_role("textbox", name="Title*").fill(COURSE)
    page.get_by_role("textbox", name="Term", exact=True).fill(TERM)
    publish(page, COURSE)


def import_roster(page):
    """The site administrator chooses the new course on the Roster page and imports the file at once."""
    page.get_by_role("link", name="Roster").click()
    page.get_by_label("Course").select_option(label=f"{COURSE} · {TERM}")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text(f"enrols it in {COURSE};")).to_be_visible()
    page.get_by_label("Roster file (CSV)").set_input_files(
        {"name": "medieval-europe.csv", "mimeType": "text/csv", "buffer": ROSTER.encode()}
    )
    page.get_by_label("Preview only").uncheck()
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("heading", name="Roster imported")).to_be_visible()
    expect(page.locator(".course-choice")).to_have_text(f"Course: {COURSE} · {TERM}")
    expect(page.get_by_role("row", name="Created 3", exact=True)).to_be_visible()


def add_unit(page):
    """The new instructor lands on their course in the explorer and publishes its first unit."""
    page.goto("/admin/pages/")
    expect(page.get_by_role("heading", name=f"Exploring: {COURSE}")).to_be_visible()
    page.get_by_role("link", name="Add child page").click()  # a course takes units only
    expect(page.get_by_role("heading", name="New: Course unit")).to_be_visible()
    page.get_by_role("textbox", name="Title*").fill(UNIT)
    page.get_by_role("textbox", name="Period").fill("1095–1291")
    # Wagtail fills the slug (on the Promote tab) from the title a moment later: publishing before it would meet
    # the Promote tab's "This field is required".
    expect(page.locator("input[name=slug]")).to_have_value("the-crusades")
    publish(page, UNIT)


def roll_over(page, catalogue):
    """The demo instructor rolls their course over from its Actions menu, into the catalogue (the only place an
    instructor may put it: the form has no fields for a site of its own)."""
    page.goto("/admin/pages/")
    expect(page.get_by_role("heading", name="Exploring: Soviet History")).to_be_visible()
    page.get_by_role("navigation", name="Actions").get_by_role("button", name="Actions").click()
    page.get_by_role("link", name="Roll over").click()
    form = page.locator("main form")
    expect(form.get_by_role("textbox", name="Term*")).to_be_visible()
    expect(form).not_to_contain_text("None")  # nothing left where a site administrator's hostname and port go
    form.get_by_role("textbox", name="Term*").fill(TERM)
    form.get_by_label("Course catalogue*").select_option(label=f"{catalogue.title} (seminar.example.edu/)")
    form.get_by_role("button", name="Roll over").click()
    expect(page.get_by_text(f"“Soviet History” rolled over to {TERM}:")).to_be_visible()


def write_and_submit(page):
    """The new student, on their home, writes a post for the new unit in one click and submits it for review."""
    course = page.get_by_role("region", name=COURSE)
    expect(course).to_contain_text(f"{TERM} · Student")
    course.get_by_role("link", name=f"Write a post for {UNIT}").click()
    expect(page.get_by_role("heading", name="New: Student post")).to_be_visible()
    page.get_by_role("textbox", name="Title*").fill(TITLE)
    paragraph = add_block(page, "Paragraph")
    paragraph.get_by_role("textbox").click()
    page.keyboard.type(PARAGRAPH)
    expect_rich_text_saved(paragraph, PARAGRAPH)
    footer_menu(page).get_by_role("button", name="Submit to Instructor review").click()
    expect(page.get_by_text("Submitted for review; your instructors were emailed.")).to_be_visible()


def desk(page):
    """The new course's part of the instructor's desk, on the dashboard."""
    page.goto("/admin/")
    return page.get_by_role("region", name=f"{COURSE} · {TERM}")


def awaiting_review(page):
    """The reviewer's Reports → Posts awaiting review, open."""
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Posts awaiting review").click()
    expect(page.get_by_role("heading", name="Posts awaiting review")).to_be_visible()
    return page.get_by_role("main")


def test_a_new_courses_first_submission_reaches_its_own_instructor_only(
    browser_context,
    live_server,
    catalogue,  # after browser_context, which restores the migrated database
    settings,
):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    call_command("load_demo", force=True, verbosity=0)  # Soviet History, its instructor and students
    site_administrator(username="dean", first_name="Dana", last_name="Ellis", password=PASSWORD)

    with admin_session(browser_context, live_server, "dean") as page:
        create_course(page, catalogue)
        import_roster(page)

    accept_invitation(browser_context, INSTRUCTOR_EMAIL)
    with (
        admin_session(browser_context, live_server, INSTRUCTOR_EMAIL) as marta,
        admin_session(browser_context, live_server, "instructor") as anne,
    ):
        add_unit(marta)
        roll_over(anne, catalogue)

        accept_invitation(browser_context, STUDENT_EMAIL)
        sent_before = len(mail.outbox)
        with member_session(browser_context, live_server, STUDENT_EMAIL) as eli:
            write_and_submit(eli)
        [submission] = mail.outbox[sent_before:]  # one email, to the new course's instructor only
        assert submission.to == [INSTRUCTOR_EMAIL]
        assert submission.subject == f'Eli Brandt submitted "{TITLE}" for review'

        on_the_desk = desk(marta)
        expect(on_the_desk.get_by_role("row", name=TITLE)).to_contain_text("Eli Brandt")
        expect(on_the_desk).to_contain_text("Awaiting review (1)")
        expect(desk(anne)).to_have_count(0)  # not her course: no desk for it
        expect(awaiting_review(anne)).not_to_contain_text(TITLE)
