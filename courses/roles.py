"""The course roles and the questions views ask of a user.

A member's rights in a course come from their enrolment in it (courses.models.Enrolment), through the course's own
groups (courses.models.CourseGroup, courses.membership). The install-wide Students and Instructors groups carry no
right any more; the roster, the reports and the review filters still read them to *list* students (issue 16 moves
those lists to enrolments too).
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from courses.models import STAFF_ROLES, Enrolment, Role

STUDENTS = "Students"
INSTRUCTORS = "Instructors"
# Site administrators (a department's IT) create courses and see every course, as superusers do; the group's
# Wagtail rights (the whole page tree, collections, users, settings) come from a migration.
SITE_ADMINISTRATORS = "Site administrators"
# The enrolment an install-wide group stood for, when an upgrade (or a test's member()) turns one into the other.
GROUP_ROLES = {INSTRUCTORS: Role.INSTRUCTOR, STUDENTS: Role.STUDENT}

__all__ = ["GROUP_ROLES", "INSTRUCTORS", "SITE_ADMINISTRATORS", "STAFF_ROLES", "STUDENTS", "Role"]


def is_site_admin(user):
    """Active superusers and members of the Site administrators group (remembered for the request)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not hasattr(user, "_seminar_is_site_admin"):
        user._seminar_is_site_admin = user.is_superuser or user.groups.filter(name=SITE_ADMINISTRATORS).exists()
    return user._seminar_is_site_admin


def is_instructor(user):
    """Active superusers and the active instructors of any course; remembered on the user object for the rest of
    the request. (The instructors' admin pages ask it; their content is scoped by course in issue 16, step 3.)"""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not hasattr(user, "_seminar_is_instructor"):
        user._seminar_is_instructor = (
            is_site_admin(user) or Enrolment.objects.active().filter(user=user, role=Role.INSTRUCTOR).exists()
        )
    return user._seminar_is_instructor


def is_staff_of(user, course):
    """Site administrators, and the course's active instructors and teaching assistants."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return is_site_admin(user) or role_in(user, course) in STAFF_ROLES


def role_in(user, course):
    """The user's active role in `course` (a Role), or None."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return Enrolment.objects.active().filter(user=user, course=course).values_list("role", flat=True).first()


def course_staff(course):
    """The active instructors and teaching assistants of `course`, as users."""
    return get_user_model().objects.filter(
        is_active=True, enrolments__in=Enrolment.objects.active().staff().filter(course=course)
    )


def staff_emails(course, exclude=None):
    """Where news for the course's staff goes: each active instructor's and TA's address once, sorted."""
    staff = course_staff(course).exclude(email="")
    if exclude is not None:
        staff = staff.exclude(pk=exclude)
    return sorted(set(staff.values_list("email", flat=True)))


def within_staffed_courses(user):
    """A Q on pages: those in the courses where `user` is an active instructor or teaching assistant (one query);
    every page for a site administrator."""
    if is_site_admin(user):
        return Q()
    paths = Enrolment.objects.active().staff().filter(user=user).values_list("course__path", flat=True)
    within = Q(pk__in=[])
    for path in paths:
        within |= Q(path__startswith=path)
    return within


def within_member_courses(user):
    """A Q on pages: those in the courses where `user` holds any active role, and the pages above them (the root,
    a catalogue) to reach them by; every page for a site administrator; none for anyone else (one query)."""
    if is_site_admin(user):
        return Q()
    within = Q(pk__in=[])
    if user is None or not user.is_authenticated:
        return within
    paths = Enrolment.objects.active().filter(user=user).values_list("course__path", flat=True)
    above = set()
    for path in paths:
        within |= Q(path__startswith=path)
        above.update(path[:end] for end in range(4, len(path), 4))  # Wagtail's tree: four characters a level
    return within | Q(path__in=above) if above else within


def is_staff_anywhere(user):
    """Superusers, and the active instructors and teaching assistants of any course (remembered for the request)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not hasattr(user, "_seminar_is_staff"):
        user._seminar_is_staff = is_site_admin(user) or Enrolment.objects.active().staff().filter(user=user).exists()
    return user._seminar_is_staff


def enrol(user, course, role, section=None):
    """Enrol (or re-enrol) `user` in `course` with `role`; their section is kept unless one is given. An enrolment
    that is already so is left unsaved (no signal: its groups and the page cache stay as they are)."""
    wanted = {"role": role, "active": True, **({"section": section} if section is not None else {})}
    enrolment = Enrolment.objects.filter(user=user, course=course).first()
    if enrolment is None:
        return Enrolment.objects.create(user=user, course=course, **wanted)
    if any(getattr(enrolment, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(enrolment, name, value)
        enrolment.save()
    return enrolment
