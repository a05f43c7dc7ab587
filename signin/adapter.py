"""How a campus sign-in becomes a Seminar account (allauth's SOCIALACCOUNT_ADAPTER).

The rules: the IdP must vouch for the email address before it creates an account or opens one the roster made
(never an unverified one: anyone could type a classmate's address at a careless IdP); the roster's accounts are
found by that address and linked, so the student lands in their courses; the login is the lower-cased address, as
the roster writes it; names come from the IdP, and what the public sees stays the course's public-name rule.
Every refusal is a page saying why, never allauth's own flows (signup forms, verification mail, password wipes).
"""

from allauth.account.models import EmailAddress
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.base.constants import AuthError
from django.contrib.auth import get_user_model
from django.shortcuts import render

from signin import config
from signin.erasure import erase_campus_data

NAME_LENGTH = 150  # Django's first_name and last_name

REFUSALS = {
    "unverified": "Your university did not confirm your email address, so Seminar cannot tell which account is yours.",
    "no_email": "Your university did not send an email address, so Seminar cannot tell which account is yours.",
    "inactive": "Your Seminar account is closed. Ask your instructor to reopen it.",
    "taken": "An account with your university login exists under another email address. Ask your instructor.",
}


def refusal(request, reason, status=403):
    """The page for a sign-in Seminar will not complete."""
    context = {"reason": REFUSALS.get(reason, reason)}
    return render(request, "signin/refused.html", context, status=status)


def refuse(request, reason):
    raise ImmediateHttpResponse(refusal(request, reason))


def social_app(entry):
    app = SocialApp(provider=entry["provider"])
    for field in ("provider_id", "name", "client_id", "secret"):
        if field in entry:
            setattr(app, field, entry[field])
    app.settings = entry["settings"]
    return app


def matches(app, provider, client_id):
    if client_id and app.client_id != client_id:
        return False
    return not provider or provider in (app.provider, app.provider_id)


def verified_emails(sociallogin):
    return [address.email for address in sociallogin.email_addresses if address.verified]


def record_verified_email(user, email):
    """The address the IdP just vouched for, recorded as verified (allauth would otherwise take the roster
    account's unrecorded address for an unverified one and wipe the password the student chose)."""
    address, _ = EmailAddress.objects.get_or_create(
        user=user, email__iexact=email, defaults={"email": email, "primary": True, "verified": True}
    )
    if not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])


class CampusSocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        apps = [social_app(entry) for entry in config.configured_apps()]
        return super().list_apps(request, provider, client_id) + [
            app for app in apps if matches(app, provider, client_id)
        ]

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.username = (user.email or "").lower()
        user.first_name, user.last_name = user.first_name[:NAME_LENGTH], user.last_name[:NAME_LENGTH]
        # Kept for a returning member: allauth swaps this new user for their account before pre_social_login.
        sociallogin.idp_names = {"first_name": user.first_name, "last_name": user.last_name}
        return user

    def pre_social_login(self, request, sociallogin):
        if sociallogin.is_existing:
            self.returning(request, sociallogin)
        else:
            self.newcomer(request, sociallogin)

    def returning(self, request, sociallogin):
        """A known identity, or a roster account found by a verified address: its names follow the IdP's."""
        user = sociallogin.user
        if not user.is_active:
            erase_campus_data(sender=type(user), instance=user)  # allauth stored this sign-in's claims already
            refuse(request, "inactive")
        if sociallogin.account.pk is None:  # found by address, about to be linked
            record_verified_email(user, verified_emails(sociallogin)[0])
        names = {field: value for field, value in getattr(sociallogin, "idp_names", {}).items() if value}
        changed = [field for field, value in names.items() if getattr(user, field) != value]
        for field in changed:
            setattr(user, field, names[field])
        if changed:
            user.save(update_fields=changed)

    def newcomer(self, request, sociallogin):
        """A new identity with no account yet: only with an address the IdP vouches for, and a free login."""
        if not sociallogin.email_addresses:
            refuse(request, "no_email")
        emails = verified_emails(sociallogin)
        if not emails:
            refuse(request, "unverified")
        if get_user_model().objects.filter(username__iexact=emails[0]).exists():
            refuse(request, "taken")

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None):
        """Bad, expired, replayed or foreign tokens and assertions: one clear page (allauth's would be bare). A
        sign-in the person cancelled at the IdP goes on to allauth's cancelled page, which is ours too."""
        if error == AuthError.CANCELLED:
            return
        raise ImmediateHttpResponse(
            render(request, "signin/failed.html", {"provider": provider, "error": error}, status=400)
        )
