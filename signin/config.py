"""The campus identity providers, read from the environment on each use (docs/operations.md, "Campus sign-in").

allauth takes its providers from `settings.SOCIALACCOUNT_PROVIDERS` or the database; the settings cannot import
this app (layering), so the adapter (signin.adapter) hands these apps to allauth instead, and nothing needs the
Django admin. No secret lives in the repository: the client secret and the IdP's certificate come from the
environment.
"""

import os

OIDC_PROVIDER_ID = "campus"  # /accounts/oidc/campus/login/callback/ is the redirect URI the IdP registers
SAML_ORGANIZATION = "campus"  # /accounts/saml/campus/acs/ and …/metadata/

# The attributes most campus IdPs (Shibboleth, ADFS, Entra ID) send, by their standard names.
SAML_DEFAULT_ATTRIBUTES = {
    "uid": "urn:oid:1.3.6.1.4.1.5923.1.1.1.6",  # eduPersonPrincipalName
    "email": "urn:oid:0.9.2342.19200300.100.1.3",  # mail
    "first_name": "urn:oid:2.5.4.42",  # givenName
    "last_name": "urn:oid:2.5.4.4",  # sn
    "email_verified": "",
}


def env(name, default=""):
    return os.environ.get(name, default).strip()


def verified_domains():
    """Domains whose addresses the IdP vouches for, though it sends no email_verified claim or attribute."""
    return [item.strip().lower() for item in env("SSO_VERIFIED_EMAIL_DOMAINS").split(",") if item.strip()]


def password_login_shown():
    """SSO_PASSWORD_LOGIN=off folds the password form away (guests still open it); anything else shows it."""
    return env("SSO_PASSWORD_LOGIN", "on").lower() not in ("off", "0", "false", "no")


def common_settings():
    settings = {"email_authentication": True}
    if verified_domains():
        settings["verified_email"] = verified_domains()
    return settings


def oidc_app():
    """The OpenID Connect app, or None without SSO_OIDC_ISSUER."""
    issuer = env("SSO_OIDC_ISSUER")
    if not issuer:
        return None
    return {
        "provider": "openid_connect",
        "provider_id": OIDC_PROVIDER_ID,
        "name": env("SSO_OIDC_NAME", "your university"),
        "client_id": env("SSO_OIDC_CLIENT_ID"),
        "secret": env("SSO_OIDC_CLIENT_SECRET"),
        "settings": {"server_url": issuer, **common_settings()},
    }


def saml_attribute_mapping():
    mapping = {}
    for key, default in SAML_DEFAULT_ATTRIBUTES.items():
        names = [name.strip() for name in env(f"SSO_SAML_ATTRIBUTE_{key.upper()}", default).split(",")]
        if any(names):
            mapping[key] = [name for name in names if name]
    return mapping


def saml_idp():
    if env("SSO_SAML_METADATA_URL"):
        return {"metadata_url": env("SSO_SAML_METADATA_URL"), "entity_id": env("SSO_SAML_IDP_ENTITY_ID")}
    return {
        "entity_id": env("SSO_SAML_IDP_ENTITY_ID"),
        "sso_url": env("SSO_SAML_IDP_SSO_URL"),
        "x509cert": env("SSO_SAML_IDP_X509_CERT").replace("\\n", "\n"),
    }


def saml_app():
    """The SAML 2.0 app, or None without SSO_SAML_METADATA_URL or SSO_SAML_IDP_SSO_URL. Assertions must be
    signed, responses must answer a request this browser made (no IdP-initiated log-in), strict checks on."""
    if not (env("SSO_SAML_METADATA_URL") or env("SSO_SAML_IDP_SSO_URL")):
        return None
    return {
        "provider": "saml",
        "name": env("SSO_SAML_NAME", "your university"),
        "client_id": SAML_ORGANIZATION,
        "settings": {
            "idp": saml_idp(),
            "attribute_mapping": saml_attribute_mapping(),
            "use_nameid_for_email": env("SSO_SAML_NAMEID_IS_EMAIL") == "1",
            "advanced": {"strict": True, "want_assertion_signed": True, "reject_idp_initiated_sso": True},
            **common_settings(),
        },
    }


def configured_apps():
    """The configured apps as allauth's settings describe them (SOCIALACCOUNT_PROVIDERS' "APPS" entries)."""
    return [app for app in (oidc_app(), saml_app()) if app]
