"""The course's LMS pages in the admin, for its instructors and the site administrators (terms' CourseViewMixin):
"Sync roster from the LMS" (a course header button opens it: when it was last synced and what changed, then a
sync on POST, reported as "3 added, 1 ended"), and "Retry now" for the scores the LMS did not take (from the
gradebook's notice)."""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages

from courses.choice import COURSE_PARAMETER
from lms import grade_passback
from lms.models import RosterSync
from lms.roster_sync import SyncError, sync_roster, syncable_contexts
from terms.admin_views import CourseViewMixin

app_name = "lms_admin"


class RosterSyncView(CourseViewMixin, TemplateView):
    template_name = "lms/roster_sync.html"
    page_title = "Sync roster from the LMS"
    header_icon = "group"

    def get_context_data(self, **kwargs):
        contexts = syncable_contexts(self.course)
        syncs = {sync.context_id: sync for sync in RosterSync.objects.filter(context__in=contexts)}
        return super().get_context_data(lms_courses=[(c, syncs.get(c.pk)) for c in contexts], **kwargs)

    def post(self, request, course_id):
        contexts = syncable_contexts(self.course)
        if not contexts:
            messages.error(request, "This course is not linked to an LMS course that offers its roster.")
        for context in contexts:
            try:
                changes = sync_roster(context)
            except SyncError as error:
                messages.error(request, f"{context}: {error}")
            else:
                messages.success(request, f"Roster of “{context}” synced: {changes}.")
        return redirect(reverse("lms_admin:sync_roster", args=[self.course.pk]))


class RetryScoresView(CourseViewMixin, View):
    def post(self, request, course_id):
        count = grade_passback.retry(self.course)
        scores = "1 score" if count == 1 else f"{count} scores"
        if count:
            messages.info(request, f"{scores} sent to the LMS again.")
        return redirect(f"{reverse('grading:gradebook')}?{COURSE_PARAMETER}={self.course.pk}")


def sync_url(course):
    return reverse("lms_admin:sync_roster", args=[course.pk])


urlpatterns = [
    path("courses/<int:course_id>/sync/", RosterSyncView.as_view(), name="sync_roster"),
    path("courses/<int:course_id>/retry-scores/", RetryScoresView.as_view(), name="retry_scores"),
]
