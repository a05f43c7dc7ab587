"""The content's admin and serving hooks: which course a served page belongs to, and the Course settings pages."""

from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.permissions import register_permission_policy

from blog.content_checks import ALT_TEXT_PATTERN
from blog.course_settings_views import CourseSettingsPermissionPolicy, CourseSettingsViewSet
from blog.models import CourseSettings
from blog.models.base import course_for

register_permission_policy(CourseSettings, CourseSettingsPermissionPolicy(CourseSettings))


@hooks.register("before_serve_page")
def remember_course(page, request, serve_args, serve_kwargs):
    """Whatever the page, its course's rules (names, discussion) apply to the rest of the request, whether the
    course is its own Site or a page under a catalogue."""
    request.seminar_course = course_for(page, request)
    request.__dict__.pop("_course_settings", None)


@hooks.register("register_admin_viewset")
def register_course_settings():
    return CourseSettingsViewSet("course_settings")


class PostContentChecker(ContentCheckerItem):
    """Wagtail's content checker (the userbar's "Issues found" and the editor's checks, run on the preview), tuned to
    what blog/content_checks.py decides on the server: the page's content only, not the site's menus; alt text
    that is a file's name or only a word for an image. Headings that skip a level, empty headings and links
    without text are Wagtail's own rules. Link text that says nothing and quotes without a source are checked on
    the server alone (the editor's panel and the submission)."""

    axe_include = ["main"]
    axe_custom_checks = [
        {"id": "check-image-alt-text", "options": {"pattern": ALT_TEXT_PATTERN}},
        {"id": "check-empty-meta-description"},
    ]


@hooks.register("construct_wagtail_userbar")
def check_content_as_the_server_does(request, items, page):
    items[:] = [
        PostContentChecker(in_editor=item.in_editor) if isinstance(item, ContentCheckerItem) else item for item in items
    ]
