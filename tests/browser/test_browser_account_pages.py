"""The log-in and set-password pages pass axe-core's checks (WCAG 2.2 AA, 7:1 contrast, best practices) at a desktop's
width and a phone's, as they first open and with their errors shown (issue 17, rough edge 9). One browser; both
pages at both widths."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.browser.test_accessibility import AXE, described, run_axe
from tests.browser_helpers import DESKTOP, MOBILE
from tests.factories import member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def violations(page, where):
    return [described(where, violation) for violation in run_axe(page)["violations"]]


def submit(page, button):
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def test_log_in_and_set_password_pages_pass_axe_on_desktop_and_phone(browser_context):
    if not AXE.exists():
        pytest.skip("needs axe-core from npm: run `make checkers` (needs npm)")
    user = member("Students", username="jordan.petrov", email="jordan@students.example.edu")
    uid, token = urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)
    reset_link = f"/accounts/reset/{uid}/{token}/"
    found, checked = [], []
    for width, viewport in (("1280 px", DESKTOP), ("375 px", MOBILE)):
        with browser_context(viewport=viewport, bypass_csp=True) as page:
            page.goto("/accounts/login/")
            found += violations(page, f"log-in ({width})")
            submit(page, "Log in")  # nothing typed: an error under each field and a summary
            found += violations(page, f"log-in with errors ({width})")
            page.goto(reset_link)  # redirects to the set-password form, the token kept in the session
            found += violations(page, f"set password ({width})")
            page.get_by_label("New password", exact=True).fill("password123")
            page.get_by_label("New password again").fill("password123")
            submit(page, "Set my password")
            checked.append(page.locator("#id_new_password2_error").inner_text())
            found += violations(page, f"set password with errors ({width})")
    assert checked == ["This password is too common."] * 2
    assert not found, "axe-core found violations:\n" + "\n".join(found)
