"""Which course an admin page acts on: the courses a user may act on in a role, and the one the request chose.

Admin pages that belong to one course (the roster, the participation report, the review list, course settings,
the WordPress import) take the course as `?course=<id>` (or a `course` form field on a POST). Without one they use
the course of the Site the request came to, when the user may act on it, else the first of their courses by title.
A course the user may not act on is a 404 (an id that names no course is a 404 too): the page never says whether
another course exists. Site administrators may act on every course.
"""

from django.http import Http404
from django.utils.functional import cached_property
from wagtail.admin.auth import permission_denied
from wagtail.models import Site

from courses.models import STAFF_ROLES, Enrolment, Role
from courses.roles import is_site_admin

COURSE_PARAMETER = "course"


def course_model():
    """home.HomePage, reached through the enrolment's foreign key (the content apps sit above this one)."""
    return Enrolment._meta.get_field("course").related_model


def courses_for(user, roles=STAFF_ROLES):
    """The courses where `user` holds one of `roles` (active), by title; every course for a site administrator."""
    courses = course_model().objects.order_by("title", "pk")
    if is_site_admin(user):
        return courses
    if user is None or not user.is_authenticated or not user.is_active:
        return courses.none()
    enrolled = Enrolment.objects.active().filter(user=user, role__in=roles).values("course_id")
    return courses.filter(pk__in=enrolled)


def chosen_course(request, roles=STAFF_ROLES):
    """The course the request acts on (see the module's docstring); None when the user may act on no course.
    Raises Http404 for a course id the user may not act on."""
    courses = courses_for(request.user, roles)
    wanted = request.POST.get(COURSE_PARAMETER) or request.GET.get(COURSE_PARAMETER)
    if wanted:
        try:
            return courses.get(pk=int(wanted))
        except (ValueError, course_model().DoesNotExist):
            raise Http404("No such course") from None
    site = Site.find_for_request(request)
    if site is not None:
        own = courses.filter(pk=site.root_page_id).first()
        if own is not None:
            return own
    return courses.first()


class CourseChoiceMixin:
    """For an admin view that works on one course: `self.course` is the chosen course, `course_roles` says who may
    act (instructors only, unless the view widens it). Put it after InstructorRequiredMixin among the bases. The
    template includes "courses/course_choice.html" to switch course; links keep `?course=` (course_query)."""

    course_roles = (Role.INSTRUCTOR,)

    def dispatch(self, request, *args, **kwargs):
        if self.course is None:
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def course(self):
        return chosen_course(self.request, self.course_roles)

    @cached_property
    def course_choices(self):
        return list(courses_for(self.request.user, self.course_roles))

    def course_query(self):
        return f"?{COURSE_PARAMETER}={self.course.pk}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            course=self.course,
            course_choices=self.course_choices,
            course_parameter=COURSE_PARAMETER,
            course_query=self.course_query(),
        )
        return context


class CourseExportMixin:
    """For a CourseChoiceMixin view with spreadsheet downloads: the file is named after the course
    (`export_filename`-<course slug>) and the download link names the course, whether or not the page's address did."""

    def get_filename(self):
        return f"{self.export_filename}-{self.course.slug}"

    def get_export_url(self, format):
        params = self.request.GET.copy()
        params[COURSE_PARAMETER] = self.course.pk
        params["export"] = format
        return f"{self.request.path}?{params.urlencode()}"
