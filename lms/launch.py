"""An LTI 1.3 resource launch, checked and honoured: the id token is verified by PyLTI1p3 (state, signature against
the platform's key set, issuer and client id, deployment, message), its nonce may serve once, then the launching
person gets a Seminar account (accounts.account_for), the LMS course a Seminar course (course_links.course_for),
and an enrolment with the role the LMS gives. Anything refused raises Refusal, which the view shows as a 4xx page."""

import requests
from django.core.cache import cache
from lti_tool.lti_core.utils import normalize_role
from lti_tool.models import LtiLaunch
from lti_tool.utils import DjangoToolConfig, sync_data_from_launch
from pylti1p3.contrib.django import DjangoCacheDataStorage, DjangoMessageLaunch
from pylti1p3.exception import LtiException
from pylti1p3.service_connector import REQUESTS_USER_AGENT

from courses.models import Role

MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership"
KEY_SET_TIMEOUT = 10  # seconds to wait for a platform's key set
KEY_SET_SECONDS = 10 * 60  # a platform's key set is fetched again after this, e.g. after it rotated its keys
NONCE_SECONDS = 24 * 60 * 60  # as long as PyLTI1p3 keeps the nonce it issued
USED_NONCE = "lms-used-nonce-{}"
NO_STATE_COOKIE = (
    "Your browser did not send back the cookie Seminar set when the LMS started this launch: it may block cookies "
    "in frames (Safari does). Open Seminar in a new window or tab from the LMS, or ask for it to open that way."
)
# User claims django-lti stores as they come, with the longest value its fields (or ours) hold.
TEXT_CLAIMS = {"sub": 255, "email": 254, "given_name": 150, "family_name": 150, "name": 500}


class PatientSession(requests.Session):
    """PyLTI1p3 fetches a platform's key set without a timeout: a platform that never answers would hold a worker."""

    def __init__(self):
        super().__init__()
        self.headers["User-Agent"] = REQUESTS_USER_AGENT

    def request(self, *args, **kwargs):
        kwargs.setdefault("timeout", KEY_SET_TIMEOUT)
        return super().request(*args, **kwargs)


class Refusal(Exception):
    """A launch Seminar does not honour: `message` is what the person sees, `status` the 4xx it comes with."""

    def __init__(self, message, status=403):
        super().__init__(message)
        self.message, self.status = message, status


def validated_launch(request):
    """The launch the POSTed id token describes, verified; a token can be honoured once only."""
    storage = DjangoCacheDataStorage()
    try:
        # Over HTTPS, PyLTI1p3 keys its cache by its session cookie and raises here when the browser lost it.
        message_launch = DjangoMessageLaunch(
            request, DjangoToolConfig(), launch_data_storage=storage, requests_session=PatientSession()
        )
        message_launch.set_public_key_caching(storage, cache_lifetime=KEY_SET_SECONDS)
        message_launch.validate()
    except LtiException as error:
        if str(error) in ("State not found", "Missing %s cookie session-id"):
            raise Refusal(NO_STATE_COOKIE) from error
        raise Refusal(f"The LMS's launch could not be verified ({str(error)[:200]}).") from error
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise Refusal("The LMS's launch could not be read.", status=400) from error
    # PyLTI1p3 checks that the nonce is one it issued, but not that it is used once: a replayed token would pass.
    if not cache.add(USED_NONCE.format(message_launch.get_launch_data()["nonce"]), True, NONCE_SECONDS):
        raise Refusal("This launch was already used. Open Seminar again from your LMS.")
    return LtiLaunch(message_launch)


def checked(launch):
    """Refuse what Seminar cannot honour yet: a placement not enabled, a message other than a resource link's or a
    deep-linking request, a launch from outside a course. Then record the launch's user, course and link as
    django-lti keeps them."""
    if not launch.deployment.is_active:
        raise Refusal(
            f"This LMS placement (deployment “{launch.deployment.deployment_id}”) is not enabled in Seminar. "
            "A site administrator can add it under Settings → LMS platforms."
        )
    if not (launch.is_resource_launch or launch.is_deep_link_launch):  # (deep linking: lms.deep_linking)
        raise Refusal("Seminar does not answer this kind of LTI message yet.", status=400)
    if not launch.context_claim:
        raise Refusal("This launch comes from outside a course; open Seminar from a course in your LMS.", status=400)
    refuse_malformed(launch)
    sync_data_from_launch(launch)
    return launch


def short_strings(values, limits):
    return all(isinstance(values.get(key) or "", str) and len(values.get(key) or "") <= n for key, n in limits.items())


def refuse_malformed(launch):
    """A signed launch can still carry what our tables cannot hold: refuse it rather than fail on saving it."""
    context, link = launch.context_claim, launch.resource_link_claim
    well_formed = (
        isinstance(context, dict)
        and short_strings(context, {"id": 255, "label": 255, "title": 500})
        and (launch.is_deep_link_launch or isinstance(link, dict))  # a deep-linking launch has no link yet
        and short_strings(link or {}, {"id": 255, "title": 500})
        and isinstance(launch.roles_claim, list)
        and short_strings(launch.get_launch_data(), TEXT_CLAIMS)
    )
    if not well_formed:
        raise Refusal("The LMS's launch could not be read: a course, role or user claim is malformed.", status=400)


def seminar_role(lti_roles):
    """The course role an LMS's context roles give. A teaching assistant's launch also names the Instructor role
    (LTI sub-roles come with their principal role), so it is looked for first; institution and system roles
    (e.g. a teacher elsewhere on campus) count for nothing."""
    roles = {normalize_role(role) for role in lti_roles or [] if isinstance(role, str)}
    if any(role.startswith(MEMBERSHIP) and role.endswith("#TeachingAssistant") for role in roles):
        return Role.TA
    if f"{MEMBERSHIP}#Instructor" in roles:
        return Role.INSTRUCTOR
    if f"{MEMBERSHIP}#Learner" in roles:
        return Role.STUDENT
    return Role.GUEST
