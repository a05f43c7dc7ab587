"""Approving a held comment from the queue emails its author once, however often it is approved."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.comment_helpers import held_comment
from tests.factories import member

pytestmark = pytest.mark.django_db
SUBJECT = 'Your comment on "The Thaw" is published'


@pytest.fixture
def held(make_post):
    return held_comment(make_post(title="The Thaw"), text="Held until now", email="nina@example.org")


def approval_emails():
    return [message for message in mail.outbox if message.subject == SUBJECT]


def test_approving_a_held_comment_emails_the_commenter(client, held):
    client.force_login(member("Instructors"))
    client.post(reverse("comment_moderation:action", args=[held.pk, "approve"]))
    [email] = approval_emails()
    assert email.to == ["nina@example.org"]
    assert f"#c{held.pk}" in email.body


def test_two_approvals_send_one_email(client, held):
    client.force_login(member("Instructors"))
    other = member("Instructors")
    client.post(reverse("comment_moderation:action", args=[held.pk, "approve"]))
    client.post(reverse("comment_moderation:bulk"), {"action": "approve", "comments": [held.pk]})
    client.force_login(other)
    client.post(reverse("comment_moderation:action", args=[held.pk, "approve"]))
    assert len(approval_emails()) == 1
