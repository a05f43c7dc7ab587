"""OpenID Connect with the id_token's signature always checked (allauth's adapter, one method replaced).

allauth skips the signature of an id_token fetched from the token endpoint (OIDC Core 3.1.3.7 allows it over TLS)
and, when it does check, needs a `kid` in the token's header, which a single-key IdP may leave out. Here the token
is checked against the IdP's published keys every time: the key its `kid` names, or the IdP's only key; with the
algorithm the key declares (RS256 when it declares none), never the one the token claims; plus issuer, audience,
expiry and allauth's replay check of `jti`.
"""

import jwt
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter


def published_keys(url):
    with get_adapter().get_requests_session() as session:
        response = session.get(url)
        response.raise_for_status()
        return response.json().get("keys", [])


def signing_key(token, keys):
    kid = jwt.get_unverified_header(token).get("kid")
    candidates = [key for key in keys if key.get("use", "sig") == "sig"]
    chosen = [key for key in candidates if key.get("kid") == kid] if kid else candidates[:2]
    if len(chosen) != 1:
        raise OAuth2Error(f"No single signing key for kid {kid!r}")
    return jwt.PyJWK(chosen[0], algorithm=chosen[0].get("alg", "RS256"))


def verify(token, *, keys_url, issuer, audience):
    try:
        key = signing_key(token, published_keys(keys_url))
        data = jwt.decode(
            token,
            key=key.key,
            algorithms=[key.algorithm_name],
            issuer=issuer,
            audience=audience,
            options={"verify_signature": True, "verify_iss": True, "verify_aud": True, "verify_exp": True},
        )
    except (jwt.PyJWTError, ValueError, KeyError) as error:
        raise OAuth2Error("Invalid id_token") from error
    jwtkit.verify_jti(data)
    return data


class SignedIdTokenAdapter(OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app, id_token):
        config = self.openid_config
        return verify(id_token, keys_url=config["jwks_uri"], issuer=config["issuer"], audience=app.client_id)
