"""Senders may post only so many comments: per email address, and per network address for strangers. A sender over
the limit gets a 429 with their text kept and nothing stored or mailed, so the form cannot flood an inbox."""

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from tests.comment_helpers import POST_URL, approved_comment, form_data
from tests.factories import member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("limits")]


@pytest.fixture
def limits(settings):
    settings.SEMINAR_COMMENT_RATE_PER_EMAIL = "3/h"
    settings.SEMINAR_COMMENT_RATE_PER_IP = "5/h"


@pytest.fixture
def post(make_post):
    return make_post(title="The Illusion of Khrushchev")


def stranger_posts(post, n, address="198.51.100.7", email=None):
    return Client(REMOTE_ADDR=address).post(
        POST_URL, form_data(post, comment=f"Comment number {n}", email=email or f"reader{n}@example.org")
    )


def test_one_address_gets_its_limit_of_confirmation_emails_then_a_429(post):
    statuses = [stranger_posts(post, n).status_code for n in range(7)]
    assert statuses == [200] * 5 + [429] * 2
    assert len(mail.outbox) == 5
    assert not XtdComment.objects.exists()


def test_over_the_limit_the_form_comes_back_with_the_text_and_when_to_retry(post):
    for n in range(5):
        stranger_posts(post, n)
    response = stranger_posts(post, 99)
    html = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "takes only a few from each sender" in html.select_one(".error-summary").text
    assert "post this comment again in" in html.select_one(".error-summary").text
    assert html.select_one("textarea[name=comment]").text.strip() == "Comment number 99"


def test_one_email_from_many_addresses_is_limited_so_no_inbox_is_flooded(post):
    statuses = [
        stranger_posts(post, n, address=f"198.51.100.{n}", email="victim@example.org").status_code for n in range(5)
    ]
    assert statuses == [200] * 3 + [429] * 2
    assert [message.to for message in mail.outbox] == [["victim@example.org"]] * 3


def test_the_email_limit_ignores_letter_case(post):
    for n, email in enumerate(["Victim@Example.org", "victim@example.org", "VICTIM@EXAMPLE.ORG"]):
        assert stranger_posts(post, n, address=f"198.51.100.{n}", email=email).status_code == 200
    assert stranger_posts(post, 9, address="198.51.100.9", email="victim@example.org").status_code == 429


def test_other_senders_are_not_held_back_by_someone_elses_limit(post):
    for n in range(6):
        stranger_posts(post, n)
    assert stranger_posts(post, 50, address="203.0.113.9").status_code == 200


def test_a_class_behind_one_school_address_posts_as_members(post):
    """The address limit is for strangers: members are counted per account only."""
    for n in range(8):
        student = member("Students", first_name=f"Student{n}", last_name="Kay")
        client = Client(REMOTE_ADDR="198.51.100.7")
        client.force_login(student)
        assert client.post(POST_URL, form_data(post, comment=f"In class, {n}")).status_code == 302
    assert XtdComment.objects.filter(is_public=True).count() == 8


def test_a_member_over_the_limit_stores_nothing(post):
    client = Client()
    client.force_login(member("Students", first_name="Jordan", last_name="Cole"))
    statuses = [client.post(POST_URL, form_data(post, comment=f"Reply {n}")).status_code for n in range(4)]
    assert statuses == [302] * 3 + [429]
    assert XtdComment.objects.count() == 3


def test_a_double_submit_is_not_counted(post):
    """The same comment sent twice within a minute is shown as already posted, not counted again."""
    client = Client()
    client.force_login(member("Students", first_name="Jordan", last_name="Cole"))
    data = form_data(post, comment="Sent twice")
    assert [client.post(POST_URL, data).status_code for _ in range(5)] == [302] * 5
    assert XtdComment.objects.count() == 1


def test_a_flood_of_500_from_one_address_mails_only_the_limit_and_the_site_still_answers(post):
    approved_comment(post, text="An earlier, approved comment")
    flood = Client(REMOTE_ADDR="198.51.100.66")
    with time_machine.travel(timezone.now(), tick=False):  # one rate window, however long a loaded machine takes
        statuses = [
            flood.post(POST_URL, form_data(post, comment=f"Buy now {n}", email=f"bot{n}@spam.example")).status_code
            for n in range(500)
        ]
    assert statuses.count(200) == 5 and statuses.count(429) == 495
    assert len(mail.outbox) == 5
    reader = Client()
    page = reader.get(post.url)
    assert page.status_code == 200 and "An earlier, approved comment" in page.content.decode()
    assert stranger_posts(post, 1, address="203.0.113.10").status_code == 200
    assert XtdComment.objects.count() == 1
