"""Two app servers (two gunicorn processes) on one PostgreSQL and one Redis, as behind a load balancer: an
instructor approves and publishes a post through the first, and a reader of the second, whose pages were warm in
the shared page cache, sees the post and its unit listing on the next request."""

import urllib.request

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from tests.browser_helpers import TIMEOUT_MS
from tests.factories import member
from tests.server_helpers import app_server

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "correct horse battery staple"
TITLE = "Ehrenburg and the Arts of the Thaw"


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers.get("X-Page-Cache"), response.read().decode()


def test_a_post_published_on_one_server_is_read_on_the_other_at_once(
    browser, migrated_database, course, unit, make_draft
):
    student = member("Students", first_name="Jordan", last_name="Cole")
    instructor = member("Instructors", first_name="Anne", last_name="Whitaker")
    # The servers run with Django's default hashers, not the suite's fast MD5 one.
    instructor.password = PBKDF2PasswordHasher().encode(PASSWORD, "twoservers")
    instructor.save()
    post = make_draft(title=TITLE, author=student)
    post.get_workflow().start(post, student)

    with app_server() as first_server, app_server() as second_server:
        first, second = first_server.url, second_server.url
        for url in (f"{second}{course.url}", f"{second}{unit.url}"):
            fetch(url)
            state, html = fetch(url)
            assert state == "hit" and TITLE not in html

        context = browser.new_context(base_url=first)
        context.set_default_timeout(TIMEOUT_MS)
        try:
            page = context.new_page()
            page.goto("/admin/login/")
            page.get_by_label("Username").fill(instructor.username)
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(f"{first}/admin/")
            page.goto(f"/admin/pages/{post.pk}/edit/")
            footer = page.get_by_role("navigation", name="Actions (footer)")
            footer.get_by_role("button", name="More actions").click()
            footer.get_by_role("button", name="Approve and Publish").click()
            page.get_by_text(f"Approved and published: “{TITLE}”.").wait_for()
        finally:
            context.close()

        for url in (f"{second}{course.url}", f"{second}{unit.url}"):
            state, html = fetch(url)
            assert state == "miss" and TITLE in html, url
        post.refresh_from_db()
        assert fetch(f"{second}{post.url}")[1].count(TITLE) >= 1
