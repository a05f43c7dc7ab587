"""The admin's "Locked out" page (URL namespace `lockouts`): the usernames and addresses django-axes is refusing,
and an Unlock button for each. Instructors and superusers only; anyone else logged in gets a 403."""

from django import forms
from django.conf import settings
from django.shortcuts import redirect
from django.urls import path
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from courses.instructors import InstructorRequiredMixin
from privacy.lockouts import KINDS, current_locks, lift

app_name = "lockouts"


class UnlockForm(forms.Form):
    kind = forms.ChoiceField(choices=[(kind, kind) for kind in KINDS])
    value = forms.CharField(max_length=255)


class LockoutsView(InstructorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = "Locked out"
    header_icon = "lock"
    template_name = "lockouts/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, "locks": current_locks(), "failure_limit": settings.AXES_FAILURE_LIMIT}

    def post(self, request):
        form = UnlockForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Choose a username or an address to unlock.")
            return self.render_to_response(self.get_context_data(), status=400)
        kind, value = form.cleaned_data["kind"], form.cleaned_data["value"]
        label = f"the address {value}" if kind == "address" else value
        if lift(kind, value):
            messages.success(request, f"Unlocked {label}: logging in works again now.")
        else:
            messages.warning(request, f"{label.capitalize()} was not locked out (the pause may have ended already).")
        return redirect("lockouts:index")


urlpatterns = [path("", LockoutsView.as_view(), name="index")]
