"""Who may do what with grades, by the course a post or unit belongs to (its HomePage ancestor).

- Grade (score, feedback, save a draft) and see every grade and the gradebook, export it: the course's instructors
  and teaching assistants, and site administrators.
- Release a unit's grades: the course's instructors and site administrators.
- A student sees their own grade once it is released, never anyone else's; guests and the public see none.
Anyone else is answered as if the post did not exist (404), so no page says whether another course's post exists.
"""

from courses.models import STAFF_ROLES, Role
from courses.roles import is_site_admin, role_in


def course_role(user, course):
    """ "admin" for a site administrator, else the user's active Role in `course` (or None)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return "admin" if is_site_admin(user) else role_in(user, course)


def may_grade(role):
    return role == "admin" or role in STAFF_ROLES


def may_release(role):
    return role in ("admin", Role.INSTRUCTOR)


def sees_own_grade(user, post, grade):
    """The post's author, once the grade is released."""
    return grade is not None and grade.is_released and user.is_authenticated and post.author_id == user.pk
