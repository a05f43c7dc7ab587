"""Archiving a course: it becomes read-only, never automatically (archive_course, or its instructors' "Archive
course" button). It stays public at the same URLs with its feeds and sitemap, under an "Archived course: TERM"
notice; no new post, submission, comment or like is taken (terms.wagtail_hooks in the admin, discussion.views on
the public site); its students' and guests' enrolments end. Reopening restores exactly the enrolments archiving
ended (`Enrolment.ended_by_archive`)."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from courses.models import Enrolment, Role
from home.models import HomePage
from terms.signals import course_archive_changed

# The members whose enrolments an archived course ends; its instructors and TAs keep theirs (to moderate, reply
# to a request for removal, roll it over).
MEMBER_ROLES = (Role.STUDENT, Role.GUEST)
ARCHIVED, REOPENED = "seminar.course_archived", "seminar.course_reopened"


def archive_course(course, user=None):
    """Archive `course`: the number of enrolments ended, or None when it was archived already (nothing changes)."""
    with transaction.atomic():
        if HomePage.objects.select_for_update().filter(pk=course.pk, archived_at__isnull=False).exists():
            return None
        course.archived_at = timezone.now()
        HomePage.objects.filter(pk=course.pk).update(archived_at=course.archived_at)
        enrolments = Enrolment.objects.filter(course=course, role__in=MEMBER_ROLES, active=True).select_related("user")
        for enrolment in enrolments:
            enrolment.active, enrolment.ended_by_archive = False, True
            enrolment.save(update_fields=["active", "ended_by_archive", "updated_at"])  # its groups follow
        log(instance=course, action=ARCHIVED, user=user)
        course_archive_changed.send(sender=HomePage, course=course)
    return len(enrolments)


def reopen_course(course, user=None):
    """Reopen `course`: the number of enrolments restored, or None when it was not archived (nothing changes)."""
    with transaction.atomic():
        if HomePage.objects.select_for_update().filter(pk=course.pk, archived_at__isnull=True).exists():
            return None
        course.archived_at = None
        HomePage.objects.filter(pk=course.pk).update(archived_at=None)
        enrolments = Enrolment.objects.filter(course=course, ended_by_archive=True).select_related("user")
        for enrolment in enrolments:
            enrolment.active, enrolment.ended_by_archive = True, False
            enrolment.save(update_fields=["active", "ended_by_archive", "updated_at"])
        log(instance=course, action=REOPENED, user=user)
        course_archive_changed.send(sender=HomePage, course=course)
    return len(enrolments)
