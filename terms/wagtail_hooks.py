"""The course's buttons in the page explorer (Archive or Reopen, Roll over: for its instructors and the site
administrators), their admin pages, the history entries archiving writes, and the admin's refusals inside an
archived course: no new page, no submission for review (a 403 page that says why)."""

from django.urls import include, path, reverse
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button

from home.models import HomePage, course_for
from terms import admin_views
from terms.access import may_manage
from terms.archive import ARCHIVED, REOPENED

SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")


class ArchivedRefusalView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "terms/archived_refusal.html"
    page_title = "This course is archived"
    header_icon = "warning"

    def post(self, request, *args, **kwargs):  # the refused form was sent
        return self.get(request, *args, **kwargs)


def refusal(request, course, reason):
    view = ArchivedRefusalView.as_view(extra_context={"course": course, "reason": reason})
    response = view(request)
    response.status_code = 403
    return response


def archived_course_of(page):
    course = course_for(page) if page is not None and page.depth > 1 else None
    return course if course is not None and course.is_archived else None


@hooks.register("before_create_page")
def no_new_pages_in_an_archived_course(request, parent_page, page_class):
    if course := archived_course_of(parent_page):
        kind = page_class._meta.verbose_name
        return refusal(request, course, f"An archived course takes nothing new: this {kind} was not created.")
    return None


@hooks.register("before_edit_page")
def no_submissions_in_an_archived_course(request, page):
    submitting = request.method == "POST" and any(request.POST.get(action) for action in SUBMIT_ACTIONS)
    if submitting and (course := archived_course_of(page)):
        return refusal(request, course, "An archived course takes no submissions: nothing was saved or submitted.")
    return None


def course_buttons(page, user, make, listed=False):
    if not issubclass(page.specific_class or object, HomePage) or not may_manage(user, page):
        return
    if listed and isinstance(page, HomePage):  # the explorer's listing reads its rows fresh: no query a row
        archived = page.is_archived
    else:
        archived = HomePage.objects.filter(pk=page.pk, archived_at__isnull=False).exists()
    yield make(
        "Reopen course" if archived else "Archive course",
        reverse("terms:archive", args=[page.pk]),
        icon_name="lock-open" if archived else "lock",
        priority=80,
    )
    yield make("Roll over", reverse("terms:rollover", args=[page.pk]), icon_name="copy", priority=81)


@hooks.register("register_page_header_buttons")
def course_header_buttons(page, user, view_name, next_url=None):
    yield from course_buttons(page, user, Button)


@hooks.register("register_page_listing_more_buttons")
def course_listing_buttons(page, user, next_url=None):
    yield from course_buttons(page, user, Button, listed=True)


@hooks.register("register_admin_urls")
def register_course_urls():
    return [path("courses/", include((admin_views.urlpatterns, admin_views.app_name), namespace="terms"))]


@hooks.register("register_log_actions")
def register_archive_log_actions(actions):
    actions.register_action(ARCHIVED, "Archive course", "Archived the course")
    actions.register_action(REOPENED, "Reopen course", "Reopened the course")
