"""The privacy tests' crawler: follows every same-site link of HTML, feeds, sitemaps and text from some start URLs
and looks for secrets in every body and header, as a reader's software may decode them (entities, percent-, JSON
and JavaScript escapes). tests/privacy/test_public_privacy.py (emails, addresses, held comments) and
tests/privacy/test_grade_privacy.py (feedback and grades) use it."""

import html
import json
import re
from collections import deque
from urllib.parse import parse_qs, quote, quote_plus, unquote, unquote_plus, urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup

SAME_SITE = {"", "testserver", "localhost"}
NOT_FETCHED = ("/static/", "/media/", "/accounts/logout/", "/admin/logout/", "/django-admin/")
EDITORS_ONLY = ("/admin/",)
MOST_PAGES = 600


JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})")


def readings(text):
    """The text as a reader's software may decode it: entities, percent-escapes, JSON and JavaScript escapes."""
    unjson = JSON_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
    forms = {text, html.unescape(text), unquote(text), unquote_plus(text), unjson}
    forms |= {html.unescape(unquote(form)) for form in list(forms)} | {unquote(html.unescape(form)) for form in forms}
    return {form.lower() for form in forms}


def leaks_in(response, forbidden, text=None):
    headers = "\n".join(f"{name}: {value}" for name, value in response.items()) + response.cookies.output()
    body = text if text is not None else response.content.decode("utf-8", errors="replace")
    seen = readings(headers) | readings(body)
    return sorted(secret for secret in forbidden if any(secret in form for form in seen))


XML_LINK = re.compile(r"""(?:href=["']|<link>|<loc>|<guid[^>]*>|<id>|<comments>|<uri>)\s*([^"'<\s]+)""")
TEXT_LINK = re.compile(r"https?://[^\s\"'<>]+")


def links(response, base, skip):
    kind = response.get("Content-Type", "")
    text = response.content.decode("utf-8", errors="replace")
    found = [response["Location"]] if response.has_header("Location") else []
    if "html" in kind:
        soup = BeautifulSoup(text, "html.parser")
        found += [tag["href"] for tag in soup.find_all(["a", "link", "area"], href=True)]
        found += [tag["src"] for tag in soup.find_all(["iframe", "script", "img", "source"], src=True)]
        found += [form.get("action") or base for form in soup.find_all("form") if form.get("method", "get") == "get"]
    elif "xml" in kind:
        found += [html.unescape(link) for link in XML_LINK.findall(text)]
    else:
        found += TEXT_LINK.findall(text)
    return [url for url in (same_site(link, base) for link in found) if url and not url.startswith(skip)]


def same_site(link, base):
    url = urldefrag(urljoin(f"http://testserver{base}", link.strip())).url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.hostname not in SAME_SITE:
        return None
    if "ordering=" in parts.query:  # the admin's listings sorted every way: the same rows
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client, start, forbidden, seen=None, skip=NOT_FETCHED + EDITORS_ONLY):
    """Every same-site URL reachable from `start` and not under `skip`, fetched once; {url: (status, leaks)}."""
    seen = {} if seen is None else seen
    queue = deque(url for url in start if url not in seen)
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        assert len(seen) < MOST_PAGES, f"the crawl passed {MOST_PAGES} pages: is something generating links?"
        response = client.get(url)
        query = parse_qs(urlsplit(url).query).get("q", [""])[0]  # a search shows what the reader typed: not a leak
        text = echo_free(response.content.decode("utf-8", errors="replace"), query) if query else None
        seen[url] = (response.status_code, leaks_in(response, forbidden, text))
        queue.extend(
            link for link in links(response, url, skip) if link not in seen and not leaks_in_url(link, forbidden)
        )
    return seen


def leaks_in_url(url, forbidden):
    """A search for an email links to its own second page: those are the reader's words, checked apart."""
    return any(secret in form for form in readings(url) for secret in forbidden)


def echo_free(text, query):
    for form in {query, html.escape(query), quote(query), quote_plus(query), quote(query, safe="")}:
        text = text.replace(form, "QUERY")
    return text


def assert_no_leaks(seen):
    leaks = {url: found for url, (_status, found) in seen.items() if found}
    assert leaks == {}, "public responses show private data:\n" + json.dumps(leaks, indent=1)
    errors = {url: status for url, (status, _found) in seen.items() if status >= 500}
    assert errors == {}
