"""The course's own admin pages, opened from its buttons in the page explorer (terms.wagtail_hooks): archive or
reopen it after a confirmation, and roll it over with a form. Only its instructors and the site administrators get
in; anyone else gets Wagtail's refusal (a redirect to the dashboard that says so)."""

from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from courses.roles import is_site_admin
from home.models import HomePage
from terms.access import may_manage
from terms.archive import archive_course, reopen_course
from terms.creation import CourseError, NewCourse
from terms.forms import RolloverForm
from terms.rollover import roll_over


def explore(course):
    return reverse("wagtailadmin_explore", args=[course.pk])


class CourseViewMixin(WagtailAdminTemplateMixin):
    header_icon = "calendar"

    def dispatch(self, request, course_id):
        self.course = get_object_or_404(HomePage, pk=course_id)
        if not may_manage(request.user, self.course):
            return permission_denied(request)
        return super().dispatch(request, course_id)

    def get_page_subtitle(self):
        return f"{self.course.title} ({self.course.term})" if self.course.term else self.course.title

    def get_breadcrumbs_items(self):
        course = {"url": explore(self.course), "label": self.course.title}
        return [*self.breadcrumbs_items, course, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(course=self.course, **kwargs)


class ArchiveView(CourseViewMixin, TemplateView):
    """A confirmation that says what archiving (or reopening) does; the change on POST."""

    template_name = "terms/archive.html"

    def get_page_title(self):
        return "Reopen course" if self.course.is_archived else "Archive course"

    def post(self, request, course_id):
        if self.course.is_archived:
            restored = reopen_course(self.course, request.user)
            messages.success(request, f"“{self.course.title}” is open again; {restored} enrolments restored.")
        else:
            ended = archive_course(self.course, request.user)
            messages.success(request, f"“{self.course.title}” is archived; {ended} enrolments ended.")
        return redirect(explore(self.course))


class RolloverView(CourseViewMixin, FormView):
    """The rollover_course command's options as a form; the same code creates the course."""

    template_name = "terms/rollover.html"
    form_class = RolloverForm
    page_title = "Roll over"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "may_create_site": is_site_admin(self.request.user)}

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        data = form.cleaned_data
        request = NewCourse(
            title=self.course.title,
            term=data["term"].strip(),
            starts=data["starts"],
            ends=data["ends"],
            hostname=data["hostname"].strip().lower(),
            port=data["port"] or 80,
            under=data["under"],
            slug=data["slug"],
        )
        try:
            result = roll_over(self.course, request, self.request.user)
        except CourseError as error:
            form.add_error(None, f"{error} Nothing was created.")
            return self.form_invalid(form)
        new = result.course
        if result.created:
            text = f"“{new.title}” rolled over to {new.term}: {result.units} units, {result.staff} instructors and TAs."
        else:
            text = f"“{new.title}” ({new.term}) was rolled over from this course already: nothing changed."
        messages.success(self.request, text, buttons=[messages.button(new.get_url(self.request) or "/", "View live")])
        return redirect(explore(new))


app_name = "terms"
urlpatterns = [
    path("<int:course_id>/archive/", ArchiveView.as_view(), name="archive"),
    path("<int:course_id>/rollover/", RolloverView.as_view(), name="rollover"),
]
