"""Calling an LMS's LTI Advantage services (Names and Roles, Assignment and Grade Services) outside any launch: a
PyLTI1p3 ServiceConnector built from the registration, which signs its token request with the tool's active key
(lti_tool's Key, as our key set publishes it) and asks the platform's token URL for an access token."""

from pylti1p3.exception import LtiException, LtiServiceException
from pylti1p3.service_connector import ServiceConnector
from requests import RequestException

from lms.launch import PatientSession
from lms.platforms import ensure_tool_key

# What a service call can fail with: the platform's HTTP error, no answer, or an answer PyLTI1p3 cannot use.
SERVICE_ERRORS = (LtiServiceException, LtiException, RequestException, ValueError, KeyError, TypeError)


def connector(context):
    """A ServiceConnector for the LMS of `context` (an LtiContext); its requests time out (lms.launch)."""
    ensure_tool_key()
    registration = context.deployment.registration.to_registration()
    return ServiceConnector(registration, requests_session=PatientSession())


def describe(error):
    """A service error in one line for the people who see it: "the LMS answered 500", "no answer (timed out)"."""
    response = getattr(error, "response", None)
    if isinstance(error, LtiServiceException) and response is not None:
        said = " ".join((response.text or "").split())[:120]
        return f"the LMS answered {response.status_code}" + (f": {said}" if said else "")
    if isinstance(error, RequestException):
        return f"the LMS did not answer ({type(error).__name__})"
    return f"the LMS's answer could not be used ({str(error)[:200]})"
