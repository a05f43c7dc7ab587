"""The Seminar course an LMS course opens, and the page a launch lands on.

An LMS course (an LTI context) is linked to one Seminar course (CourseLink) on its first launch:
- to the course of the page the launch targets (its target_link_uri, e.g. a course or unit address pasted into
  the LMS, or the custom parameter `seminar_page` of a link added by deep linking), if the launching person
  already teaches that course in Seminar (or is a site administrator): an LMS instructor cannot join a Seminar
  course by pointing a link at it;
- otherwise, when an instructor launches, to a new course made by terms.creation.create_course (under the
  platform's catalogue, titled after the LMS course), with them enrolled as its instructor by the launch;
- a student launching before their instructor is told the course is not set up yet.
Later launches land on the targeted page when it belongs to the linked course, else on the course's home."""

from urllib.parse import urlsplit

from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify
from lti_tool.models import LtiContext
from wagtail.models import Page, Site

from courses.models import Role
from courses.roles import is_site_admin, role_in
from home.models import HomePage
from lms.launch import Refusal
from lms.models import CourseLink
from terms.creation import CourseError, NewCourse, create_course, find_catalogue

TARGET_LINK_URI = "https://purl.imsglobal.org/spec/lti/claim/target_link_uri"
CUSTOM = "https://purl.imsglobal.org/spec/lti/claim/custom"
CUSTOM_PAGE = "seminar_page"  # the custom parameter naming the page a deep-linked link opens


def custom_page(launch):
    """The live page a link's custom parameter `seminar_page` names (links made by deep linking), or None."""
    custom = launch.get_claim(CUSTOM)
    value = custom.get(CUSTOM_PAGE) if isinstance(custom, dict) else None
    if not isinstance(value, str) or not value.isdigit() or len(value) > 12:
        return None
    page = Page.objects.live().filter(pk=int(value)).first()
    return page.specific if page is not None else None


def targeted_page(launch):
    """The live Seminar page the launch targets: named by a custom parameter (lms.deep_linking), else at its
    target_link_uri; or None (e.g. it is the launch URL itself)."""
    page = custom_page(launch)
    if page is not None:
        return page
    target = launch.get_claim(TARGET_LINK_URI)
    if not isinstance(target, str) or not target:
        return None
    parts = urlsplit(target)
    sites = Site.objects.select_related("root_page")
    site = sites.filter(hostname=parts.hostname or "").first() or sites.filter(is_default_site=True).first()
    if site is None:
        return None
    path = parts.path.strip("/")
    url_path = site.root_page.url_path + (f"{path}/" if path else "")
    page = Page.objects.live().filter(url_path=url_path).first()
    return page.specific if page is not None else None


def course_of(page):
    if page is None:
        return None
    return HomePage.objects.live().ancestor_of(page, inclusive=True).order_by("-depth").first()


def may_link(user, course):
    return is_site_admin(user) or role_in(user, course) == Role.INSTRUCTOR


def unique_slug(parent, title):
    base = slugify(title)[:60].strip("-") or "course"
    slug, n = base, 1
    while parent.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def new_course(context, registration):
    """A Seminar course for this LMS course, with create_course's defaults (its review set-up, its settings)."""
    options = getattr(registration, "seminar_options", None)
    under = (options.new_courses_under if options else "") or "/"
    title = (context.title or context.label or "Course").strip()[:255]
    try:
        slug = unique_slug(find_catalogue(under), title)
        return create_course(NewCourse(title=title, term="", under=under, slug=slug))
    except CourseError as error:
        raise Refusal(
            f"Seminar could not create a course for “{title}”: {error} A site administrator can fix where this "
            "LMS's courses go under Settings → LMS platforms.",
            status=409,
        ) from error


def course_for(launch, user, role):
    """The linked course, linking or creating it on the LMS course's first launch."""
    with transaction.atomic():
        context = LtiContext.objects.select_for_update().get(pk=launch.context.pk)
        link = CourseLink.objects.filter(context=context).select_related("course").first()
        if link is not None:
            return link.course
        target = course_of(targeted_page(launch))
        if target is not None and not may_link(user, target):
            raise Refusal(f"This LMS course points to “{target.title}”, which you do not teach in Seminar.")
        if target is None and role != Role.INSTRUCTOR:
            raise Refusal(
                f"“{context.title or context.label}” has no Seminar course yet: it is made when an instructor "
                "first opens Seminar from the LMS. Try again later.",
                status=409,
            )
        course = target or new_course(context, launch.registration)
        CourseLink.objects.create(context=context, course=course)
    return course


def landing_url(request, launch, course):
    """The targeted page when it is in this course (a unit, say), else the course's home."""
    page = targeted_page(launch)
    if page is None or course_of(page) != course:
        page = course
    return page.get_url(request=request) or reverse("member_home")  # (a course outside every site: their home)
