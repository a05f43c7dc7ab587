"""Campus identity providers inside the test process, on loopback only: an OpenID Connect provider
(oidc-provider-mock in a thread, imported only by the tests that use it) and a SAML IdP built here (a self-signed
certificate, responses signed with xmlsec through python3-saml). `sign_in_oidc(client, sub)`, `start_saml(client)`
and `post_to_acs(client, idp.response(...))` drive them."""

import base64
import re
import threading
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from tests.server_helpers import JSONHandler

OIDC_CLIENT_ID = "seminar-test"
OIDC_LOGIN = "/accounts/oidc/campus/login/"


@pytest.fixture
def oidc_idp(monkeypatch):
    """start(*users, **mock options): the mock provider running, Seminar configured for it (as an operator's
    environment would), its users `oidc_provider_mock.User(sub=…, claims={…})`; returns its base URL."""
    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")  # the mock is plain http on loopback
    servers = []

    def start(*users, **options):
        from oidc_provider_mock import run_server_in_thread  # imported here: it warns about authlib on import

        context = run_server_in_thread(user_claims=users, **options)
        server = context.__enter__()
        servers.append(context)
        issuer = f"http://localhost:{server.server_port}"
        monkeypatch.setenv("SSO_OIDC_ISSUER", issuer)
        monkeypatch.setenv("SSO_OIDC_CLIENT_ID", OIDC_CLIENT_ID)
        monkeypatch.setenv("SSO_OIDC_CLIENT_SECRET", "not-a-real-secret")
        monkeypatch.setenv("SSO_OIDC_NAME", "Westfield University")
        return issuer

    yield start
    for context in servers:
        context.__exit__(None, None, None)


def student_claims(sub, email, verified=True, **claims):
    from oidc_provider_mock import User

    return User(
        sub=sub,
        claims={"email": email, "email_verified": verified, "given_name": "Dana", "family_name": "Okafor", **claims},
    )


def approve_at_idp(authorize_url, sub):
    """The person signs in at the IdP: the mock approves `sub` and answers with its redirect to our callback."""
    response = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text
    return response.headers["Location"]


def callback_path(location):
    parts = urlsplit(location)
    return f"{parts.path}?{parts.query}"


def sign_in_oidc(client, sub, next_url=None):
    """The whole round trip from Seminar's log-in button: returns the callback's response."""
    response = client.post(OIDC_LOGIN, {"next": next_url} if next_url else {})
    assert response.status_code == 302, response.content
    return client.get(callback_path(approve_at_idp(response["Location"], sub)))


# --- A token endpoint of our own, for id_tokens the mock will not make --------------------------------


class _TokenHandler(JSONHandler):
    def do_POST(self):  # noqa: N802 (http.server's name)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_json(self.server.token_response)


@contextmanager
def token_endpoint(token_response):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _TokenHandler)
    server.token_response = token_response
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/token"
    finally:
        server.shutdown()
        thread.join(2)
        server.server_close()


def id_token(issuer, audience=OIDC_CLIENT_ID, expires_in=300, headers=None, **claims):
    """An id_token signed with a key of our own (not the IdP's), under the key ID `headers` names ("ours")."""
    now = datetime.now(UTC)
    payload = {"iss": issuer, "aud": audience, "sub": "forged", "iat": now, "exp": now + timedelta(seconds=expires_in)}
    return jwt.encode({**payload, **claims}, private_key(), algorithm="RS256", headers=headers or {"kid": "ours"})


# --- SAML: a self-signed IdP --------------------------------------------------------------------------


def private_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def self_signed(key, name="idp.westfield.example"):
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


def pem(key):
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def saml_time(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def new_id():
    return f"_{uuid.uuid4().hex}"


def b64(text):
    return base64.b64encode(text.encode()).decode()


SAML_LOGIN = "/accounts/saml/campus/login/"
SAML_ACS = "/accounts/saml/campus/acs/"
SAML_HOST = "seminar.example.edu"  # python3-saml refuses single-label hosts such as "testserver"
SP_ENTITY_ID = f"http://{SAML_HOST}/accounts/saml/campus/metadata/"
IDP_ENTITY_ID = "https://idp.westfield.example/idp"
ATTRIBUTE = """<saml:Attribute Name="{name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">
<saml:AttributeValue xsi:type="xs:string">{value}</saml:AttributeValue></saml:Attribute>"""
RESPONSE = """<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"
 xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="{response_id}" Version="2.0" IssueInstant="{now}"
 Destination="http://{host}{acs}" InResponseTo="{request_id}">
<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>
<saml:Assertion xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 ID="{assertion_id}" Version="2.0" IssueInstant="{now}">
<saml:Issuer>{idp}</saml:Issuer>
<saml:Subject>
<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient">{nameid}</saml:NameID>
<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
<saml:SubjectConfirmationData NotOnOrAfter="{not_after}" Recipient="http://{host}{acs}"
 InResponseTo="{request_id}"/></saml:SubjectConfirmation>
</saml:Subject>
<saml:Conditions NotBefore="{not_before}" NotOnOrAfter="{not_after}">
<saml:AudienceRestriction><saml:Audience>{audience}</saml:Audience></saml:AudienceRestriction>
</saml:Conditions>
<saml:AuthnStatement AuthnInstant="{now}" SessionIndex="{assertion_id}">
<saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext>
</saml:AuthnStatement>
<saml:AttributeStatement>{attributes}</saml:AttributeStatement>
</saml:Assertion>
</samlp:Response>"""


class SamlIdP:
    """A campus IdP of the test's own: its key and self-signed certificate, and the responses it signs."""

    def __init__(self):
        self.key = private_key()
        self.certificate = self_signed(self.key)

    def response(self, request_id, principal, email, *, audience=SP_ENTITY_ID, lifetime=300, signed=True, key=None):
        from onelogin.saml2.utils import OneLogin_Saml2_Utils

        now = datetime.now(UTC)
        attributes = {
            "urn:oid:1.3.6.1.4.1.5923.1.1.1.6": principal,
            "urn:oid:0.9.2342.19200300.100.1.3": email,
            "urn:oid:2.5.4.42": "Dana",
            "urn:oid:2.5.4.4": "Okafor",
        }
        xml = RESPONSE.format(
            response_id=new_id(),
            assertion_id=new_id(),
            request_id=request_id,
            now=saml_time(now),
            not_before=saml_time(now - timedelta(minutes=2)),
            not_after=saml_time(now + timedelta(seconds=lifetime)),
            acs=SAML_ACS,
            host=SAML_HOST,
            idp=IDP_ENTITY_ID,
            nameid=new_id(),
            audience=audience,
            attributes="".join(ATTRIBUTE.format(name=name, value=value) for name, value in attributes.items()),
        )
        if signed:  # the Response has no Issuer of its own, so add_sign signs the Assertion
            signer = key or self.key
            xml = OneLogin_Saml2_Utils.add_sign(
                xml, pem(signer), self.certificate if key is None else self_signed(signer)
            )
            xml = xml.decode() if isinstance(xml, bytes) else xml
        return b64(xml)


@pytest.fixture
def saml_idp(monkeypatch):
    """The SAML IdP, and Seminar configured for it as an operator would (certificate, SSO URL, entity ID; the
    university's addresses declared verified)."""
    idp = SamlIdP()
    monkeypatch.setenv("SSO_SAML_IDP_ENTITY_ID", IDP_ENTITY_ID)
    monkeypatch.setenv("SSO_SAML_IDP_SSO_URL", "https://idp.westfield.example/sso")
    monkeypatch.setenv("SSO_SAML_IDP_X509_CERT", idp.certificate)
    monkeypatch.setenv("SSO_SAML_NAME", "Westfield University")
    monkeypatch.setenv("SSO_VERIFIED_EMAIL_DOMAINS", "students.westfield.edu")
    return idp


def start_saml(client):
    """Press the button: the AuthnRequest's ID, which the IdP's response must answer."""
    from onelogin.saml2.utils import OneLogin_Saml2_Utils

    response = client.post(SAML_LOGIN)
    assert response.status_code == 302, response.content
    request = parse_qs(urlsplit(response["Location"]).query)["SAMLRequest"][0]
    xml = OneLogin_Saml2_Utils.decode_base64_and_inflate(request)
    xml = xml.decode() if isinstance(xml, bytes) else xml
    return re.search(r'ID="([^"]+)"', xml).group(1)


def post_to_acs(client, saml_response):
    """The browser brings the IdP's answer to Seminar (the ACS hands on to its finish view): the final response."""
    response = client.post(SAML_ACS, {"SAMLResponse": saml_response})
    assert response.status_code == 302, response.content
    return client.get(response["Location"])


@pytest.fixture
def unused_port():
    """A loopback port nothing listens on (bound, read, released)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
