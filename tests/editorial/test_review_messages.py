"""Each review action in the editor says what it did, and who was emailed, on the page it lands on: not Wagtail's
"Page '…' has been updated." for approving and requesting changes alike."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from wagtail.models import Page

from blog.models import StudentPostPage
from tests.editorial_helpers import *  # noqa: F403
from tests.editorial_helpers import DRAFT_TITLE, edit_form
from tests.factories import StudentPostPageFactory, member

pytestmark = pytest.mark.django_db
COMMENT = "Date the Virgin Lands campaign, please."


def seen(response):
    """The admin's messages on the page the user lands on, as they read them (without their buttons)."""
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    for buttons in page.select(".messages li .buttons"):
        buttons.decompose()
    return [" ".join(item.get_text().split()) for item in page.select(".messages li")]


def edit(client, post, **fields):
    return client.post(f"/admin/pages/{post.pk}/edit/", edit_form(post, **fields), follow=True)


def review(client, post, action, comment=""):
    """The editor's "Approve and Publish" or "Request changes" (with the comment typed in its dialog)."""
    extra = json.dumps({"comment": comment}) if action == "reject" else "{}"
    fields = {"action-workflow-action": "true", "workflow-action-name": action, "workflow-action-extra-data": extra}
    return edit(client, Page.objects.get(pk=post.pk).specific, **fields)


def client_as(client, user):
    client.force_login(user)
    return client


def submitted(client, post):
    """The student's "Submit to Instructor review", its message read."""
    client.post(f"/admin/pages/{post.pk}/edit/", edit_form(post, "action-submit"), follow=True)
    return StudentPostPage.objects.get(pk=post.pk)


def test_a_student_submitting_hears_the_instructors_were_emailed(client, draft, student_a, instructor):
    client.force_login(student_a)
    response = client.post(f"/admin/pages/{draft.pk}/edit/", edit_form(draft, "action-submit"), follow=True)
    assert seen(response) == ["Submitted for review; your instructors were emailed."]
    assert [message.to for message in mail.outbox] == [[instructor.email]]


def test_a_post_submitted_as_it_is_created_says_so_too(client, unit, student_a, instructor):
    client.force_login(student_a)
    new = StudentPostPage(title="Khrushchev in Iowa", slug="khrushchev-in-iowa")
    response = client.post(
        f"/admin/pages/add/blog/studentpostpage/{unit.pk}/", edit_form(new, "action-submit"), follow=True
    )
    assert seen(response) == ["Submitted for review; your instructors were emailed."]
    assert StudentPostPage.objects.get(slug="khrushchev-in-iowa").workflow_in_progress


def test_requesting_changes_names_the_student_who_was_emailed(client, draft, student_a, instructor):
    submitted(client_as(client, student_a), draft)
    mail.outbox.clear()
    response = review(client_as(client, instructor), draft, "reject", COMMENT)
    assert seen(response) == ["Changes requested; Ana Author was emailed."]
    assert [message.to for message in mail.outbox] == [[student_a.email]]
    assert COMMENT in mail.outbox[0].body


def test_a_student_without_a_full_name_is_named_by_username(client, unit, instructor):
    terse = member("Students", username="vlad1917", first_name="", last_name="")
    post = StudentPostPageFactory(parent=unit, author=terse, title="Kolkhoz life", publish=False)
    submitted(client_as(client, terse), post)
    response = review(client_as(client, instructor), post, "reject", COMMENT)
    assert seen(response) == ["Changes requested; vlad1917 was emailed."]


def test_a_student_without_an_email_address_is_not_said_to_be_emailed(client, draft, student_a, instructor):
    submitted(client_as(client, student_a), draft)
    student_a.email = ""
    student_a.save()
    response = review(client_as(client, instructor), draft, "reject", COMMENT)
    assert seen(response) == ["Changes requested; Ana Author has no email address, so was not emailed."]


def test_resubmitting_says_resubmitted(client, draft, student_a, instructor):
    submitted(client_as(client, student_a), draft)
    review(client_as(client, instructor), draft, "reject", COMMENT)  # follows the redirect: its message is read
    mail.outbox.clear()
    client.force_login(student_a)
    response = edit(client, Page.objects.get(pk=draft.pk).specific, action="action-submit")
    assert seen(response) == ["Resubmitted for review; your instructors were emailed."]
    assert [message.to for message in mail.outbox] == [[instructor.email]]


def test_restarting_the_workflow_after_changes_were_requested_is_a_resubmission(client, draft, student_a, instructor):
    submitted(client_as(client, student_a), draft)
    review(client_as(client, instructor), draft, "reject", COMMENT)
    client.force_login(student_a)
    response = edit(client, Page.objects.get(pk=draft.pk).specific, action="action-restart-workflow")
    assert seen(response) == ["Resubmitted for review; your instructors were emailed."]


def test_approving_says_published_with_the_title(client, draft, student_a, instructor):
    submitted(client_as(client, student_a), draft)
    response = review(client_as(client, instructor), draft, "approve")
    assert seen(response) == [f"Approved and published: “{DRAFT_TITLE}”."]
    assert StudentPostPage.objects.get(pk=draft.pk).live


def test_submitting_from_a_stale_tab_claims_no_email(client, draft, student_a, instructor):
    """The post went into review since the instructor's tab was opened: Wagtail only saves the draft, and no one is
    emailed, so no one is said to be."""
    submitted(client_as(client, student_a), draft)
    mail.outbox.clear()
    client.force_login(instructor)
    response = edit(client, Page.objects.get(pk=draft.pk).specific, action="action-submit")
    assert seen(response) == [f"Page '{DRAFT_TITLE}' has been updated."]
    assert mail.outbox == []


def test_saving_a_draft_keeps_wagtails_message(client, draft, student_a):
    client.force_login(student_a)
    assert seen(edit(client, draft)) == [f"Page '{DRAFT_TITLE}' has been updated."]
