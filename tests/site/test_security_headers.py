"""Every response carries the security headers, public pages the strict Content-Security-Policy (scripts only from
our static files, nothing inline, frames only from the embed providers) and the admin its own, looser one."""

import importlib
import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from tests.comment_helpers import approved_comment
from tests.editorial_helpers import edit_form
from tests.factories import member
from tests.page_cache_helpers import HIT, page_cache  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def policy(response):
    """The CSP header as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    return {name: sources for name, *sources in (part.split() for part in header.split(";") if part.strip())}


@pytest.fixture
def post(make_post):
    post = make_post(title="The Secret Speech", tags=["thaw"])
    approved_comment(post, text="What did the delegates do next?")
    return post


def public_urls(post):
    course = post.get_parent().get_parent()
    return [
        course.url,
        post.get_parent().url,
        post.url,
        f"{course.url}tags/thaw/",
        f"{course.url}search/?q=speech",
        f"{course.url}feed/rss/",
        f"{post.url}comments/feed/",
        f"/comments/form/{post.pk}/",
        f"/comments/on/{post.pk}/",
        "/accounts/login/",
        "/sitemap.xml",
        "/no-such-page/",
    ]


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_public_responses_carry_the_strict_policy(client, post):
    for url in public_urls(post):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert_common_headers(response)
        assert response["X-Frame-Options"] == "DENY", url
        directives = policy(response)
        assert directives["script-src"] == ["'self'"], url
        assert directives["style-src"] == ["'self'"], url
        assert directives["object-src"] == ["'none'"], url
        assert directives["frame-ancestors"] == ["'none'"], url
        assert directives["base-uri"] == ["'self'"] and directives["form-action"] == ["'self'"], url
        assert sorted(directives["frame-src"]) == [
            "https://player.vimeo.com",
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
        ], url


def test_public_pages_have_no_inline_script_or_style(client, post):
    for url in public_urls(post):
        response = client.get(url)
        if "html" not in response["Content-Type"]:
            continue
        soup = BeautifulSoup(response.content, "html.parser")
        for script in soup.find_all("script"):
            assert script.get("src", "").startswith("/static/"), f"{url}: {script}"
            assert not script.string, f"{url}: inline script"
        assert not soup.find_all("style"), url
        for tag in soup.find_all(True):
            assert "style" not in tag.attrs, f"{url}: {tag.name} has a style attribute"
            handlers = [name for name in tag.attrs if name.startswith("on")]
            assert not handlers, f"{url}: {tag.name} has {handlers}"


def test_a_page_from_the_page_cache_carries_the_policy_too(page_cache, post):  # noqa: F811
    reader = Client()
    reader.get(post.url)
    cached = reader.get(post.url)
    assert cached["X-Page-Cache"] == HIT
    assert policy(cached)["script-src"] == ["'self'"]
    assert_common_headers(cached)


def test_the_admin_may_frame_itself_for_the_preview_and_nothing_else(client, post):
    client.force_login(member("Instructors"))
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert_common_headers(dashboard)
    assert policy(dashboard)["frame-ancestors"] == ["'self'"]
    assert dashboard["X-Frame-Options"] == "DENY"
    url = f"/admin/pages/{post.pk}/edit/preview/"
    client.post(url, edit_form(post, title="The Secret Speech, revised"))
    preview = client.get(url)
    assert preview.status_code == 200 and "The Secret Speech, revised" in preview.content.decode()
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert policy(preview)["frame-ancestors"] == ["'self'"]
    assert policy(preview)["object-src"] == ["'none'"]


@pytest.fixture
def production_security(settings, monkeypatch):
    """The security settings production runs with, applied to this test's settings."""
    monkeypatch.setenv("SECRET_KEY", "only-for-reading-the-production-settings-module")
    production = importlib.import_module("site_project.settings.production")
    for name in dir(production):
        if re.match(r"^(SECURE_|SESSION_COOKIE_|CSRF_COOKIE_)", name):
            setattr(settings, name, getattr(production, name))
    settings.SECURE_SSL_REDIRECT = True


def test_production_sends_hsts_and_redirects_plain_http(client, post, production_security):
    behind_tls = client.get(post.url, HTTP_X_FORWARDED_PROTO="https")
    assert behind_tls.status_code == 200
    assert behind_tls["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert_common_headers(behind_tls)
    plain = client.get(post.url)
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
