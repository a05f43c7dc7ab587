"""The admin's "Locked out" page (URL namespace `lockouts`): the usernames and addresses django-axes is refusing,
and an Unlock button for each. Instructors see and unlock the usernames of the members of their courses; site
administrators every username and the addresses (an address belongs to no course). Anyone else logged in gets a
403."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.urls import path
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from courses.choice import courses_for
from courses.instructors import InstructorRequiredMixin
from courses.models import Role
from courses.roles import is_site_admin
from privacy.lockouts import KINDS, current_locks, lift

app_name = "lockouts"


class UnlockForm(forms.Form):
    kind = forms.ChoiceField(choices=[(kind, kind) for kind in KINDS])
    value = forms.CharField(max_length=255)


class LockoutsView(InstructorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = "Locked out"
    header_icon = "lock"
    template_name = "lockouts/index.html"

    def visible_locks(self):
        user = self.request.user
        if is_site_admin(user):
            return current_locks()
        members = (
            get_user_model()
            .objects.filter(enrolments__course__in=courses_for(user, (Role.INSTRUCTOR,)))
            .values_list("username", flat=True)
        )
        usernames = {name.lower() for name in members}
        return [lock for lock in current_locks() if lock.kind == "username" and lock.value.lower() in usernames]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, "locks": self.visible_locks(), "failure_limit": settings.AXES_FAILURE_LIMIT}

    def post(self, request):
        form = UnlockForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Choose a username or an address to unlock.")
            return self.render_to_response(self.get_context_data(), status=400)
        kind, value = form.cleaned_data["kind"], form.cleaned_data["value"]
        label = f"the address {value}" if kind == "address" else value
        if not any(lock.kind == kind and lock.value == value for lock in self.visible_locks()):
            messages.warning(request, f"{label.capitalize()} is not locked out in your courses.")
            return redirect("lockouts:index")
        if lift(kind, value):
            messages.success(request, f"Unlocked {label}: logging in works again now.")
        else:
            messages.warning(request, f"{label.capitalize()} was not locked out (the pause may have ended already).")
        return redirect("lockouts:index")


urlpatterns = [path("", LockoutsView.as_view(), name="index")]
