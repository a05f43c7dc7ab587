"""Every field a stranger or a student controls, filled with each payload of the XSS corpus, is shown on every
page that shows it only as text: the post and its blocks, the listings, archives, search, feeds, the discussion
and the reply page, and the admin's editor, moderation queue and roster result."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape
from taggit.models import Tag
from wagtail.models import Site

from blog.models import CourseSettings
from blog.models.authors import NameStyle
from tests.comment_helpers import approved_comment, held_comment
from tests.factories import ImageFactory, member
from tests.xss_corpus import PAYLOADS, assert_feed_inert, assert_inert, marker

pytestmark = pytest.mark.django_db

FEEDS = {"rss", "atom", "comment feed"}


def test_the_corpus_is_big_enough():
    assert len(set(PAYLOADS)) == len(PAYLOADS) >= 40


def rostered_student(payload):
    """A student the instructor's roster upload names with the payload; the admin's result page shows it as text."""
    name = payload[:150].replace('"', '""')
    roster = f'email,first_name,last_name\nhostile@students.example.edu,"{name}",Hale\n'.encode()
    instructor = Client()
    instructor.force_login(member("Instructors"))
    result = instructor.post("/admin/roster/", {"file": SimpleUploadedFile("roster.csv", roster, "text/csv")})
    assert result.status_code == 200
    assert_inert(result.content.decode(), payload, "roster result", own_scripts=False)
    student = get_user_model().objects.filter(email="hostile@students.example.edu").first()
    if student is None:  # refused for its control character, and the page said so: the name comes another way
        assert "control character" in result.content.decode()
        student = member("Students", first_name=payload[:150], last_name="Hale")
    return student


def hostile_body(payload, image):
    return [
        {"type": "paragraph_block", "value": f"<p>{escape(payload)}</p>"},
        {"type": "heading_block", "value": {"text": payload[:200], "level": "h2"}},
        {
            "type": "image_block",
            "value": {"image": image.pk, "alt_text": payload, "caption": payload, "credit": payload},
        },
        {"type": "quote_block", "value": {"text": payload, "attribution": payload, "citation": payload}},
        {
            "type": "primary_source_block",
            "value": {
                "title": payload,
                "publication": payload,
                "date": payload[:100],
                "url": payload,
                "excerpt": payload,
            },
        },
        {"type": "embed_block", "value": {"media": "https://media.example.org/newsreel", "title": payload}},
        {"type": "bibliography_block", "value": [payload]},
    ]


@pytest.fixture
def full_names(course):
    settings = CourseSettings.for_course(Site.objects.get(is_default_site=True).root_page.specific)
    settings.student_names = NameStyle.FULL
    settings.save()


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_every_public_page_shows_the_payload_only_as_text(
    client, course, unit, make_post, full_names, payload, tmp_path
):
    author = rostered_student(payload)
    post = make_post(title=payload[:255], author=author, excerpt=payload, tags=[f"{payload[:90]} tag"])
    post.body = hostile_body(payload, ImageFactory())
    post.save_revision().publish()
    comment = approved_comment(post, text=payload, user_name=payload[:50], user_url=payload[:200])
    approved_comment(post, text=f"A reply: {payload}", parent=comment, user_name="Boris")
    tag = Tag.objects.get(name=f"{payload[:90]} tag")
    pages = {
        "post": post.url,
        "unit": unit.url,
        "home": course.url,
        "tag archive": f"{course.url}tags/{tag.slug}/",
        "author archive": f"{course.url}authors/{post.author_profile.slug}/",
        "search": f"{course.url}search/?q={payload[:200]}",
        "rss": f"{course.url}feed/rss/",
        "atom": f"{course.url}feed/atom/",
        "comment feed": f"{post.url}comments/feed/",
        "reply page": f"/comments/reply/{comment.pk}/",
        "comment page": f"/comments/on/{post.pk}/",
    }
    for where, url in pages.items():
        response = client.get(url, {"q": payload[:200]} if where == "search" else None)
        assert response.status_code == 200, f"{where}: {response.status_code}"
        if where in FEEDS:
            assert_feed_inert(response.content, payload, where)
            continue
        html = response.content.decode()
        assert marker(payload) in html, f"{where} does not show the text at all"
        assert_inert(html, payload, where)


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_the_admin_shows_the_payload_only_as_text(client, course, make_post, payload):
    author = member("Students", first_name=payload[:150], last_name="Hale")
    post = make_post(title=payload[:255], author=author, excerpt=payload, tags=[f"{payload[:90]} tag"])
    post.body = hostile_body(payload, ImageFactory())
    post.save_revision().publish()
    held_comment(post, text=payload, user_name=payload[:50], user_url=payload[:200])
    client.force_login(member("Instructors"))
    for where, url in {
        "editor": f"/admin/pages/{post.pk}/edit/",
        "explorer": f"/admin/pages/{post.get_parent().pk}/",
        "moderation queue": "/admin/comments/",
        "search": f"/admin/pages/search/?q={payload[:100]}",
    }.items():
        response = client.get(url)
        assert response.status_code == 200, f"{where}: {response.status_code}"
        assert_inert(response.content.decode(), payload, where, own_scripts=False)
