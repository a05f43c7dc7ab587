"""The two course roles, by group name, and the question most views ask of a user."""

STUDENTS = "Students"
INSTRUCTORS = "Instructors"
# Who may read a class-only post: the course's students and instructors.
CLASS_GROUPS = (STUDENTS, INSTRUCTORS)


def is_instructor(user):
    """Active superusers and members of Instructors; remembered on the user object for the rest of the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not hasattr(user, "_seminar_is_instructor"):
        user._seminar_is_instructor = user.is_superuser or user.groups.filter(name=INSTRUCTORS).exists()
    return user._seminar_is_instructor
