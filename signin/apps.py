from django.apps import AppConfig


class SigninConfig(AppConfig):
    """Campus single sign-on (OpenID Connect, SAML 2.0) through django-allauth, beside the local passwords."""

    name = "signin"
    verbose_name = "Campus sign-in"

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import post_save

        from signin.erasure import erase_campus_data

        post_save.connect(erase_campus_data, sender=settings.AUTH_USER_MODEL, dispatch_uid="signin-erase-campus-data")
