"""Seminar opened from an LMS shows inside the LMS's page, in Chromium: the LMS's page (another site: 127.0.0.1 on a
port of its own, where Seminar is localhost) posts the login initiation into an iframe, Seminar redirects the frame
to the LMS's authorization endpoint, which posts the signed id token back to the launch URL, and the course appears
in the frame, logged in. This fails if the launch's cookies (PyLTI1p3's state and session id, then Seminar's
session) are not kept and sent in a cross-site frame, or if the pages' frame-ancestors do not name the LMS.

What Chromium 156 (Debian's) was found to do, and this test relies on without any browser flag:
- it keeps and sends Secure cookies on http://localhost (a secure context), so no TLS is needed here;
- it blocks third-party cookies by default, in Playwright's contexts and in a fresh regular profile alike: a
  `SameSite=None; Secure` cookie set in the frame is dropped unless it is also `Partitioned` (CHIPS), which
  lms.framing adds (without it the frame shows "Seminar could not open").
Seminar marks cookies Secure only on a secure request, as it sees one behind production's TLS proxy
(SECURE_PROXY_SSL_HEADER): the browser sends that proxy's X-Forwarded-Proto: https here, and the LMS posts the id
token to the tool's registered launch URL (plain http)."""

import threading
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser_helpers import TIMEOUT_MS
from tests.lti_platform import CLIENT_ID, ISSUER, LTI, FakePlatform

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (make test installs it)")
expect = sync_api.Expect()
expect.set_options(timeout=TIMEOUT_MS)


def auto_posted(action, fields, target=""):
    """The LMS's own page: a form its inline script submits (our CSP does not govern the LMS's pages)."""
    inputs = "".join(f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">' for k, v in fields.items())
    return (
        f'<!DOCTYPE html><html lang="en"><title>LMS</title><form method="post" action="{escape(action)}"'
        f' target="{target}">{inputs}</form><iframe name="tool" title="Seminar"></iframe>'
        "<script>document.forms[0].submit()</script></html>"
    )


class LmsPages(BaseHTTPRequestHandler):
    """/course: the LMS's course page framing Seminar; /auth: its authorization endpoint, answering with the id
    token (for the `token_for(nonce)` the test gives the server)."""

    def do_GET(self):  # noqa: N802 (http.server's name)
        url, server = urlsplit(self.path), self.server
        if url.path == "/course":
            login = {"iss": ISSUER, "client_id": CLIENT_ID, "login_hint": "anne", "target_link_uri": server.launch}
            body = auto_posted(server.login, login, target="tool")
        else:
            query = {key: values[0] for key, values in parse_qs(url.query).items()}
            fields = {"id_token": server.token_for(query["nonce"]), "state": query["state"]}
            body = auto_posted(server.launch, fields)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def lms(live_server, settings):
    """The fake LMS's key set and pages, registered in Seminar with its pages' origin as the one that frames."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # as in production, behind TLS
    platform = FakePlatform.start()
    pages = ThreadingHTTPServer(("127.0.0.1", 0), LmsPages)
    origin = f"http://127.0.0.1:{pages.server_address[1]}"
    pages.login, pages.launch = f"{live_server.url}/lti/login/", f"{live_server.url}/lti/launch/"
    registration = platform.register(web_origins=origin, trusts_email=True)
    registration.auth_url = f"{origin}/auth"
    registration.save()
    threading.Thread(target=pages.serve_forever, daemon=True).start()
    yield platform, pages, origin
    pages.shutdown()
    pages.server_close()
    platform.stop()


def test_the_course_opens_inside_the_lms_frame(browser_context, live_server, lms, course, instructor):
    platform, pages, origin = lms
    claims = {"sub": "anne", "roles": ["Instructor"], "email": instructor.email, "target": pages.launch}
    custom = {f"{LTI}custom": {"seminar_page": str(course.pk)}}  # a link added by deep linking, to this course
    pages.token_for = lambda nonce: platform.id_token(platform.claims(nonce, **claims, **custom))
    with browser_context(extra_http_headers={"X-Forwarded-Proto": "https"}) as page:
        page.context.route(f"{origin}/**", lambda route: route.continue_())  # the LMS too (later routes win)
        page.goto(f"{origin}/course")
        frame = page.frame_locator("iframe[name=tool]")
        expect(frame.get_by_role("heading", name="Soviet History", exact=True)).to_be_visible()
        assert page.url == f"{origin}/course"  # still the LMS's page: Seminar is in its frame
        # The session's cookie comes with the frame's next page: the member's home, not the log-in page.
        tool = page.frame(name="tool")
        tool.goto(f"{live_server.url}/me/")
        assert urlsplit(tool.url).path == "/me/"
