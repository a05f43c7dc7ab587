"""The admin's Roster page (URL namespace `roster`): upload a roster CSV, preview what it would change, import it.

Only instructors and superusers reach these views (courses.instructors.InstructorRequiredMixin).
A preview keeps the file's text in the session, so "Import" applies exactly the file that was previewed.
"""

import hashlib

from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.generic import FormView, View
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from blog.models import public_name
from courses.instructors import InstructorRequiredMixin
from home.course_option import default_course
from roster.forms import RemovalForm, RosterUploadForm
from roster.importer import RosterFileError, import_roster, parse_text
from roster.invitations import course_name
from roster.removal import remove_on_request

PREVIEW_SESSION_KEY = "roster_preview"


def digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


class RosterViewMixin(InstructorRequiredMixin, WagtailAdminTemplateMixin):
    page_title = "Roster"
    header_icon = "group"
    report = None

    def get_page_title(self):
        if self.report is None:
            return self.page_title
        return "Roster import preview" if self.report.dry_run else "Roster imported"

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": reverse("roster:index"), "label": "Roster"}]
        if self.report is not None:
            items.append({"url": "", "label": "Import preview" if self.report.dry_run else "Import result"})
        return items

    def run_import(self, roster, *, dry_run, deactivate_missing):
        """The command's code path, with invitation links on the host this instructor is using."""
        request = self.request
        course = default_course(request)
        self.report = import_roster(
            roster,
            invite_base_url=f"{request.scheme}://{request.get_host()}",
            site_name=course.title if course else course_name(request),
            dry_run=dry_run,
            deactivate_missing=deactivate_missing,
            course=course,
        )
        return self.report

    def show_report(self, file_name, deactivate_missing, preview=""):
        self.template_name = "roster/result.html"
        context = self.get_context_data(
            report=self.report,
            counts=self.report.counts,
            file_name=file_name,
            deactivate_missing=deactivate_missing,
            preview=preview,
        )
        return self.render_to_response(context)


class UploadView(RosterViewMixin, FormView):
    template_name = "roster/upload.html"
    form_class = RosterUploadForm

    def form_valid(self, form):
        dry_run, deactivate_missing = form.cleaned_data["dry_run"], form.cleaned_data["deactivate_missing"]
        self.run_import(form.roster, dry_run=dry_run, deactivate_missing=deactivate_missing)
        file_name = form.cleaned_data["file"].name
        preview = ""
        self.request.session.pop(PREVIEW_SESSION_KEY, None)
        if dry_run:
            preview = digest(form.text)
            self.request.session[PREVIEW_SESSION_KEY] = {
                "digest": preview,
                "text": form.text,
                "file_name": file_name,
                "deactivate_missing": deactivate_missing,
            }
        return self.show_report(file_name, deactivate_missing, preview)


class ConfirmView(RosterViewMixin, View):
    """Import the file last previewed in this session, with the options it was previewed with."""

    http_method_names = ["post"]

    def post(self, request):
        stored = request.session.get(PREVIEW_SESSION_KEY) or {}
        if not stored or stored.get("digest") != request.POST.get("preview"):
            messages.error(request, "That preview is no longer available. Upload the file again.")
            return redirect("roster:index")
        del request.session[PREVIEW_SESSION_KEY]
        try:
            roster = parse_text(stored["text"])
        except RosterFileError as error:  # the file was usable when previewed; this is only a safeguard
            messages.error(request, f"{error} Nothing was imported.")
            return redirect("roster:index")
        self.run_import(roster, dry_run=False, deactivate_missing=stored["deactivate_missing"])
        return self.show_report(stored["file_name"], stored["deactivate_missing"])


class RemovalView(RosterViewMixin, FormView):
    """Remove a student on request (roster/removal.py), after a confirmation that says what it does."""

    page_title = "Remove a student on request"
    template_name = "roster/remove.html"
    form_class = RemovalForm

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": "Remove a student"}]

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        student = form.cleaned_data["student"]
        name = public_name(student)
        removal = remove_on_request(
            student, unpublish_posts=form.cleaned_data["posts"] == "unpublish", by=self.request.user
        )
        posts = (
            f"{removal.posts_unpublished} post(s) unpublished"
            if removal.posts_unpublished
            else f"{removal.posts_kept} post(s) kept, shown as by “Former student”"
        )
        messages.success(self.request, f"{name} was removed: account closed, name and email erased; {posts}.")
        return redirect("roster:index")


app_name = "roster"
urlpatterns = [
    path("", UploadView.as_view(), name="index"),
    path("import/", ConfirmView.as_view(), name="confirm"),
    path("remove/", RemovalView.as_view(), name="remove"),
]
