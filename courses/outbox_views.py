"""Reports → Emails not sent: the emails whose every attempt failed (courses/outbox.py), for instructors and site
administrators, with a Retry that gives them a fresh round of attempts. Site administrators see every one; an
instructor sees those sent to the members of their own courses (an email to several addresses: administrators only)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.choice import courses_for
from courses.instructors import InstructorRequiredMixin
from courses.models import Enrolment, OutboxEmail, Role
from courses.outbox import retry_failed
from courses.roles import is_site_admin


def emails_for(user, status=OutboxEmail.Status.FAILED):
    """The emails in `status` that `user` may see (and retry, when failed), newest first."""
    emails = OutboxEmail.objects.filter(status=status).order_by("-created_at", "-pk")
    if is_site_admin(user):
        return emails
    members = Enrolment.objects.active().filter(course__in=courses_for(user, (Role.INSTRUCTOR,))).values("user_id")
    addresses = get_user_model().objects.filter(pk__in=members).exclude(email="").values("email")
    return emails.filter(recipients__in=addresses)


class FailedEmailsView(InstructorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = "Emails not sent"
    header_icon = "mail"
    template_name = "courses/outbox_failed.html"

    @cached_property
    def emails(self):
        return emails_for(self.request.user)

    def get_context_data(self, **kwargs):
        waiting = emails_for(self.request.user, OutboxEmail.Status.QUEUED).count()  # still being tried
        return super().get_context_data(
            emails=list(self.emails[:500]), count=self.emails.count(), waiting=waiting, **kwargs
        )

    def post(self, request):
        """Retry the chosen emails (`email` ids), or every one listed when none is chosen."""
        chosen = request.POST.getlist("email")
        emails = self.emails.filter(pk__in=[pk for pk in chosen if pk.isdigit()]) if chosen else self.emails
        retried = retry_failed(emails)
        messages.success(request, f"{retried} email{'' if retried == 1 else 's'} queued to be sent again.")
        return redirect(reverse("outbox_failed"))
