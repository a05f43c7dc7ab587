"""A tour of every kind of public page, the way a reader reaches each one, for the checks that must hold on all
of them (axe-core, the Nu HTML Checker, screenshots).

`tour_course` is the demo course plus what the demo lacks: a unit long enough for a second page, a reply three
levels deep and a post with every kind of block. `tour(page)` walks a browser tab through the pages and yields
(name, HTML as the server sent it) at each, with the tab showing that page."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from blog.models import CourseUnitPage, StudentPostPage
from tests.comment_helpers import approved_comment, confirm_link
from tests.factories import StudentPostPageFactory, every_block_post

UNIT = "Khrushchev and the Thaw"
THREADED_POST = "The Man of Steel Falls and The Union is Reborn"
EVERY_BLOCK_POST = "Sputnik and the Space Race"
TOUR_STOPS = [
    "home",
    "unit",
    "unit-page-2",
    "post-threaded",
    "post-every-block",
    "reply-page",
    "comment-errors",
    "confirmation-sent",
    "awaiting-moderation",
    "author-archive",
    "tag-archive",
    "search-results",
    "search-empty",
    "not-found",
    "log-in",
    "member-home",
    "post-as-member",
]
DEEP_REPLY = "The thaw had limits: Hungary in 1956 showed exactly where they were."


@pytest.fixture
def tour_course(migrated_database, settings):
    """The demo course, its unit "Khrushchev and the Thaw" two pages long, a thread three levels deep."""
    call_command("load_demo", force=True, verbosity=0)
    unit = CourseUnitPage.objects.get(title=UNIT)
    oldest = timezone.now() - timedelta(days=900)
    for number in range(settings.SEMINAR_POSTS_PER_PAGE):
        StudentPostPageFactory(parent=unit, title=f"Notes on the Thaw, part {number + 1}", published_at=oldest)
    every_block_post(parent=unit, title=EVERY_BLOCK_POST, tags=["Khrushchev"])
    post = StudentPostPage.objects.get(title=THREADED_POST)
    reply = XtdComment.objects.filter(object_pk=str(post.pk), level=1).order_by("thread_id", "order").first()
    approved_comment(post, text=DEEP_REPLY, parent=reply)
    return unit.get_parent().specific


def tour(page, email="olga@example.org"):
    """Walk `page` through every kind of public page, then log in as the demo's student Marcus Hale to their home
    and a post under the members' bar; yield (name, the HTML the server sent) at each stop.

    On the way a stranger with this `email` comments: another tour in the same test needs another address, as the
    same comment from the same address is taken for a double submit."""
    unit = CourseUnitPage.objects.get(title=UNIT)
    threaded = StudentPostPage.objects.get(title=THREADED_POST)
    deep_reply = XtdComment.objects.get(comment=DEEP_REPLY)

    yield "home", visit(page, "/")
    yield "unit", visit(page, unit.url)
    yield "unit-page-2", visit(page, f"{unit.url}?page=2")
    yield "post-threaded", visit(page, threaded.url)
    yield "post-every-block", visit(page, StudentPostPage.objects.get(title=EVERY_BLOCK_POST).url)
    yield "reply-page", visit(page, f"/comments/reply/{deep_reply.parent_id}/")
    yield "comment-errors", submit(page, page.get_by_role("button", name="Post Comment"))
    form = page.locator("form.comment-form")
    form.get_by_role("textbox", name="Name").fill("Olga Reader")
    form.get_by_role("textbox", name="Email").fill(email)
    form.get_by_role("textbox", name="Comment").fill("Was the Thaw felt outside Moscow and Leningrad?")
    yield "confirmation-sent", submit(page, form.get_by_role("button", name="Post Comment"))
    confirmation = next(message for message in reversed(mail.outbox) if message.to == [email])
    link = confirm_link(confirmation)
    yield "awaiting-moderation", visit(page, link)
    yield "author-archive", visit(page, f"/authors/{threaded.author_profile.slug}/")
    yield "tag-archive", visit(page, "/tags/khrushchev/")
    yield "search-results", visit(page, "/search/?q=Khrushchev")
    yield "search-empty", visit(page, "/search/?q=")
    yield "not-found", visit(page, "/no-such-page/", status=404)
    # A student of the demo course logs in, lands on their home, and reads a post under the members' bar.
    yield "log-in", visit(page, "/accounts/login/")
    page.get_by_label("Username").fill("mhale")
    page.get_by_label("Password").fill("seminar-demo")
    html = submit(page, page.get_by_role("button", name="Log in"))
    assert page.url.endswith("/me/"), f"logging in led to {page.url}"
    page.get_by_role("navigation", name="Your account").wait_for()  # the members' bar arrives after the page
    yield "member-home", html
    html = visit(page, threaded.url)
    page.get_by_role("navigation", name="Your account").wait_for()
    yield "post-as-member", html


def visit(page, url, status=200):
    """Open `url` and let the page's own requests finish, as a reader who stays to read does.

    A post page fetches its comment form in the background; leaving before that answer arrives lets it set the
    CSRF cookie after the next page's, and the next form post then fails its CSRF check."""
    response = page.goto(url)
    assert response.status == status, f"{url} answered {response.status}"
    if page.locator(".leave-reply[data-form-url]").count():
        page.wait_for_load_state("networkidle")
    return response.text()


def submit(page, button):
    with page.expect_navigation() as navigation:
        button.click()
    return navigation.value.text()
