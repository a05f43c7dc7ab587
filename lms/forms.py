"""The admin's form for an LMS platform: django-lti's registration (issuer, client id, the platform's URLs), its
deployment ids, and Seminar's options for it (lms.models.PlatformOptions), on one page."""

from django import forms
from lti_tool.models import LtiDeployment, LtiRegistration
from wagtail.admin.forms import WagtailAdminModelForm

from lms.models import PlatformOptions
from lms.platforms import ORIGIN
from terms.creation import CourseError, find_catalogue

OPTIONS = ["web_origins", "trusts_email", "new_courses_under"]


class PlatformForm(WagtailAdminModelForm):
    deployment_ids = forms.CharField(
        label="Deployment IDs",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="One a line, as the LMS shows them. Launches from other deployments are refused, and their IDs "
        "listed here to add if they are yours.",
    )
    web_origins = PlatformOptions._meta.get_field("web_origins").formfield(widget=forms.Textarea(attrs={"rows": 2}))
    trusts_email = PlatformOptions._meta.get_field("trusts_email").formfield()
    new_courses_under = PlatformOptions._meta.get_field("new_courses_under").formfield()

    class Meta:
        model = LtiRegistration
        fields = ["name", "issuer", "client_id", "auth_url", "token_url", "keyset_url", "audience", "is_active"]
        labels = {"keyset_url": "Key set URL (the platform's JWKS)", "auth_url": "Authorization (login) URL"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            options = PlatformOptions.objects.filter(registration=self.instance).first()
            for name in OPTIONS:
                self.initial[name] = getattr(options, name) if options else self.fields[name].initial
            self.initial["deployment_ids"] = "\n".join(self.listed_deployments(active=True))
            refused = self.listed_deployments(active=False)
            if refused:
                field = self.fields["deployment_ids"]
                field.help_text = f"{field.help_text} Refused so far: {', '.join(refused)}."

    def listed_deployments(self, active):
        deployments = self.instance.deployments.filter(is_active=active).order_by("deployment_id")
        return list(deployments.values_list("deployment_id", flat=True))

    def clean_deployment_ids(self):
        return sorted({line.strip() for line in self.cleaned_data["deployment_ids"].splitlines() if line.strip()})

    def clean_web_origins(self):
        lines = [line.strip().rstrip("/") for line in self.cleaned_data["web_origins"].splitlines() if line.strip()]
        wrong = [line for line in lines if not ORIGIN.match(line)]
        if wrong:
            raise forms.ValidationError(f"Not a web origin (https://host, no path): {', '.join(wrong)}")
        return "\n".join(lines)

    def clean_new_courses_under(self):
        spec = self.cleaned_data["new_courses_under"].strip()
        try:
            find_catalogue(spec or "/")
        except CourseError as error:
            raise forms.ValidationError(str(error)) from None
        return spec

    def save(self, commit=True):
        registration = super().save(commit=commit)
        if commit:
            self.save_related(registration)
        return registration

    def save_related(self, registration):
        PlatformOptions.objects.update_or_create(
            registration=registration, defaults={name: self.cleaned_data[name] for name in OPTIONS}
        )
        wanted = self.cleaned_data["deployment_ids"]
        for deployment_id in wanted:
            LtiDeployment.objects.update_or_create(
                registration=registration, deployment_id=deployment_id, defaults={"is_active": True}
            )
        registration.deployments.exclude(deployment_id__in=wanted).update(is_active=False)
