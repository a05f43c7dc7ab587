"""The LMS fetches Seminar's public key set at /lti/jwks/ to check what Seminar signs: a fresh install answers with
a key made on the spot (the private half never shown), the same one next time, and `rotate_keys` adds a new one."""

import pytest
from django.core.management import call_command
from lti_tool.models import Key

pytestmark = pytest.mark.django_db


def test_a_fresh_install_publishes_one_public_key(client):
    assert not Key.objects.exists()
    keys = client.get("/lti/jwks/").json()["keys"]
    assert len(keys) == 1
    key = keys[0]
    assert (key["kty"], key["alg"], key["use"]) == ("RSA", "RS256", "sig") and key["kid"] and key["n"] and key["e"]
    assert not {"d", "p", "q"} & set(key)  # no private parts
    assert client.get("/lti/jwks/").json()["keys"] == keys


def test_rotating_keys_publishes_the_new_key_beside_the_old(client):
    old = client.get("/lti/jwks/").json()["keys"][0]["kid"]
    call_command("rotate_keys", stdout=None)
    kids = [key["kid"] for key in client.get("/lti/jwks/").json()["keys"]]
    assert old in kids and len(kids) == 2
