"""The fake LMS's LTI Advantage services, beside tests/lti_platform.py's FakePlatform: an OAuth token endpoint
(client_credentials with the tool's signed JWT assertion, checked against Seminar's published keys), Names and Roles
memberships served in pages linked by Link rel="next" headers, and Assignment and Grade Services line items and
scores. Served from a thread on a free loopback port; what the tool sent is kept for the tests to read.

    services = FakeServices.start(platform)   # the registration's token URL now points here
    platform.launch(client, roles=["Instructor"], **services.claims())   # a launch granting NRPS and AGS
    services.members = [member("s-1", "Learner"), ...]; services.scores; services.line_items; services.stop()
"""

import json
import re
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
from lti_tool.models import Key

from lms.platforms import ensure_tool_key
from tests.lti_platform import ROLE

NRPS_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
AGS_SCOPES = [
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
]


def member(sub, *roles, status="Active", email="", name="Student Member"):
    given, _, family = name.partition(" ")
    return {
        "user_id": sub,
        "status": status,
        "roles": [role if ":" in role else f"{ROLE}{role}" for role in roles],
        "email": email,
        "name": name,
        "given_name": given,
        "family_name": family,
    }


class ServicesHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body=None, headers=()):
        data = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        return self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()

    def authorized(self):
        token = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
        if token not in self.server.services.tokens:
            self.answer(401, {"error": "invalid token"})
            return False
        return True

    def do_POST(self):  # noqa: N802 (http.server's name)
        services, path = self.server.services, urlsplit(self.path).path
        if path == "/token":
            return self.answer(*services.token(parse_qs(self.body())))
        if not self.authorized():
            return None
        if path == "/lineitems":
            return self.answer(*services.create_line_item(json.loads(self.body())))
        if match := re.fullmatch(r"/lineitems/(\d+)/scores", path):
            return self.answer(*services.score(int(match[1]), self.headers["Content-Type"], json.loads(self.body())))
        return self.answer(404)

    def do_GET(self):  # noqa: N802
        services, parts = self.server.services, urlsplit(self.path)
        if not self.authorized():
            return None
        if parts.path == "/memberships":
            page = int(parse_qs(parts.query).get("page", ["1"])[0])
            return self.answer(*services.memberships(page))
        if parts.path == "/lineitems":
            services.requests.append(("GET", "/lineitems"))
            return self.answer(200, services.line_items)
        return self.answer(404)


@dataclass
class FakeServices:
    server: ThreadingHTTPServer
    tool_keys: jwt.PyJWKSet
    members: list = field(default_factory=list)
    page_size: int = 2
    line_items: list = field(default_factory=list)
    scores: list = field(default_factory=list)  # (line item id, content type, JSON body)
    requests: list = field(default_factory=list)
    tokens: set = field(default_factory=set)
    fail_scores: int = 0  # answer this many score posts with a 500

    @classmethod
    def start(cls, platform):
        """Serve the services and point `platform`'s registration's token URL at them."""
        ensure_tool_key()
        server = ThreadingHTTPServer(("127.0.0.1", 0), ServicesHandler)
        services = cls(server=server, tool_keys=jwt.PyJWKSet.from_dict(Key.objects.as_jwks()))
        server.services = services
        threading.Thread(target=server.serve_forever, daemon=True).start()
        platform.registration.token_url = services.url("/token")
        platform.registration.save(update_fields=["token_url"])
        return services

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def url(self, path):
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def claims(self, nrps=True, ags=True):
        """The claims of a launch that grants Seminar the roster and the gradebook (as Canvas and Moodle send)."""
        claims = {}
        if nrps:
            claims[NRPS_CLAIM] = {"context_memberships_url": self.url("/memberships"), "service_versions": ["2.0"]}
        if ags:
            claims[AGS_CLAIM] = {"scope": AGS_SCOPES, "lineitems": self.url("/lineitems")}
        return claims

    # --- The endpoints ---

    def token(self, form):
        """client_credentials with a JWT signed by one of the tool's keys, for the token URL."""
        self.requests.append(("POST", "/token"))
        assertion = form.get("client_assertion", [""])[0]
        try:
            claims = self.verified(assertion)
        except jwt.PyJWTError as error:
            return 400, {"error": "invalid_client", "error_description": str(error)}
        if form.get("grant_type") != ["client_credentials"] or claims["iss"] != claims["sub"]:
            return 400, {"error": "invalid_request"}
        token = uuid.uuid4().hex
        self.tokens.add(token)
        return 200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600, "scope": form["scope"][0]}

    def verified(self, assertion):
        kid = jwt.get_unverified_header(assertion).get("kid")
        keys = [key for key in self.tool_keys.keys if kid is None or key.key_id == kid]
        if not keys:
            raise jwt.InvalidKeyError(f"unknown key {kid}")
        return jwt.decode(assertion, keys[0].key, algorithms=["RS256"], audience=self.url("/token"))

    def memberships(self, page):
        self.requests.append(("GET", f"/memberships?page={page}"))
        start = (page - 1) * self.page_size
        body = {
            "id": self.url("/memberships"),
            "context": {"id": "course"},
            "members": self.members[start : start + self.page_size],
        }
        more = start + self.page_size < len(self.members)
        headers = [("Link", f'<{self.url("/memberships")}?page={page + 1}>; rel="next"')] if more else []
        return 200, body, headers

    def create_line_item(self, item):
        self.requests.append(("POST", "/lineitems"))
        item = {**item, "id": self.url(f"/lineitems/{len(self.line_items) + 1}")}
        self.line_items.append(item)
        return 201, item

    def score(self, number, content_type, body):
        if self.fail_scores:
            self.fail_scores -= 1
            return 500, {"error": "the gradebook is down"}
        self.scores.append((self.url(f"/lineitems/{number}"), content_type, body))
        return 200, {}
