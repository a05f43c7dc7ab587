"""A member's course groups follow their enrolment in that course: in the group of their role while the enrolment
is active, in none of the course's groups otherwise. Connected to Enrolment's saves and deletes (CoursesConfig)."""

from courses.models import CourseGroup, Enrolment


def sync_membership(user, course_id):
    active_role = (
        Enrolment.objects.filter(user=user, course_id=course_id, active=True).values_list("role", flat=True).first()
    )
    for course_group in CourseGroup.objects.filter(course_id=course_id).select_related("group"):
        if course_group.role == active_role:
            user.groups.add(course_group.group)
        else:
            user.groups.remove(course_group.group)


def sync_course(course_id):
    """Every member of one course (after its groups were made)."""
    for enrolment in Enrolment.objects.filter(course_id=course_id).select_related("user"):
        sync_membership(enrolment.user, course_id)


def enrolment_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_membership(instance.user, instance.course_id)
