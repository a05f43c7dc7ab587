"""New students are invited by email, once the import has committed: their login and a one-time link to choose a
password, which works. No password is ever put in an email."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from tests.account_helpers import NEW_PASSWORD, choose_password
from tests.factories import member

pytestmark = pytest.mark.django_db
GOOD = Path(__file__).parent.parent / "fixtures" / "roster" / "good.csv"
LINK = re.compile(r"http://testserver(/accounts/reset/[\w-]+/[\w-]+/)")


def import_good():
    call_command("import_roster", str(GOOD), stdout=StringIO())


def test_invitations_go_out_only_after_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        import_good()
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ana.petrova@students.example.edu",
        "boris.ivanov@students.example.edu",
        "chen.li@students.example.edu",
    ]


def test_invitation_content_and_link_let_the_student_choose_a_password(
    client, course, django_capture_on_commit_callbacks
):
    member("Students", email="boris.ivanov@students.example.edu")  # existing: not invited again
    with django_capture_on_commit_callbacks(execute=True):
        import_good()
    assert len(mail.outbox) == 2
    message = next(m for m in mail.outbox if m.to == ["ana.petrova@students.example.edu"])
    assert message.subject == "Your account on Soviet History"
    assert "Hello Ana," in message.body
    assert "Your login is: ana.petrova@students.example.edu" in message.body
    assert "http://testserver/accounts/login/" in message.body
    ana = get_user_model().objects.get(username="ana.petrova@students.example.edu")
    assert not ana.has_usable_password()  # there is no password to leak, and the email only says how to choose one
    assert [line for line in message.body.splitlines() if "password" in line.lower()] == [
        "Choose your password here:",
        'The link works once and expires in 3 days; if it has expired, use "Forgotten your password?" on the '
        "log-in page to get a new one. Once your password is set, log in at:",
        "If you did not expect this email, you can ignore it: nobody can use the account until a password is chosen "
        "with this link.",
    ]
    assert "Your password is set" in choose_password(client, LINK.search(message.body).group(1))
    ana.refresh_from_db()
    assert ana.check_password(NEW_PASSWORD)
    logged_in = client.post(
        "/accounts/login/", {"username": "ana.petrova@students.example.edu", "password": NEW_PASSWORD}
    )
    assert logged_in.status_code == 302 and logged_in.wsgi_request.user.is_authenticated
    again = client.get(LINK.search(message.body).group(1), follow=True)
    assert "This link has already been used or has expired" in again.content.decode()


def test_the_link_uses_wagtailadmin_base_url(settings, django_capture_on_commit_callbacks):
    settings.WAGTAILADMIN_BASE_URL = "https://seminar.example.edu/"
    with django_capture_on_commit_callbacks(execute=True):
        import_good()
    assert re.search(r"https://seminar\.example\.edu/accounts/reset/[\w-]+/[\w-]+/\n", mail.outbox[0].body)


def test_no_invitation_for_a_student_who_already_chose_a_password(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        import_good()
    for user in get_user_model().objects.all():
        user.set_password("chosen meanwhile")
        user.save()
    for callback in callbacks:
        callback()
    assert mail.outbox == []
