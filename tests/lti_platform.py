"""A fake LMS for the LTI tests: an RSA key of its own, its key set served over HTTP from a thread on a free
loopback port (so Seminar fetches it as it fetches Canvas's), a registration of it in Seminar, and the browser's
side of a launch: login initiation, then the id token the LMS would post back, signed with PyJWT.

    platform = FakePlatform.start(); platform.register(); ...; platform.stop()   (tests/lms/conftest.py's fixture)
    response = platform.launch(client, roles=["Instructor"], sub="teacher-1")
"""

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from lti_tool.models import LtiDeployment, LtiRegistration

from lms.models import PlatformOptions
from tests.server_helpers import JSONHandler

ISSUER = "https://lms.example.test"
CLIENT_ID = "seminar-client"
DEPLOYMENT_ID = "deployment-1"
CONTEXT_ID = "course-hist-255"
LTI = "https://purl.imsglobal.org/spec/lti/claim/"
ROLE = "http://purl.imsglobal.org/vocab/lis/v2/membership#"
DEEP_LINKING = "https://purl.imsglobal.org/spec/lti-dl/claim/"


def new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def public_jwk(key, kid):
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    return {**jwk, "kid": kid, "alg": "RS256", "use": "sig"}


class KeySetHandler(JSONHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        self.send_json(self.server.key_set)


@dataclass
class FakePlatform:
    server: ThreadingHTTPServer
    key: rsa.RSAPrivateKey = field(default_factory=new_key)
    kid: str = "platform-key-1"
    registration: LtiRegistration | None = None

    @classmethod
    def start(cls):
        server = ThreadingHTTPServer(("127.0.0.1", 0), KeySetHandler)
        platform = cls(server=server)
        server.key_set = {"keys": [public_jwk(platform.key, platform.kid)]}
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return platform

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    @property
    def keyset_url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}/jwks"

    def register(self, **options):
        """Seminar's registration of this LMS, with the one active deployment DEPLOYMENT_ID."""
        self.registration = LtiRegistration.objects.create(
            name="Test LMS",
            issuer=ISSUER,
            client_id=CLIENT_ID,
            auth_url=f"{ISSUER}/auth",
            token_url=f"{ISSUER}/token",
            keyset_url=self.keyset_url,
        )
        LtiDeployment.objects.create(registration=self.registration, deployment_id=DEPLOYMENT_ID, is_active=True)
        PlatformOptions.objects.create(registration=self.registration, **options)
        return self.registration

    # --- The browser's part -----------------------------------------------------------------------------

    def initiate_login(self, client, target="http://testserver/lti/launch/", **request):
        """The LMS's third-party login initiation; returns Seminar's response (a redirect to our auth URL)."""
        params = {"iss": ISSUER, "login_hint": "hint", "target_link_uri": target, "client_id": CLIENT_ID}
        return client.get("/lti/login/", params, **request)

    def claims(self, nonce, *, sub="user-1", roles=("Learner",), email="", target=None, **overrides):
        now = int(time.time())
        claims = {
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "sub": sub,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            "email": email,
            "given_name": "Ada",
            "family_name": "Lovelace",
            "name": "Ada Lovelace",
            f"{LTI}message_type": "LtiResourceLinkRequest",
            f"{LTI}version": "1.3.0",
            f"{LTI}deployment_id": DEPLOYMENT_ID,
            f"{LTI}target_link_uri": target or "http://testserver/lti/launch/",
            f"{LTI}resource_link": {"id": "link-1", "title": "Seminar"},
            f"{LTI}roles": [role if ":" in role else f"{ROLE}{role}" for role in roles],
            f"{LTI}context": {"id": CONTEXT_ID, "label": "HIST 255", "title": "Soviet History (LMS)"},
        }
        claims.update(overrides)
        return {key: value for key, value in claims.items() if value is not None}

    @staticmethod
    def deep_linking(return_url=f"{ISSUER}/deep_links", accept_multiple=True, data="opaque-data-1"):
        """Claims that make a launch an LMS's deep-linking request: launch(client, **platform.deep_linking())."""
        settings = {
            "deep_link_return_url": return_url,
            "accept_types": ["ltiResourceLink"],
            "accept_presentation_document_targets": ["iframe", "window"],
            "accept_multiple": accept_multiple,
            "data": data,
        }
        return {
            f"{LTI}message_type": "LtiDeepLinkingRequest",
            f"{LTI}resource_link": None,
            f"{DEEP_LINKING}deep_linking_settings": settings,
        }

    def id_token(self, claims, key=None, kid=None):
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": kid or self.kid})

    def launch(self, client, *, token=None, key=None, **claims):
        """Login initiation, then the id token posted to the launch URL; returns the launch's response."""
        redirect = self.initiate_login(client)
        query = parse_qs(urlsplit(redirect["Location"]).query)
        state, nonce = query["state"][0], query["nonce"][0]
        if token is None:
            token = self.id_token(self.claims(nonce, **claims), key=key)
        self.last = {"state": state, "nonce": nonce, "token": token}
        return client.post("/lti/launch/", {"id_token": token, "state": state})


def new_sub():
    return f"user-{uuid.uuid4().hex[:8]}"
