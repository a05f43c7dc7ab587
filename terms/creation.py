"""Creating a course: a course home page (HomePage) with its term, either its own Wagtail Site (a hostname) or a
page under a course catalogue on a shared site, set up for review (editorial.signals), with its instructors
enrolled and, when they are new, invited to choose a password."""

from dataclasses import dataclass, field
from datetime import date
from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page, Site

from blog.models import CourseSettings
from courses.roles import Role, enrol
from home.models import CataloguePage, HomePage
from roster.invitations import send_invitation


class CourseError(Exception):
    """What is wrong with the request, in words a site administrator can act on."""


@dataclass
class NewCourse:
    title: str
    term: str
    starts: date | None = None
    ends: date | None = None
    hostname: str = ""
    port: int = 80
    under: str = ""  # a catalogue: "HOST/path", "HOST" or "/path" (on the default site)
    slug: str = ""
    instructors: list = field(default_factory=list)  # email addresses


def parse_date(value, option):
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CourseError(f"{option} {value}: write a date as YYYY-MM-DD.") from None


def find_catalogue(spec):
    """The CataloguePage `spec` names: "HOST/path/", "HOST", or "/path/" on the default site."""
    hostname, _, path = ("", "", spec[1:]) if spec.startswith("/") else spec.partition("/")
    sites = Site.objects.select_related("root_page")
    site = sites.filter(hostname=hostname).first() if hostname else sites.filter(is_default_site=True).first()
    if site is None:
        names = ", ".join(sites.values_list("hostname", flat=True)) or "none"
        raise CourseError(f"No site is called “{hostname}”. Sites: {names}.")
    page = site.root_page
    for slug in [part for part in path.split("/") if part]:
        page = page.get_children().filter(slug=slug).first()
        if page is None:
            raise CourseError(f"Nothing at “{spec}” on {site.hostname}.")
    page = page.specific
    if not isinstance(page, CataloguePage):
        raise CourseError(f"“{spec}” is not a course catalogue (it is a {page.specific_class._meta.verbose_name}).")
    return page


def placement(request):
    """(parent page, Site to create or None), refusing a hostname in use or a slug taken where the course goes."""
    if bool(request.hostname) == bool(request.under):
        raise CourseError("Give either --hostname (the course's own site) or --under (a catalogue), not both.")
    if request.hostname:
        if Site.objects.filter(hostname=request.hostname, port=request.port).exists():
            raise CourseError(f"The site {request.hostname}:{request.port} already exists.")
        return Page.get_first_root_node(), Site(hostname=request.hostname, port=request.port)
    return find_catalogue(request.under), None


def instructor_account(email):
    """(user, created): the one account with this email, or a new one without a password."""
    accounts = get_user_model().objects.filter(email__iexact=email)
    if accounts.count() > 1:
        raise CourseError(f"Several accounts use {email}; fix them in the admin first.")
    user = accounts.first()
    if user is not None:
        return user, False
    user = get_user_model()(username=email.lower()[:150], email=email.lower())
    user.set_unusable_password()
    user.save()
    return user, True


def check_term(request):
    if request.starts and request.ends and request.ends < request.starts:
        raise CourseError("The term cannot end before it starts.")


def course_slug(request):
    slug = request.slug or slugify(f"{request.title} {request.term}")
    if not slug:
        raise CourseError("Give the course a --slug: its title makes none.")
    return slug


def refuse_taken_slug(parent, slug):
    if parent.get_children().filter(slug=slug).exists():
        raise CourseError(f"A page with the slug “{slug}” is already there; choose another with --slug.")


def place(course, parent, site):
    """Add the new course (an unsaved HomePage) where placement() said, with its Site when it has one."""
    parent.add_child(instance=course)
    if site is not None:
        site.root_page, site.site_name = course, course.title
        site.save()


def create_course(request):
    """Create the course `request` (a NewCourse) describes; returns the HomePage. Nothing is written on refusal."""
    check_term(request)
    slug = course_slug(request)
    with transaction.atomic():
        parent, site = placement(request)
        refuse_taken_slug(parent, slug)
        course = HomePage(
            title=request.title, slug=slug, term=request.term, term_starts=request.starts, term_ends=request.ends
        )
        place(course, parent, site)
        instructors = [(email, *instructor_account(email)) for email in request.instructors]
        course.instructor_names = ", ".join(user.get_full_name() for _, user, _ in instructors if user.get_full_name())
        course.save_revision().publish()
        CourseSettings.for_course(course)  # the defaults, for its instructors to change
        base_url = course.get_site().root_url
        for _, user, created in instructors:
            enrol(user, course, Role.INSTRUCTOR)
            if created:
                transaction.on_commit(partial(send_invitation.enqueue, user.pk, base_url, course.title), robust=True)
    return course
