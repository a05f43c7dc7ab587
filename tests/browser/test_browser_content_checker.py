"""Wagtail's content checker in the post editor (its Checks panel, run on the post's preview in Debian's
Chromium) shows what the server will decide on submission (issue 23): beside its own rules (a heading that skips
a level), link text that says nothing, link text that is a web address and a quote without its source, which
axe-core cannot judge from markup and the server marks on the preview (blog/templatetags/post_checks.py). A
reader's page carries no such marks."""

import pytest
from django.core.management import call_command

from blog.models import CourseUnitPage
from tests.admin_journey_helpers import expect, member_session
from tests.factories import StudentPostPageFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_checks_panel_shows_the_servers_findings(browser_context, live_server, settings, client):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    call_command("load_demo", force=True, verbosity=0)
    student = member("Students", username="jcole")
    paragraph = (
        '<p>Khrushchev\'s speech is <a href="https://example.org/speech">here</a>; the congress record is at '
        '<a href="https://example.org/record">https://example.org/record</a>.</p>'
    )
    post = StudentPostPageFactory(
        parent=CourseUnitPage.objects.get(title="Khrushchev and the Thaw"),
        author=student,
        title="The Secret Speech abroad",
        publish=True,
        body__0="heading_block",
        body__0__heading_block__text="Reactions abroad",
        body__0__heading_block__level="h3",
        body__1="paragraph_block",
        body__1__paragraph_block__value=paragraph,
        body__2="quote_block",
        body__2__quote_block__text="We must abolish the cult of the individual decisively.",
        body__2__quote_block__attribution="",
        body__2__quote_block__citation="",
    )
    with member_session(browser_context, live_server, "jcole") as page:
        page.goto(f"/admin/pages/{post.pk}/edit/")
        page.get_by_role("button", name="Toggle checks").click()
        found = page.locator("[data-content-checker-name]")
        expect(found).to_have_count(4, timeout=30_000)  # the preview loads and axe-core runs on it
        assert sorted(found.all_inner_texts()) == [
            "Incorrect heading hierarchy",
            "Link text is a web address (a warning)",
            "Link text says nothing of where it goes",
            "Quote without its source (a warning)",
        ]

    public = client.get(post.url).content.decode()
    assert "data-content-check" not in public and "here</a>" in public
