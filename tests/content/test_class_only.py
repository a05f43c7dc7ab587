"""Class-only posts and units: members read them; the public is sent to log in and finds them nowhere."""

import feedparser
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django_comments_xtd.models import XtdComment
from wagtail.models import PageViewRestriction

from courses.models import Role
from courses.roles import SITE_ADMINISTRATORS
from tests.comment_helpers import POST_URL, approved_comment, form_data
from tests.factories import CourseUnitPageFactory, member

pytestmark = pytest.mark.django_db
SECRET_WORD = "samizdat"


@pytest.fixture
def class_only_post(make_post):
    post = make_post(title="Class only thoughts", body=[("paragraph_block", f"<p>On {SECRET_WORD} culture.</p>")])
    post.class_only = True
    post.save_revision().publish()
    return post


def public_surfaces(client, course, unit):
    return {
        "home": client.get(course.url).content.decode(),
        "unit": client.get(unit.url).content.decode(),
        "feed": client.get(f"{course.url}feed/rss/").content.decode(),
        "sitemap": client.get("/sitemap.xml").content.decode(),
        "search": client.get(f"{course.url}search/?q={SECRET_WORD}").content.decode(),
    }


def test_publishing_a_class_only_post_restricts_it_to_the_class(class_only_post):
    restriction = PageViewRestriction.objects.get(page=class_only_post)
    course_groups = restriction.groups.filter(course_role__isnull=False)
    roles = {(group.course_role.course_id, group.course_role.role) for group in course_groups}
    assert roles == {(class_only_post.get_course().pk, role) for role in Role}
    assert list(restriction.groups.filter(course_role__isnull=True).values_list("name", flat=True)) == [
        SITE_ADMINISTRATORS
    ]


def test_anonymous_readers_are_sent_to_log_in(client, class_only_post):
    response = client.get(class_only_post.url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_class_members_read_it_and_it_is_not_indexed(client, class_only_post):
    client.force_login(member("Students"))
    html = client.get(class_only_post.url).content.decode()
    assert SECRET_WORD in html
    assert '<meta name="robots" content="noindex">' in html


def test_it_is_nowhere_public(client, course, unit, class_only_post):
    for name, html in public_surfaces(client, course, unit).items():
        assert "Class only thoughts" not in html, name
    assert feedparser.parse(public_surfaces(client, course, unit)["feed"]).entries == []


def test_unticking_lifts_the_restriction(client, class_only_post):
    class_only_post.class_only = False
    class_only_post.save_revision().publish()
    assert not PageViewRestriction.objects.filter(page=class_only_post).exists()
    assert client.get(class_only_post.url).status_code == 200


def test_an_instructor_can_make_a_whole_unit_class_only(client, course, unit, make_post):
    make_post(title="Inside the unit")
    restriction = PageViewRestriction.objects.create(page=unit, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set(Group.objects.filter(name__in=["Students", "Instructors"]))
    assert client.get(unit.url).status_code == 302
    surfaces = public_surfaces(client, course, unit)
    assert "Inside the unit" not in surfaces["home"] + surfaces["feed"] + surfaces["sitemap"]


def test_the_class_finds_class_only_posts_and_units_in_its_listings(client, course, unit, class_only_post):
    hidden_unit = CourseUnitPageFactory(parent=course, title="Closed seminar", live=False)
    hidden_unit.save_revision().publish()
    restriction = PageViewRestriction.objects.create(page=hidden_unit, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set(Group.objects.filter(name__in=["Students", "Instructors"]))

    anonymous = client.get(course.url).content.decode() + client.get(unit.url).content.decode()
    assert "Class only thoughts" not in anonymous and "Closed seminar" not in anonymous

    client.force_login(member("Students"))
    home, unit_page = client.get(course.url).content.decode(), client.get(unit.url).content.decode()
    assert "Class only thoughts" in home and "Class only thoughts" in unit_page
    assert "Closed seminar" in home and "Closed seminar" in unit_page  # the unit list and the menu
    feed = client.get(f"{course.url}feed/rss/").content.decode()
    assert "Class only thoughts" not in feed  # feeds are public, whoever asks


def test_a_password_protected_post_stays_out_of_members_listings(client, unit, make_post):
    post = make_post(title="Behind a password")
    PageViewRestriction.objects.create(page=post, restriction_type=PageViewRestriction.PASSWORD, password="x")
    client.force_login(member("Students"))
    assert "Behind a password" not in client.get(unit.url).content.decode()


def test_the_class_discusses_a_class_only_post_and_strangers_cannot(client, class_only_post):
    question = approved_comment(class_only_post, text="What is samizdat?")
    student = member("Students", first_name="Jordan", last_name="Cole")
    stranger_reply = client.post(POST_URL, form_data(class_only_post, comment="Let me in", reply_to=question.pk))
    assert stranger_reply.status_code == 400 and not XtdComment.objects.filter(comment="Let me in").exists()
    assert client.get(reverse("comments-xtd-reply", args=[question.pk])).status_code == 404

    client.force_login(student)
    assert client.get(reverse("comments-xtd-reply", args=[question.pk])).status_code == 200
    assert client.get(reverse("comments-xtd-like", args=[question.pk])).status_code == 200
    reply = client.post(POST_URL, form_data(class_only_post, comment="Self-published texts.", reply_to=question.pk))
    assert reply.status_code == 302
    assert XtdComment.objects.get(comment="Self-published texts.").parent_id == question.pk
