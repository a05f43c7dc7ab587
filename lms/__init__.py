"""LTI 1.3: Seminar as a tool in Canvas, Moodle and other LMSs.

Built on django-lti 0.10 (`lti_tool`), which runs on PyLTI1p3 2.0. django-lti gives what every tool needs and we
would otherwise write: the platform registration and deployment models with their migrations, the LMS user and
course (context) records a launch updates, the tool's key pair with a JWKS (`Key`, `manage.py rotate_keys`), and the
Django glue PyLTI1p3 wants (its tool config and cache storage). PyLTI1p3's maintainer says it gets bug fixes only
(last release 2022-11); `pylti1p3next` is a maintained fork with the same import name. We stay on PyLTI1p3 because
django-lti requires the distribution `pylti1p3`: installing the fork beside it would put two packages in one
`pylti1p3` directory, and replacing it needs an install that ignores django-lti's requirement. The parts we use
(OIDC login, the id token's checks by PyJWT, the key set fetch) are fixed by the LTI 1.3 spec and rarely change;
where PyLTI1p3 falls short we close the gap here (a nonce is honoured once: lms.launch). Since the fork keeps the
import name, moving to it later touches only pyproject.toml.

Where things are: views.py (login initiation, launch, JWKS), launch.py (verifying a launch, roles), accounts.py
(the launching person's account), course_links.py (the LMS course's Seminar course, the landing page), framing.py
(the session's cookies and frame-ancestors inside the LMS's frame), wagtail_hooks.py and forms.py (Settings → LMS
platforms).

Later (not built yet), and where it goes:
- Names and Roles (roster sync from the LMS): a `roster_sync.py` here, reading `LtiContext.memberships_url` through
  PyLTI1p3's NamesRolesProvisioningService with the launch kept in the session (lti_tool's SESSION_KEY, set at
  launch) or a ServiceConnector from the registration; enrols new students with courses.roles.enrol, ends those who
  left with Enrolment.end(), never deletes work; a "Sync roster from the LMS" button on the course's admin pages.
- Assignment and Grade Services: a unit as a line item (LtiContext.lineitems_url, can_publish_scores); grading must
  not import lms, so lms listens to the signal grading sends when a unit's grades are released and enqueues a task
  per student (retries by the task worker; failures shown on the gradebook through a hook grading offers).
- Deep Linking: override launch handling for `is_deep_link_launch` (today refused with a 400) with a picker of the
  course's units, answered with PyLTI1p3's DeepLink response.
- A browser test launching Seminar inside an iframe of tests/lti_platform.py's platform (served over HTTPS)."""
