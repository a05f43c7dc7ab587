"""Deep Linking: an instructor adds Seminar to an LMS module from the LMS's picker. The LMS's deep-linking launch
(LtiDeepLinkingRequest) is verified and admitted like a resource link launch (account, course, enrolment: same
course creation rules), then the instructor or TA picks the course or some of its units here, and Seminar answers
with PyLTI1p3's DeepLink response: a JWT signed with the tool's key, POSTed by the browser to the LMS's
deep_link_return_url. Students cannot add content, so their deep-linking launch is refused before anything is made.

Each item is an ltiResourceLink whose url is our launch URL (the tool's own host, which is what LMSs match a
link's tool by: a course may live on a host of its own) and whose custom parameter `seminar_page` names the page;
lms.course_links.targeted_page reads it on the launches of that link, with the same rules as a target_link_uri.

What the launch said (return URL, settings, registration) is kept in the session under its launch id, so the
picker does not depend on PyLTI1p3's launch cache and its session cookie. Our CSP forbids inline scripts, so the
response is a form with a visible "Add to the LMS" button rather than PyLTI1p3's auto-submitting script."""

from urllib.parse import urlsplit

from django.urls import reverse
from lti_tool.utils import DjangoToolConfig
from pylti1p3.deep_link import DeepLink
from pylti1p3.deep_link_resource import DeepLinkResource

from blog.models import CourseUnitPage
from courses.models import Role
from courses.roles import is_site_admin, role_in
from home.models import HomePage
from lms.course_links import CUSTOM_PAGE
from lms.launch import Refusal, seminar_role

SETTINGS_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
DATA_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/data"
SESSION_KEY = "lms_deep_links"
TEACHING = (Role.INSTRUCTOR, Role.TA)


def refuse_unanswerable(launch):
    """Before anything is made: only those who teach the LMS course may add Seminar to it, and only when the LMS
    says where the answer goes."""
    if seminar_role(launch.roles_claim) not in TEACHING:
        raise Refusal("Only the course's instructors and teaching assistants can add Seminar to an LMS course.")
    return_url(launch.get_claim(SETTINGS_CLAIM))


def return_url(settings):
    url = settings.get("deep_link_return_url") if isinstance(settings, dict) else None
    if not isinstance(url, str) or urlsplit(url).scheme not in ("https", "http") or not urlsplit(url).netloc:
        raise Refusal("The LMS's deep-linking request has no valid return address.", status=400)
    return url


def start(request, launch, course):
    """Keep what the response needs in the session; returns the picker's address."""
    settings = launch.get_claim(SETTINGS_CLAIM)
    links = request.session.get(SESSION_KEY) or {}
    links[launch.get_launch_id()] = {
        "course": course.pk,
        "issuer": launch.registration.issuer,
        "client_id": launch.registration.client_id,
        "deployment_id": launch.deployment.deployment_id,
        "settings": settings,
    }
    request.session[SESSION_KEY] = dict(list(links.items())[-5:])  # a few open pickers at most
    return reverse("lms:deep_link", args=[launch.get_launch_id()])


def pending(request, launch_id):
    """The deep-linking launch this session began, with its course, or a Refusal."""
    link = (request.session.get(SESSION_KEY) or {}).get(launch_id)
    course = HomePage.objects.filter(pk=link["course"]).first() if link else None
    if course is None or not request.user.is_authenticated:
        raise Refusal("This LMS request has expired or was already answered. Start again from the LMS.", status=400)
    if not (is_site_admin(request.user) or role_in(request.user, course) in TEACHING):
        raise Refusal("Only the course's instructors and teaching assistants can add Seminar to an LMS course.")
    return link, course


def accepts_multiple(link):
    value = link["settings"].get("accept_multiple")
    return value is True or value == "true"


def choices(course):
    """The course itself, then its live units in the course's order."""
    units = CourseUnitPage.objects.live().descendant_of(course).order_by("path")
    return [course, *units]


def chosen(link, course, ids):
    """The pages picked, or a Refusal when the choice names another page or more than the LMS accepts."""
    offered = {str(page.pk): page for page in choices(course)}
    if any(pk not in offered for pk in ids):
        raise Refusal("That choice is not one of this course's pages.", status=400)
    if len(ids) > 1 and not accepts_multiple(link):
        raise Refusal("This LMS accepts one item at a time: choose one.", status=400)
    return [offered[pk] for pk in dict.fromkeys(ids)]


def resource(request, page):
    return (
        DeepLinkResource()
        .set_title(page.title[:255])
        .set_url(request.build_absolute_uri(reverse("lms:launch")))
        .set_custom_params({CUSTOM_PAGE: str(page.pk)})
    )


def response_jwt(request, link, pages):
    """The signed LtiDeepLinkingResponse, by PyLTI1p3 (iss our client id, aud the platform, the `data` echoed)."""
    registration = DjangoToolConfig().find_registration_by_params(link["issuer"], link["client_id"])
    if registration is None:
        raise Refusal("This LMS is no longer registered in Seminar.", status=400)
    deep_link = DeepLink(registration, link["deployment_id"], link["settings"])
    message = deep_link.get_message_jwt([resource(request, page) for page in pages])
    if message[DATA_CLAIM] is None:
        del message[DATA_CLAIM]  # echoed only when the LMS sent it
    return deep_link.encode_jwt(message)


def answer(request, launch_id, ids):
    """(return URL, JWT) for the pages picked; the launch is answered once."""
    link, course = pending(request, launch_id)
    pages = chosen(link, course, ids)
    token = response_jwt(request, link, pages)
    links = request.session[SESSION_KEY]
    links.pop(launch_id, None)
    request.session[SESSION_KEY] = links
    return return_url(link["settings"]), token


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
