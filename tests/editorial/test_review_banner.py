"""When a reviewer requests changes, whoever opens the post's editor reads the whole comment first, credited to the
reviewer by name, and the status panel says "Changes requested"; once the post is resubmitted or approved, both
are gone. Wagtail alone kept the comment in the status dialog, under the name of the student who submitted."""

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from wagtail.models import WorkflowState

from editorial.review_notes import ReviewNote
from editorial.templatetags.review_tags import changes_requested_banner
from tests.factories import member
from tests.review_helpers import *  # noqa: F403
from tests.review_helpers import REQUESTED_AT, approve, submit
from tests.xss_corpus import PAYLOADS, assert_inert, marker

pytestmark = pytest.mark.django_db
COMMENT = (
    "Cite the Secret Speech from <em>Pravda</em>, not the textbook.\n\n"
    "And say when the Virgin Lands campaign began: your second section needs the date."
)


def editor(client, user, post):
    client.force_login(user)
    response = client.get(f"/admin/pages/{post.pk}/edit/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def banner(page):
    return page.find("section", attrs={"aria-labelledby": "changes-requested-heading"})


def status_headings(page):
    return [" ".join(h3.get_text().split()) for h3 in page.select("h3[id^=status-sidebar-]")]


def resubmit(post, user):
    post.refresh_from_db()
    post.save_revision(user=user)
    post.current_workflow_state.resume(user)


@pytest.mark.parametrize("reader", ["student", "reviewer"])
def test_the_editor_opens_on_the_whole_comment_credited_to_the_reviewer(client, sent_back, request, reader):
    page = editor(client, request.getfixturevalue(reader), sent_back)
    note = banner(page)
    assert note is not None
    heading = " ".join(note.find(id="changes-requested-heading").get_text().split())
    assert heading == "Changes requested by Dr Ada Lovelace on 3 March:"
    paragraphs = [p.get_text() for p in note.find_all("p")]
    assert paragraphs[:2] == [
        "Cite the Secret Speech from <em>Pravda</em>, not the textbook.",  # as typed: text, never markup
        "And say when the Virgin Lands campaign began: your second section needs the date.",
    ]
    assert note.find("em") is None
    assert note.find_next("form", id="page-edit-form") is not None  # above the form, at the top of the editor


def test_the_status_panel_says_changes_requested_by_the_reviewer(client, sent_back, student):
    page = editor(client, student, sent_back)
    assert "Status: Changes requested" in status_headings(page)
    assert "Status: In Moderation" not in status_headings(page)
    help_text = page.find(id="status-sidebar-changes-requested").find_next(class_="w-help-text").get_text()
    assert "by Dr Ada Lovelace" in help_text and "Dana Reyes" not in help_text


def test_no_banner_once_resubmitted_and_wagtails_status_again(client, sent_back, student):
    resubmit(sent_back, student)
    page = editor(client, student, sent_back)
    assert banner(page) is None
    assert "Pravda" not in str(page)
    assert "Status: In Moderation" in status_headings(page)


def test_no_banner_once_approved(client, sent_back, student, reviewer):
    resubmit(sent_back, student)
    approve(sent_back, reviewer)
    page = editor(client, student, sent_back)
    assert banner(page) is None
    assert "Changes requested" not in page.get_text()


def test_a_note_stays_on_its_own_post(client, sent_back, make_draft, student):
    other = make_draft(title="Khrushchev in Iowa", author=student)
    page = editor(client, student, other)
    assert banner(page) is None and "Pravda" not in str(page)


def test_a_classmate_reads_no_one_elses_note(client, sent_back):
    classmate = member("Students", username="jcole", first_name="Jordan", last_name="Cole")
    client.force_login(classmate)
    response = client.get(f"/admin/pages/{sent_back.pk}/edit/", follow=True)
    assert response.redirect_chain == [("/admin/", 302)]  # Wagtail's "Sorry, you do not have permission"
    assert b"Pravda" not in response.content and b"Lovelace" not in response.content


def test_the_banner_costs_one_query_and_none_without_changes_requested(
    sent_back, make_draft, student, django_assert_num_queries
):
    sent_back_state = WorkflowState.objects.get(status=WorkflowState.STATUS_NEEDS_CHANGES)
    with django_assert_num_queries(1):
        assert changes_requested_banner(sent_back, sent_back_state)["note"].comment == COMMENT
    in_review = make_draft(author=student)
    in_review_state = submit(in_review, student)
    with django_assert_num_queries(0):
        assert changes_requested_banner(in_review, in_review_state)["note"] is None
        assert changes_requested_banner(in_review, None)["note"] is None


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_hostile_comment_or_name_is_shown_as_text(payload):
    note = ReviewNote(comment=payload, reviewer_name=payload, requested_at=REQUESTED_AT)
    html = render_to_string("review/changes_requested_banner.html", {"note": note})
    assert_inert(html, payload, "review banner")
    shown = BeautifulSoup(html, "html.parser").get_text()
    assert shown.count(marker(payload)) >= 2  # the reviewer's name and the comment, both there as text
