"""Repeated wrong passwords lock the username (from any address) and the address (for any username) out of both
log-in pages for a while, with a page that says so; an instructor can lift a lock at once."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from tests.admin_helpers import assert_permission_denied
from tests.factories import member, site_administrator

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough password for tests"
ADMIN_LOGIN = "/admin/login/"
COURSE_LOGIN = "/accounts/login/"


@pytest.fixture
def student(course):
    user = member("Students", username="mhale", first_name="Maya", last_name="Hale")
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(username, password, address="203.0.113.7", url=ADMIN_LOGIN, **headers):
    return Client(REMOTE_ADDR=address, **headers).post(url, {"username": username, "password": password})


def fail(times, username="mhale", address="203.0.113.7", url=ADMIN_LOGIN):
    """Wrong passwords; the one that reaches the limit already answers with the lockout page."""
    return [log_in(username, "not the password", address, url).status_code for _ in range(times)]


def assert_locked_out(response):
    assert response.status_code == 429
    html = response.content.decode()
    assert "Log-in paused" in html
    assert "After 5 failed attempts" in html and "paused for 30 minutes" in html
    assert "ask your instructor to lift the pause" in html


def test_four_failures_still_let_the_right_password_in(student):
    assert fail(4) == [200] * 4  # the log-in form again, with its error
    assert log_in("mhale", PASSWORD).status_code == 302


def test_five_failures_lock_the_username_even_from_another_address(student):
    assert fail(5) == [200] * 4 + [429]
    assert_locked_out(log_in("mhale", PASSWORD))
    assert_locked_out(log_in("mhale", PASSWORD, address="198.51.100.20"))
    assert_locked_out(log_in("mhale", PASSWORD, url=COURSE_LOGIN))


def test_five_failures_from_one_address_lock_that_address_for_every_username(student):
    for number in range(5):
        fail(1, username=f"guess{number}")
    assert_locked_out(log_in("mhale", PASSWORD))
    assert log_in("mhale", PASSWORD, address="198.51.100.20").status_code == 302


def test_the_course_log_in_page_counts_too(student):
    fail(5, url=COURSE_LOGIN)
    assert_locked_out(log_in("mhale", PASSWORD, url=COURSE_LOGIN))
    assert_locked_out(log_in("mhale", PASSWORD, url=ADMIN_LOGIN))


def test_a_forged_forwarded_for_does_not_dodge_the_address_lock(student, settings):
    settings.SEMINAR_TRUSTED_PROXY_COUNT = 1  # production: one load balancer, which appends the real address
    for number in range(5):
        forged = f"192.0.2.{number}, 203.0.113.7"
        log_in(f"guess{number}", "wrong", address="10.0.0.1", HTTP_X_FORWARDED_FOR=forged)
    response = log_in("mhale", PASSWORD, address="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7")
    assert_locked_out(response)
    elsewhere = log_in("mhale", PASSWORD, address="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert elsewhere.status_code == 302


def test_the_lock_ends_by_itself_after_the_cool_off(student):
    fail(5)
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        assert log_in("mhale", PASSWORD).status_code == 302


def test_an_instructor_sees_the_lock_and_lifts_it(client, student):
    fail(5)
    client.force_login(member("Instructors"))
    page = client.get("/admin/lockouts/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Username <strong>mhale</strong>" in html
    assert "203.0.113.7" not in html  # an address belongs to no course: site administrators lift those
    lifted = client.post("/admin/lockouts/", {"kind": "username", "value": "mhale"}, follow=True)
    assert "Unlocked mhale: logging in works again now." in lifted.content.decode()
    assert "Username <strong>mhale</strong>" not in lifted.content.decode()
    assert log_in("mhale", PASSWORD, address="198.51.100.20").status_code == 302


def test_an_instructor_of_another_course_neither_sees_nor_lifts_the_lock(client, student, second_course):
    fail(5)
    client.force_login(member("Instructors", course=second_course))
    assert "mhale" not in client.get("/admin/lockouts/").content.decode()
    refused = client.post("/admin/lockouts/", {"kind": "username", "value": "mhale"}, follow=True)
    assert "Mhale is not locked out in your courses." in refused.content.decode()
    assert_locked_out(log_in("mhale", PASSWORD))


def test_unlocking_an_address_lets_everyone_there_in_again(client, student):
    for number in range(5):
        fail(1, username=f"guess{number}")
    client.force_login(site_administrator())
    assert "Address <code>203.0.113.7</code>" in client.get("/admin/lockouts/").content.decode()
    client.post("/admin/lockouts/", {"kind": "address", "value": "203.0.113.7"})
    assert log_in("mhale", PASSWORD).status_code == 302


def test_a_bad_unlock_request_is_a_400_with_a_message(client, student):
    client.force_login(member("Instructors"))
    response = client.post("/admin/lockouts/", {"kind": "everyone", "value": ""})
    assert response.status_code == 400
    assert "Choose a username or an address to unlock." in response.content.decode()


def test_students_cannot_see_or_lift_locks(client, student):
    other = member("Students", username="dreyes")
    client.force_login(other)
    assert_permission_denied(client, client.get("/admin/lockouts/"))
    fail(5)
    assert_permission_denied(client, client.post("/admin/lockouts/", {"kind": "username", "value": "mhale"}))
    assert_locked_out(log_in("mhale", PASSWORD))


def test_the_menu_shows_the_page_to_instructors_only(client, student):
    client.force_login(member("Instructors"))
    assert "/admin/lockouts/" in client.get("/admin/").content.decode()
    client.force_login(student)
    assert "/admin/lockouts/" not in client.get("/admin/").content.decode()
