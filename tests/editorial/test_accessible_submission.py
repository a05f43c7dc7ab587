"""A student's post is checked before it goes to review (issue 23, blog/content_checks.py): through the admin's own
"Submit to Instructor review", each accessibility error refuses the submission with its message on the page and
nothing saved; a clean post, or one with warnings only, goes to review; a draft saves whatever it holds; the
instructor reviewing it sees the same findings in the editor. Resubmitting after changes were requested is held
to the same checks."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text, streamfield

from tests.editorial_helpers import *  # noqa: F403
from tests.editorial_helpers import edit_form
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

PARAGRAPH = ("paragraph_block", rich_text("<p>The Secret Speech shook the Party.</p>"))
SECTION = ("heading_block", {"text": "The Secret Speech", "level": "h2"})


def paragraph(html):
    return ("paragraph_block", rich_text(html))


def image(alt, file_name="khrushchev_at_the_20th_congress.jpg"):
    picture = ImageFactory(title="Khrushchev at the Twentieth Congress", file__filename=file_name)
    return ("image_block", {"image": picture.pk, "alt_text": alt, "caption": "", "credit": "", "source_url": ""})


def quote(attribution="", citation=""):
    text = "We must abolish the cult of the individual decisively."
    return ("quote_block", {"text": text, "attribution": attribution, "citation": citation})


def submit(client, post, *blocks):
    return client.post(
        f"/admin/pages/{post.pk}/edit/", edit_form(post, "action-submit", body=streamfield(list(blocks)))
    )


def page_text(response):
    """The page's words as read: "Block 2 (image): …", whose place is a link, without a space before the colon."""
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split()).replace(" : ", ": ")


# Each error, on a post of its own: (its blocks, made when the test runs; the message the student reads).
ERRORS = {
    "a heading that skips a level": (
        lambda: [PARAGRAPH, ("heading_block", {"text": "Reactions abroad", "level": "h3"})],
        "Block 2 (heading): This heading skips a level: a subsection (h3) needs a section (h2) above it.",
    ),
    "an empty heading": (
        lambda: [SECTION, PARAGRAPH, ("heading_block", {"text": "— …", "level": "h2"})],
        "Block 3 (heading): This heading has no words: give it a title, or remove it.",
    ),
    "link text that says nothing": (
        lambda: [paragraph('<p>The speech is online: <a href="https://example.org/speech">click here</a>.</p>')],
        "Block 1 (paragraph): The link text “click here” does not say where the link goes",
    ),
    "link text “Read more…”": (
        lambda: [SECTION, paragraph('<p>Its text. <a href="https://example.org/speech">Read more…</a></p>')],
        "Block 2 (paragraph): The link text “Read more…” does not say where the link goes",
    ),
    "alt text that is the file name": (
        lambda: [PARAGRAPH, image("khrushchev_at_the_20th_congress.jpg")],
        "Block 2 (image): The alt text “khrushchev_at_the_20th_congress.jpg” does not describe the image (it is the "
        "file's name)",
    ),
    "alt text that is the camera's name for it": (
        lambda: [image("IMG_2041")],
        "Block 1 (image): The alt text “IMG_2041” does not describe the image (it is the file's name)",
    ),
    "alt text that says “image”": (
        lambda: [image("Image")],
        "Block 1 (image): The alt text “Image” does not describe the image (it only says there is an image)",
    ),
}


@pytest.mark.parametrize("case", ERRORS, ids=list(ERRORS))
def test_each_error_refuses_the_submission_with_its_message(client, draft, student_a, case):
    blocks, message = ERRORS[case]
    blocks = blocks()  # made here: the images need the test's database
    client.force_login(student_a)
    before = draft.get_latest_revision().pk
    response = submit(client, draft, *blocks)
    assert response.status_code == 200, "the editor comes back with the problem, not a submission"
    text = page_text(response)
    assert "This post cannot go to review yet: 1 accessibility problem to fix first (saving a draft works)." in text
    assert message in text
    post = Page.objects.get(pk=draft.pk).specific
    assert not post.workflow_in_progress
    assert post.get_latest_revision().pk == before, "nothing saved by a refused submission"


def test_every_error_is_listed_and_shown_on_its_block(client, draft, student_a):
    client.force_login(student_a)
    response = submit(
        client,
        draft,
        ("heading_block", {"text": "Reactions abroad", "level": "h3"}),
        paragraph('<p><a href="https://example.org/a">here</a> and <a href="https://example.org/b">link</a></p>'),
        image("picture"),
    )
    text = page_text(response)
    assert "3 accessibility problems to fix first" not in text  # four: the paragraph has two
    assert "4 accessibility problems to fix first" in text
    # Each on its own block, in the editor's data for the StreamField (the block's error, under the field).
    html = response.content.decode()
    assert html.count("does not say where the link goes") >= 4  # two in the list, two on the paragraph block
    assert "This heading skips a level" in html and "only says there is an image" in html


def test_each_listed_error_links_to_its_block_in_the_editor(client, draft, student_a):
    client.force_login(student_a)
    link = "0b5e2c7a-4c1e-4a37-9d55-6a1f3c2e8b10"
    alt_text = "7d0c7f1e-2a8b-4f7e-8c55-2b9f0e1d4a66"
    form = edit_form(
        draft,
        "action-submit",
        body=streamfield([SECTION, paragraph('<p><a href="https://example.org">Read more</a></p>'), image("image")]),
    )
    form["body-1-id"], form["body-2-id"] = link, alt_text  # the editor sends each block's id
    response = client.post(f"/admin/pages/{draft.pk}/edit/", form)
    listed = BeautifulSoup(response.content, "html.parser").select(".messages ul.errorlist li")
    links = {" ".join(item.get_text().split()): [a["href"] for a in item.select("a")] for item in listed}
    assert links == {
        "This post cannot go to review yet: 2 accessibility problems to fix first (saving a draft works).": [],
        "Block 2 (paragraph): The link text “Read more” does not say where the link goes: use words that name it, "
        "such as the title of the page or document it opens.": [f"#block-{link}-section"],
        "Block 3 (image): The alt text “image” does not describe the image (it only says there is an image): say "
        "what the image shows, as you would to a reader who cannot see it.": [f"#block-{alt_text}-section"],
        "Body: each problem is marked on its block below.": [],
    }


def test_the_list_keeps_what_a_student_wrote_as_text(client, draft, student_a):
    client.force_login(student_a)
    response = submit(client, draft, paragraph('<p><a href="https://example.org">&lt;b&gt;here&lt;/b&gt;</a></p>'))
    listed = BeautifulSoup(response.content, "html.parser").select(".messages ul.errorlist li")
    assert [item.select("b") for item in listed] == [[] for _ in listed]


def test_a_clean_post_goes_to_review(client, draft, student_a):
    client.force_login(student_a)
    response = submit(
        client,
        draft,
        SECTION,
        paragraph('<p>Read <a href="https://example.org/speech">the Secret Speech in translation</a>.</p>'),
        image("Khrushchev at the lectern of the Twentieth Party Congress, February 1956"),
        quote(attribution="N. S. Khrushchev"),
        ("heading_block", {"text": "Reactions abroad", "level": "h3"}),
    )
    assert response.status_code == 302
    assert Page.objects.get(pk=draft.pk).specific.workflow_in_progress


def test_warnings_do_not_block(client, draft, student_a):
    client.force_login(student_a)
    response = submit(
        client,
        draft,
        quote(),
        paragraph('<p>See <a href="https://example.org/speech">https://example.org/speech</a></p>'),
    )
    assert response.status_code == 302
    assert Page.objects.get(pk=draft.pk).specific.workflow_in_progress


def test_a_draft_saves_whatever_it_holds(client, draft, student_a):
    client.force_login(student_a)
    form = edit_form(draft, body=streamfield([image("image")]))
    assert client.post(f"/admin/pages/{draft.pk}/edit/", form).status_code == 302
    saved = Page.objects.get(pk=draft.pk).specific.get_latest_revision_as_object()
    assert saved.body[0].value["alt_text"] == "image"


def test_the_editor_and_the_reviewer_see_the_findings_of_the_saved_post(client, draft, student_a, instructor):
    client.force_login(student_a)
    link = paragraph('<p><a href="https://example.org">click here</a></p>')
    form = edit_form(draft, body=streamfield([link, quote()]))
    client.post(f"/admin/pages/{draft.pk}/edit/", form)
    for user in (student_a, instructor):
        client.force_login(user)
        panel = BeautifulSoup(client.get(f"/admin/pages/{draft.pk}/edit/").content, "html.parser")
        listed = panel.select(".accessibility-checks li")
        assert [link["href"] for item in listed for link in item.select("a")] == [
            f"#block-{block.id}-section" for block in Page.objects.get(pk=draft.pk).get_latest_revision_as_object().body
        ], "each finding links to its block in the editor"
        findings = [" ".join(item.get_text().split()) for item in listed]
        assert findings == [
            "Fix: Block 1 (paragraph): The link text “click here” does not say where the link goes: use words that "
            "name it, such as the title of the page or document it opens.",
            "Check: Block 2 (quote): This quote does not say who said or wrote it, nor where: add them, unless the "
            "text around it does.",
        ], user.username


def test_resubmitting_after_changes_were_requested_is_checked_too(client, draft, student_a, instructor):
    client.force_login(student_a)
    assert submit(client, draft, PARAGRAPH).status_code == 302
    client.force_login(instructor)
    post = Page.objects.get(pk=draft.pk).specific
    task_state = post.current_workflow_task_state
    reject = f"/admin/pages/workflow/action/{post.pk}/reject/{task_state.pk}/"
    assert client.post(reject, {"comment": "Add a picture."}).status_code == 302
    client.force_login(student_a)
    refused = submit(client, post, PARAGRAPH, image("photo"))
    assert refused.status_code == 200 and "does not describe the image" in page_text(refused)
    assert submit(client, post, PARAGRAPH, image("Crowds in Red Square, 1956")).status_code == 302


def test_the_editors_content_checker_judges_alt_text_as_the_server_does(client, draft, student_a, instructor):
    """Wagtail's content checker in a post's preview: the page's content only, and the server's alt text rule."""
    client.force_login(student_a)
    preview = f"/admin/pages/{draft.pk}/edit/preview/"
    assert client.post(preview, edit_form(draft)).json()["is_valid"]
    html = client.get(f"{preview}?in_preview_panel=true").content.decode()
    # In the userbar's <template>, which the test's HTML parser does not walk into.
    script = re.search(r'<script id="checker-axe-configuration" type="application/json">(.*?)</script>', html, re.S)
    configuration = json.loads(script.group(1))
    assert configuration["context"]["include"] == ["main"]
    [alt_check] = [check for check in configuration["spec"]["checks"] if check["id"] == "check-image-alt-text"]
    pattern = re.compile(alt_check["options"]["pattern"], re.IGNORECASE)  # the browser's RegExp, flag "i"
    for refused in ("IMG_2041", "khrushchev.jpg", "Image", "a photo."):
        assert pattern.search(refused), refused
    for described in ("Khrushchev at the lectern, 1956", "A photo of crowds in Red Square"):
        assert not pattern.search(described), described
    assert {"heading-order", "empty-heading", "link-name"} <= set(configuration["options"]["runOnly"])
