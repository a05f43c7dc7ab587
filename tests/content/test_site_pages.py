"""robots.txt, the 404 page, and the head every page shares: canonical link, social cards, one <h1>."""

import pytest
from bs4 import BeautifulSoup
from pytest_django.asserts import assertTemplateUsed
from wagtail.rich_text import RichText

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_robots_txt(client, course):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = [line.strip() for line in response.content.decode().splitlines()]
    assert "Disallow: /admin/" in lines
    sitemap = [line for line in lines if line.startswith("Sitemap:")]
    assert len(sitemap) == 1
    assert sitemap[0].split(None, 1)[1].startswith("http") and sitemap[0].endswith("/sitemap.xml")


def test_unknown_address_uses_the_404_template(client, course):
    response = client.get("/no-such-unit/no-such-post/")
    assert response.status_code == 404
    assertTemplateUsed(response, "404.html")
    assert "Traceback" not in response.content.decode()


def test_post_page_has_canonical_and_social_meta(client, make_post):
    post = make_post(title="The Illusion of Khrushchev")
    page = soup(client.get(post.url, {"utm_source": "newsletter"}))
    canonical = page.find("link", rel="canonical")["href"]
    assert canonical.startswith("http") and canonical.endswith(post.url)
    assert "utm_source" not in canonical
    og_title = page.find("meta", property="og:title")["content"]
    assert "The Illusion of Khrushchev" in og_title
    assert page.find("meta", property="og:url")["content"] == canonical
    assert page.find("meta", attrs={"name": "twitter:card"})["content"]


def test_course_home_is_described_by_its_intro(client, course):
    course.intro = [("paragraph_block", RichText("<p>Russia&#x27;s twentieth century, from Lenin to Gorbachev.</p>"))]
    course.save_revision().publish()
    description = soup(client.get(course.url)).find("meta", attrs={"name": "description"})["content"]
    assert description == "Russia's twentieth century, from Lenin to Gorbachev."


def test_every_page_has_exactly_one_h1(client, course, unit, make_post):
    post = make_post(title="The Illusion of Khrushchev")
    for page, title in ((course, "Soviet History"), (unit, "Khrushchev and the Thaw"), (post, post.title)):
        headings = soup(client.get(page.url)).find_all("h1")
        assert len(headings) == 1, f"{page.url} has {len(headings)} <h1>"
        assert title in headings[0].get_text()


def test_post_body_headings_do_not_add_an_h1(client, make_post):
    post = make_post(body__0__heading_block__text="Background", body__0__heading_block__level="h2")
    assert len(soup(client.get(post.url)).find_all("h1")) == 1
