"""The XSS corpus in Debian's Chromium: a course whose posts, blocks, tags, author names and comments carry every
payload. On each page a reader or an instructor opens, no dialog opens, nothing is asked of evil.example, and the
Content-Security-Policy has nothing to block (a blocked inline script would mean the escaping had failed)."""

from urllib.parse import urlsplit

import pytest
from django.utils.html import escape
from django_comments_xtd.models import XtdComment
from taggit.models import Tag

from blog.models import CourseUnitPage, StudentPostPage
from home.models import HomePage
from tests.browser.test_browser_csp import VIOLATIONS, violations
from tests.comment_helpers import approved_comment, held_comment
from tests.factories import CourseUnitPageFactory, ImageFactory, StudentPostPageFactory, member
from tests.xss_corpus import PAYLOADS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "an instructor's long password"


@pytest.fixture
def hostile_course(migrated_database):
    course = HomePage.objects.get()
    course.title = "Soviet History"
    course.save_revision().publish()
    unit = CourseUnitPageFactory(parent=course, title="Khrushchev and the Thaw")
    image = ImageFactory()
    for number, payload in enumerate(PAYLOADS):
        author = member("Students", username=f"student{number}", first_name=payload[:150], last_name="Hale")
        post = StudentPostPageFactory(
            parent=unit, title=payload[:255], slug=f"post-{number}", author=author, excerpt=payload
        )
        post.tags.add(f"{payload[:90]} tag")
        post.body = [
            {"type": "paragraph_block", "value": f"<p>{escape(payload)}</p>"},
            {"type": "heading_block", "value": {"text": payload[:200], "level": "h2"}},
            {"type": "image_block", "value": {"image": image.pk, "alt_text": payload, "caption": payload}},
            {"type": "quote_block", "value": {"text": payload, "attribution": payload, "citation": payload}},
            {"type": "primary_source_block", "value": {"title": payload, "url": payload, "excerpt": payload}},
            {"type": "bibliography_block", "value": [payload]},
        ]
        post.save_revision().publish()
        comment = approved_comment(post, text=payload, user_name=payload[:50], user_url=payload[:200])
        approved_comment(post, text=payload, parent=comment, user_name=payload[:50])
        held_comment(post, text=payload, user_name=payload[:50])
    instructor = member("Instructors", username="instructor")
    instructor.set_password(PASSWORD)
    instructor.save()
    return course


def visit_all(page, urls):
    """Each url opened (until its load event); returns the dialogs and CSP violations met, by url."""
    met = []
    page.on("dialog", lambda dialog: (met.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    problems = {}
    for url in urls:
        met.clear()
        page.goto(url)
        if found := met + violations(page):
            problems[url] = found
    return problems


def test_no_payload_runs_for_a_reader_or_an_instructor(browser_context, live_server, hostile_course):
    unit = CourseUnitPage.objects.get()
    posts = StudentPostPage.objects.live().order_by("pk")
    public = [hostile_course.url, *(f"{unit.url}?page={number}" for number in range(1, 6))]
    public += [post.url for post in posts]
    replies = XtdComment.objects.filter(level=0, is_public=True).order_by("pk")[:10]
    public += [f"/comments/reply/{comment.pk}/" for comment in replies]
    public += [f"{hostile_course.url}tags/{tag.slug}/" for tag in Tag.objects.all()]
    public += [f"{hostile_course.url}authors/{post.author_profile.slug}/" for post in posts[:10]]
    public += [f"{hostile_course.url}search/?q={payload[:100]}" for payload in PAYLOADS[:10]]
    evil = []
    with browser_context(init_script=VIOLATIONS) as page:
        page.route(
            lambda url: urlsplit(url).hostname == "evil.example",
            lambda route: (evil.append(route.request.url), route.abort()),
        )
        assert visit_all(page, public) == {}
        page.goto("/admin/login/")
        page.get_by_label("Username").fill("instructor")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/admin/")
        admin = ["/admin/", f"/admin/pages/{unit.pk}/", "/admin/comments/", "/admin/comments/?state=all"]
        admin += [f"/admin/pages/{post.pk}/edit/" for post in posts[:10]]
        assert visit_all(page, admin) == {}
    assert evil == []
