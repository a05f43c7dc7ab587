"""The Seminar account of an LMS user. The platform's user id (`sub`) is the identity: lti_tool.LtiUser keeps it
per registration, linked to one account, so a changed name or email in the LMS changes nothing here.

A first launch links to an existing account by email only when the registration says its LMS verifies emails
(PlatformOptions.trusts_email): an LTI email claim is whatever the LMS holds, and trusting an LMS that lets users
type their own would hand them other people's accounts. Even then a superuser's account is never opened this way.
Otherwise the first launch makes an account: its username is the email (as roster imports make them) when no
account uses that address yet, else `lti-<n>`; it has no password, so it is reached from the LMS (or by a password
reset to its email)."""

from django.contrib.auth import get_user_model
from django.db import transaction
from lti_tool.models import LtiUser

from lms.launch import Refusal


def options_trust_email(registration):
    options = getattr(registration, "seminar_options", None)
    return bool(options and options.trusts_email)


def account_with_email(email):
    """The one account using `email`, or None (none, several, or a superuser's)."""
    accounts = list(get_user_model().objects.filter(email__iexact=email)[:2])
    if len(accounts) != 1 or accounts[0].is_superuser:
        return None
    return accounts[0]


def new_account(lti_user):
    User = get_user_model()
    email = (lti_user.email or "").strip().lower()
    free = bool(email) and not User.objects.filter(email__iexact=email).exists()
    username = email[:150] if free and not User.objects.filter(username__iexact=email).exists() else ""
    user = User(
        username=username or f"lti-{lti_user.pk}",
        email=email if free else "",
        first_name=lti_user.given_name[:150],
        last_name=lti_user.family_name[:150],
    )
    user.set_unusable_password()
    user.save()
    return user


def linked_account(lti_user_pk):
    """The account of an LMS user (by its LtiUser's pk), made or linked the first time: at their first launch, or
    when a roster sync (lms.roster_sync) finds them before they ever launched."""
    with transaction.atomic():
        lti_user = LtiUser.objects.select_for_update().get(pk=lti_user_pk)
        if lti_user.auth_user_id is None:
            email = (lti_user.email or "").strip()
            found = account_with_email(email) if email and options_trust_email(lti_user.registration) else None
            lti_user.auth_user = found or new_account(lti_user)
            lti_user.save(update_fields=["auth_user", "datetime_modified"])
    return lti_user.auth_user


def account_for(launch):
    """The account this launch's user opens, made or linked on their first launch."""
    user = linked_account(launch.user.pk)
    if not user.is_active:
        raise Refusal("Your Seminar account is closed. Ask your instructor or a site administrator.")
    return user
