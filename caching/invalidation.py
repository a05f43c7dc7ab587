"""Which changes make which courses' cached pages stale (the cache itself: caching/page_cache.py).

A course's pages show one another: a post appears in its unit's listing, on the home page, in archives, feeds and
the sitemap; a comment in its post's thread, the counts of every listing, the home page's recent comments and
the comment feeds. So each change invalidates the course it happens in. What any course may show (a member's
name, a tag, an image, a Site) invalidates every course. A CDN in front, when there is one, is purged of the URLs
that show a changed page or discussion (caching/frontend_purge.py).
"""

from copy import copy

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from blog.models import AuthorProfile, CourseSettings, StudentPostPage
from caching import audience, frontend_purge
from caching.page_cache import invalidate, invalidate_everything
from courses.models import Enrolment
from discussion import signals as discussion_signals
from home.models import HomePage
from terms.signals import course_archive_changed

# Saving only these leaves what readers see as it was (last_login: every log-in saves it).
UNSEEN_USER_FIELDS = {"last_login"}


def page_changed(sender, instance, **kwargs):
    """Published, unpublished, or about to be deleted (pre_delete: it and its unit are still there to purge)."""
    if isinstance(instance, Page):
        invalidate(instance.path)
        frontend_purge.purge(instance)


def page_moved(sender, instance, parent_page_before, parent_page_after, url_path_before, **kwargs):
    invalidate(parent_page_before.path, parent_page_after.path)
    before = copy(instance)
    before.url_path = url_path_before
    frontend_purge.purge(instance, parent_page_before, urls=[before.get_full_url()])


def restriction_changed(sender, instance, **kwargs):
    invalidate(*Page.objects.filter(pk=instance.page_id).values_list("path", flat=True))
    audience.forget_everyone()


def restriction_groups_changed(sender, action="post_delete", **kwargs):
    """Who passes a restriction changed (or a group went): every member's audience is worked out again."""
    if action.startswith("post_"):
        audience.forget_everyone()


def group_members_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A user's groups (a course role) changed: which class-only pages they read."""
    if not action.startswith("post_"):
        return
    if not reverse:
        audience.forget_user(instance.pk)
    elif pk_set is None:
        audience.forget_everyone()
    else:
        for user_id in pk_set:
            audience.forget_user(user_id)


def discussion_changed(object_pk):
    """The course of the post a comment belongs to (`object_pk` is django-comments' text key)."""
    if object_pk is None or not str(object_pk).isdigit():
        return
    post = StudentPostPage.objects.filter(pk=int(object_pk)).defer_streamfields().first()
    if post is not None:
        invalidate(post.path)
        frontend_purge.purge(post)


def comment_changed(comment_id):
    """A comment changed with a queryset update(), which sends no model signal."""
    discussion_changed(XtdComment.objects.filter(pk=comment_id).values_list("object_pk", flat=True).first())


def comment_saved(sender, instance, **kwargs):
    discussion_changed(instance.object_pk)


def comment_announced(sender, comment_id, **kwargs):
    comment_changed(comment_id)


def flag_changed(sender, instance, **kwargs):
    """Likes show on the thread; readers' reports can hide a comment."""
    comment_changed(instance.comment_id)


def course_settings_changed(sender, instance, created=False, **kwargs):
    """A course's settings are made, with the defaults, when a page first reads them: nothing shown changes then."""
    if not created:
        invalidate(instance.course.path)


def archive_changed(sender, course, **kwargs):
    """Every page of an archived (or reopened) course shows the notice (or loses it), and its forms and Like links."""
    invalidate(course.path)
    frontend_purge.purge(course)


def has_written(user):
    """Whether the user's name shows anywhere: on a post or a comment (a new account, a roster's, shows nowhere)."""
    return user.student_posts.exists() or XtdComment.objects.filter(user=user).exists()


def user_saved(sender, instance, created=False, update_fields=None, **kwargs):
    if created:
        return
    audience.forget_user(instance.pk)  # a password, an account closed, a superuser made
    if (update_fields is None or not set(update_fields) <= UNSEEN_USER_FIELDS) and has_written(instance):
        invalidate_everything()


def enrolment_changed(sender, instance, **kwargs):
    """Instructor badges on the course's comments come from its enrolments (a member who wrote nothing shows
    nowhere); the member's audience (staff of the course read it afresh) is worked out again."""
    audience.forget_user(instance.user_id)
    if has_written(instance.user):
        invalidate(*HomePage.objects.filter(pk=instance.course_id).values_list("path", flat=True))


def shared_object_changed(sender, instance, created=False, **kwargs):
    """An image or a tag: a new one shows nowhere until a post that uses it is published."""
    if not created:
        invalidate_everything()


def anything_changed(sender, **kwargs):
    invalidate_everything()


def user_deleted(sender, instance, **kwargs):
    audience.forget_user(instance.pk)
    invalidate_everything()


def connect():
    user_model = get_user_model()
    image_model = get_image_model()
    page_published.connect(page_changed, dispatch_uid="page_cache_published")
    page_unpublished.connect(page_changed, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(page_moved, dispatch_uid="page_cache_moved")
    discussion_signals.comment_changed.connect(comment_announced, dispatch_uid="page_cache_comment_changed")
    course_archive_changed.connect(archive_changed, dispatch_uid="page_cache_course_archived")
    pre_delete.connect(page_changed, dispatch_uid="page_cache_deleted")  # every page type: checked inside
    receivers = [
        (restriction_changed, PageViewRestriction),
        (enrolment_changed, Enrolment),
        (comment_saved, XtdComment),
        (flag_changed, CommentFlag),
        (course_settings_changed, CourseSettings),
        (anything_changed, Site),
        *((shared_object_changed, model) for model in (image_model, Tag)),
    ]
    for name, signal in (("saved", post_save), ("deleted", post_delete)):
        for receiver, model in receivers:
            signal.connect(receiver, sender=model, dispatch_uid=f"page_cache_{model.__name__}_{name}")
    post_save.connect(user_saved, sender=user_model, dispatch_uid="page_cache_user_saved")
    post_delete.connect(user_deleted, sender=user_model, dispatch_uid="page_cache_user_deleted")
    post_delete.connect(restriction_groups_changed, sender=Group, dispatch_uid="page_cache_group_deleted")
    m2m_changed.connect(group_members_changed, sender=user_model.groups.through, dispatch_uid="page_cache_groups")
    m2m_changed.connect(
        restriction_groups_changed, sender=PageViewRestriction.groups.through, dispatch_uid="page_cache_restriction"
    )
    # A profile's slug is fixed when it is made; its other fields (section, email choice) show nowhere.
    post_delete.connect(anything_changed, sender=AuthorProfile, dispatch_uid="page_cache_profile_deleted")
