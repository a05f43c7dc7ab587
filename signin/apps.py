from django.apps import AppConfig


class SigninConfig(AppConfig):
    """Campus single sign-on (OpenID Connect, SAML 2.0) through django-allauth, beside the local passwords."""

    name = "signin"
    verbose_name = "Campus sign-in"
