"""A post with a long discussion stays light: at most 20 KB gzipped for its HTML, CSS and script together, and
nothing is fetched from another host (no web fonts, CDNs, avatars or analytics)."""

import gzip
import itertools
import json
import random
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG, XtdComment

from tests.comment_helpers import approved_comment
from tests.factories import member

pytestmark = pytest.mark.django_db
KB = 1024
TOTAL_BUDGET, CSS_BUDGET, JS_BUDGET = 20 * KB, 8 * KB, 4 * KB
DEMO = Path(settings.BASE_DIR) / "home" / "demo" / "soviet_history.json"
CLASSMATES = [("Jordan", "Cole"), ("Priya", "Nair")]
STRANGERS = [("Boris Readerov", "https://boris.example.org/"), ("Maria Lind", ""), ("Tom Okafor", "")]
FIRST_COMMENT = datetime(2017, 3, 28, 9, 15, tzinfo=UTC)
FIRST_COMMENT_ID = 24_000  # a department's install after a few years of courses
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


def gzipped(data):
    return len(gzip.compress(data, compresslevel=6, mtime=0))  # what a typical server sends


def prose(rng, words):
    """300 to 600 characters of the seed posts' own words, now and then in two paragraphs: it compresses as
    the demo's real comments do (a repeated sentence would flatter the budget)."""
    length, text = rng.randint(300, 600), ""
    while len(text) < length:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(6, 18)))
        text += ("\n\n" if rng.random() < 0.1 else " ") + sentence.capitalize() + "."
    return text.strip()[:length].rsplit(" ", 1)[0] + "."


def discussion(post, people, threads=10):
    """Threads of five: a comment, two replies, a reply to each (three levels), by members and strangers, some
    liked."""
    rng, count, strangers = random.Random(1956), itertools.count(), itertools.cycle(STRANGERS)
    # The seed posts' words (their text and comments): more demo content must not change what is measured.
    seeds = json.dumps(json.loads(DEMO.read_text())["posts"][:2])
    words = sorted(set(re.findall(r"[a-z]{3,}", seeds.lower())))

    def add(parent):
        number = next(count)
        writer = people[number % len(people)]
        posted = FIRST_COMMENT + timedelta(hours=7 * number, minutes=rng.randint(0, 59))  # every date its own text
        comment = approved_comment(
            post,
            text=prose(rng, words),
            parent=parent,
            user=writer,
            email="a@example.org",
            submit_date=posted,
            id=FIRST_COMMENT_ID + number,  # the same five-digit ids whatever ran before (PostgreSQL's sequences)
        )
        if writer is None:
            name, website = next(strangers)
            XtdComment.objects.filter(pk=comment.pk).update(user_name=name, user_url=website)
        for liker in [person for person in people if person][: number % 4]:
            CommentFlag.objects.create(comment=comment, user=liker, flag=LIKEDIT_FLAG)
        return comment

    for _ in range(threads):
        top = add(None)
        for _ in range(2):
            add(add(top))


@dataclass
class PostPage:
    html: bytes = field(repr=False)
    soup: BeautifulSoup = field(repr=False)
    host: str


@pytest.fixture
def post_page(client, make_post, production_static):
    """The post as an anonymous reader receives it from its site's own host, with production's static files."""
    author = member("Students", first_name="Marcus", last_name="Hale")
    paragraphs = json.loads(DEMO.read_text())["posts"][0]["paragraphs"]
    post = make_post(title="The Man of Steel Falls", author=author, body=[("paragraph_block", p) for p in paragraphs])
    people = [member("Instructors", first_name="Anne", last_name="Whitaker"), author, None]
    people += [member("Students", first_name=first, last_name=last) for first, last in CLASSMATES] + [None]
    discussion(post, people)
    host = urlsplit(post.full_url).hostname
    response = client.get(post.url, HTTP_HOST=host)
    assert response.status_code == 200
    return PostPage(response.content, BeautifulSoup(response.content, "html.parser"), host)


def static_file(url):
    """The file as production serves it: collected, minified and hashed."""
    assert url.startswith(settings.STATIC_URL), f"{url} is not one of the site's static files"
    path = Path(settings.STATIC_ROOT) / url.removeprefix(settings.STATIC_URL)
    assert path.is_file(), f"{url} is not among the collected static files"
    return path.read_bytes()


def stylesheets(soup):
    """Every stylesheet the page loads, @imports included: {url: bytes}."""
    pending = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    sheets = {}
    while pending:
        url = urlsplit(pending.pop()).path
        if url not in sheets:
            sheets[url] = static_file(url)
            imports = re.findall(r"""@import\s+(?:url\()?['"]?([^'")\s;]+)""", sheets[url].decode())
            pending += [urljoin(url, imported) for imported in imports]
    return sheets


def requested_urls(soup):
    """Every address the browser fetches on its own: not <a> links, but sources, <link>s, srcsets, CSS url()s."""
    urls = [tag["href"] for tag in soup.find_all("link", href=True)]
    for tag in soup.find_all(["script", "img", "iframe", "source", "video", "audio", "embed", "input", "track"]):
        urls += [tag[name] for name in ("src", "poster") if tag.has_attr(name)]
        urls += [candidate.split()[0] for candidate in tag.get("srcset", "").split(",") if candidate.strip()]
    urls += [tag["data"] for tag in soup.find_all("object", data=True)]
    styles = [tag.get("style", "") for tag in soup.find_all(style=True)] + [tag.get_text() for tag in soup("style")]
    for css in styles + [sheet.decode() for sheet in stylesheets(soup).values()]:
        urls += [url or imported for url, imported in CSS_URL.findall(css)]
    return urls


def elsewhere(urls, host):
    return [url for url in urls if urlsplit(url).hostname not in (None, host)]


def test_a_post_with_fifty_comments_stays_within_its_page_weight_budget(post_page):
    soup = post_page.soup
    assert len(soup.select("li.comment")) == 50
    css = sum(gzipped(sheet) for sheet in stylesheets(soup).values())
    js = sum(gzipped(static_file(urlsplit(script["src"]).path)) for script in soup.find_all("script", src=True))
    sizes = {"HTML": gzipped(post_page.html), "CSS": css, "JS": js}
    measured = ", ".join(f"{name} {size / KB:.1f} KB" for name, size in sizes.items())
    measured += f", total {sum(sizes.values()) / KB:.1f} KB (gzip -6)"
    assert css <= CSS_BUDGET, f"CSS over its {CSS_BUDGET // KB} KB budget: {measured}"
    assert js <= JS_BUDGET, f"JS over its {JS_BUDGET // KB} KB budget: {measured}"
    assert sum(sizes.values()) <= TOTAL_BUDGET, f"Page over its {TOTAL_BUDGET // KB} KB budget: {measured}"


def test_the_page_fetches_nothing_from_another_host(post_page):
    assert elsewhere(requested_urls(post_page.soup), post_page.host) == []


def test_the_discussion_is_readable_before_any_script_runs(post_page):
    soup = post_page.soup
    assert len(soup.select("li.comment .comment-body")) == 50
    deferred = [{"defer", "async"} & set(tag.attrs) or tag.get("type") == "module" for tag in soup("script")]
    assert all(deferred), "every script waits for the page instead of holding it up"
