"""The admin's Roster page (URL namespace `roster`): upload a roster CSV, preview what it would change to the chosen
course, import it; and remove one of the course's students on request.

Only the course's instructors and site administrators reach these views (courses.instructors.InstructorRequiredMixin,
then courses.choice.CourseChoiceMixin: another course is a 404, and teaching assistants are refused).
A preview keeps the file's text and its course in the session, so "Import" applies exactly the file that was
previewed, to the course it was previewed for.
"""

import hashlib

from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.generic import FormView, View
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from blog.models import public_name
from courses.choice import CourseChoiceMixin
from courses.instructors import InstructorRequiredMixin
from courses.models import Role
from roster.forms import RemovalForm, RosterUploadForm
from roster.importer import RosterFileError, import_roster, parse_text
from roster.removal import remove_on_request

PREVIEW_SESSION_KEY = "roster_preview"


def digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


class RosterViewMixin(InstructorRequiredMixin, CourseChoiceMixin, WagtailAdminTemplateMixin):
    page_title = "Roster"
    header_icon = "group"
    course_roles = (Role.INSTRUCTOR,)
    report = None

    def get_page_subtitle(self):
        return self.course.title

    def index_url(self):
        return reverse("roster:index") + self.course_query()

    def get_page_title(self):
        if self.report is None:
            return self.page_title
        return "Roster import preview" if self.report.dry_run else "Roster imported"

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": self.index_url(), "label": "Roster"}]
        if self.report is not None:
            items.append({"url": "", "label": "Import preview" if self.report.dry_run else "Import result"})
        return items

    def run_import(self, roster, *, dry_run, deactivate_missing):
        """The command's code path, into the chosen course, with invitation links on the host this instructor is
        using."""
        request = self.request
        self.report = import_roster(
            roster,
            course=self.course,
            invite_base_url=f"{request.scheme}://{request.get_host()}",
            site_name=self.course.title,
            dry_run=dry_run,
            deactivate_missing=deactivate_missing,
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
                "course": self.course.pk,
                "text": form.text,
                "file_name": file_name,
                "deactivate_missing": deactivate_missing,
            }
        return self.show_report(file_name, deactivate_missing, preview)


class ConfirmView(RosterViewMixin, View):
    """Import the file last previewed in this session, into the course and with the options it was previewed with.
    The form names the course it shows (the chosen course, which the user must still teach): a preview made for
    another course since then is refused, never imported into the course on screen."""

    http_method_names = ["post"]

    def post(self, request):
        stored = request.session.get(PREVIEW_SESSION_KEY) or {}
        if not stored or stored.get("digest") != request.POST.get("preview"):
            messages.error(request, "That preview is no longer available. Upload the file again.")
            return redirect(self.index_url())
        if stored.get("course") != self.course.pk:
            messages.error(request, "That preview was made for another course. Upload the file again.")
            return redirect(self.index_url())
        del request.session[PREVIEW_SESSION_KEY]
        try:
            roster = parse_text(stored["text"])
        except RosterFileError as error:  # the file was usable when previewed; this is only a safeguard
            messages.error(request, f"{error} Nothing was imported.")
            return redirect(self.index_url())
        self.run_import(roster, dry_run=False, deactivate_missing=stored["deactivate_missing"])
        return self.show_report(stored["file_name"], stored["deactivate_missing"])


class RemovalView(RosterViewMixin, FormView):
    """Remove one of the course's students on request (roster/removal.py), after a confirmation that says what it
    does: the account is erased on the whole site, not only in this course."""

    page_title = "Remove a student on request"
    template_name = "roster/remove.html"
    form_class = RemovalForm

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": "Remove a student"}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "course": self.course}

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
        return redirect(self.index_url())


app_name = "roster"
urlpatterns = [
    path("", UploadView.as_view(), name="index"),
    path("import/", ConfirmView.as_view(), name="confirm"),
    path("remove/", RemovalView.as_view(), name="remove"),
]
