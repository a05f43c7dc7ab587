"""Who may archive, reopen and roll over a course: its active instructors and the site administrators (its
teaching assistants review and moderate, but do not decide about the course itself)."""

from courses.models import Role
from courses.roles import is_site_admin, role_in


def may_manage(user, course):
    return is_site_admin(user) or role_in(user, course) == Role.INSTRUCTOR
