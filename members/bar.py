"""What the members' bar says to one member on one page: their name, their home, where to write, log out; for
staff, how many posts await their review and comments their moderation, and the page's editor; on a post, which
of its comments they liked and reported (the cached post page cannot say it).
"""

from django.contrib.contenttypes.models import ContentType
from django.middleware.csrf import get_token
from django.urls import reverse
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG
from wagtail.models import Page

from blog.models import CourseUnitPage, StudentPostPage
from blog.visibility import readable_by
from courses.models import Enrolment, Role
from courses.roles import is_staff_anywhere, within_staffed_courses
from discussion.admin_panels import can_moderate
from discussion.states import pending_count
from editorial.review_views import in_review


def as_page_id(value):
    return int(value) if value.isascii() and value.isdigit() and 0 < len(value) <= 18 else None


def for_member(request, page_param):
    user = request.user
    page = Page.objects.filter(pk=as_page_id(page_param)).specific().first() if as_page_id(page_param) else None
    state = {
        "member": True,
        "name": user.get_full_name() or user.get_username(),
        "home": reverse("member_home"),
        "logout": reverse("logout"),
        "csrf": get_token(request),
        "write": write_url(user, page),
    }
    if is_staff_anywhere(user):
        state["review"] = {"count": in_review().filter(within_staffed_courses(user)).count(), "url": review_url()}
        if can_moderate(user):
            state["comments"] = {"count": pending_count(user), "url": reverse("comment_moderation:index")}
    if page is not None:
        state["edit"] = edit_url(user, page)
        if isinstance(page, StudentPostPage):
            state.update(feedback(user, page))
    return state


def review_url():
    return reverse("review_list")


def write_url(user, page):
    """A new post in the unit being read, for a student of its open course; their home (pick a unit) for a student
    anywhere else; None for those who write no posts."""
    unit_path = None
    if isinstance(page, CourseUnitPage):
        unit_path = page.path
    elif isinstance(page, StudentPostPage):
        unit_path = page.path[: -StudentPostPage.steplen]
    if unit_path is not None:
        course_path = unit_path[: -CourseUnitPage.steplen]
        enrolment = Enrolment.objects.active().filter(user=user, course__path=course_path).select_related("course")
        enrolment = enrolment.first()
        if enrolment is not None and enrolment.role == Role.STUDENT and not enrolment.course.is_archived:
            unit_id = page.pk if isinstance(page, CourseUnitPage) else page.get_parent().pk
            return reverse("wagtailadmin_pages:add", args=("blog", "studentpostpage", unit_id))
    if Enrolment.objects.active().filter(user=user, role=Role.STUDENT).exists():
        return reverse("member_home") + "#write"
    return None


def edit_url(user, page):
    """The page's editor for whoever may edit it (an author their post; staff their course's pages), else None."""
    own_post = isinstance(page, StudentPostPage) and page.author_id == user.pk
    if (own_post or is_staff_anywhere(user)) and page.permissions_for_user(user).can_edit():
        return reverse("wagtailadmin_pages:edit", args=[page.pk])
    return None


def feedback(user, post):
    """Which of the post's comments this member liked and reported, if they may read the post."""
    if not readable_by(StudentPostPage.objects.live().filter(pk=post.pk), user).exists():
        return {"liked": [], "reported": []}
    flags = CommentFlag.objects.filter(
        user=user,
        flag__in=[LIKEDIT_FLAG, CommentFlag.SUGGEST_REMOVAL],
        comment__content_type=ContentType.objects.get_for_model(StudentPostPage),
        comment__object_pk=str(post.pk),
    ).values_list("comment_id", "flag")
    mine = {LIKEDIT_FLAG: [], CommentFlag.SUGGEST_REMOVAL: []}
    for comment_id, kind in flags:
        mine[kind].append(comment_id)
    return {"liked": mine[LIKEDIT_FLAG], "reported": mine[CommentFlag.SUGGEST_REMOVAL]}
