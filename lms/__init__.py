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
platforms). The LTI Advantage services, called outside any launch through services.py (a PyLTI1p3 ServiceConnector
from the registration and the tool's key): roster_sync.py (Names and Roles: the "Sync roster from the LMS" page in
admin_views.py, and a task after a launch when the last sync is an hour old) and grade_passback.py (Assignment and
Grade Services: a unit is a line item; grading's grades_released signal, connected in apps.py, queues a task per
score, ScoreSubmission records failures and retries, the gradebook lists them through its "gradebook_notices"
hook).

Deep Linking: deep_linking.py (a deep-linking launch is admitted like a resource link's, then its picker of the
course and its units answers the LMS with PyLTI1p3's DeepLink response; the links name their page by a custom
parameter course_links.py reads).

Later (not built yet), and where it goes:
- Deep Linking's items carry no line item: a unit added by Assignment Selection could come with one (its maximum
  score), so that grade_passback.py finds it rather than creating another.
- A released grade edited later is not sent to the LMS again: grading would send grades_released (or a new signal)
  when its grading screen saves a released grade, and queue_scores would resend it."""
