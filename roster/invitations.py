"""The invitation a new student gets: their login and a link to choose their own password.

The link is Django's password reset link (default_token_generator), so it works once, expires after
PASSWORD_RESET_TIMEOUT, and no password is ever generated, stored, logged or mailed. Sent by a django-tasks task:
production runs `manage.py db_worker`; tests and `make run` use the immediate backend.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from courses.outbox import mail_task

TEMPLATE = "roster/email/invitation.txt"


def invitation_link(user, base_url):
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base_url.rstrip("/") + reverse("password_reset_confirm", kwargs={"uidb64": uidb64, "token": token})


@mail_task
def send_invitation(user_id, base_url, site_name):
    """Invite a student the roster created, unless they left the roster or chose a password in the meantime."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email or user.has_usable_password():
        return
    context = {
        "user": user,
        "site_name": site_name,
        "link": invitation_link(user, base_url),
        "login_url": base_url.rstrip("/") + reverse("login"),
        "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    subject, _, body = render_to_string(TEMPLATE, context).strip().partition("\n\n")
    send_mail(subject.strip(), body, settings.DEFAULT_FROM_EMAIL, [user.email])
