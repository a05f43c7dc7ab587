"""Lock after grading: in a unit whose grading settings say so, a post that has a grade (draft or released) can no
longer be changed by its student; the course's instructors and teaching assistants, and site administrators, still
can.

Why hooks, not the page permission tester: editorial's tester (editorial/permissions.py) decides what the admin
offers, but editorial sits below grading and must not import it, and a grade is grading's to know about. Wagtail
runs `before_edit_page` in the editor's dispatch, for a GET as for every POST action the editor takes (save a
draft, submit for review, resubmit, cancel the review, revert to an older revision: all are the edit view), and
`before_delete_page` and `before_unpublish_page` before those views act; grading/wagtail_hooks.py registers
`refuse_locked` for the three. The student is sent back to the unit's list of posts with the reason, rather than
shown an error page. (Students cannot unpublish, move or copy a post anyway; the hook is a second lock.)
The page bulk actions ask only the permission tester: grading answers editorial's `refuse_contributor_delete`
hook (editorial/permissions.py) with `is_locked_for`, so no Delete is offered and a bulk delete leaves the post and
its grade alone.
"""

from django.db.models import Exists
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin import messages

from blog.models import StudentPostPage
from grading.access import course_role, may_grade
from grading.models import AssignmentSettings, Grade

LOCKED_MESSAGE = "Your instructor graded this post, and this unit's posts are locked once graded."


def is_locked(post):
    """Whether `post` has a grade and its unit locks graded posts (one query)."""
    unit_path = post.path[: -StudentPostPage.steplen]
    locking = AssignmentSettings.objects.filter(unit__path=unit_path, lock_after_grading=True)
    return Grade.objects.filter(post_id=post.pk).filter(Exists(locking)).exists()


def is_locked_for(user, page):
    """Whether `user` may not change `page` because it is a graded post of a locking unit: everyone but the
    course's staff and site administrators (its student, or anyone else who could edit it)."""
    if not issubclass(page.specific_class or object, StudentPostPage) or not page.pk:
        return False
    if not is_locked(page):
        return False
    return not may_grade(course_role(user, page.get_course()))


def refuse_locked(request, page):
    """The hooks' answer: back to the unit's posts with the reason when the post is locked for the user, else
    nothing (Wagtail carries on)."""
    if not is_locked_for(request.user, page):
        return None
    messages.error(request, LOCKED_MESSAGE)
    return redirect(reverse("wagtailadmin_explore", args=[page.get_parent().pk]))
