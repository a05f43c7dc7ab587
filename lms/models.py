"""What Seminar adds to django-lti's records (lti_tool.LtiRegistration, LtiContext): a platform's options, and the
Seminar course an LMS course (an LTI context) opens. Accounts need nothing here: lti_tool.LtiUser already keeps
the platform's user id (`sub`) per registration, with the Seminar account it is linked to (`auth_user`)."""

from django.db import models
from lti_tool.models import LtiContext, LtiRegistration


class PlatformOptions(models.Model):
    registration = models.OneToOneField(LtiRegistration, on_delete=models.CASCADE, related_name="seminar_options")
    web_origins = models.TextField(
        blank=True,
        help_text="The LMS's web addresses, one a line (e.g. https://school.instructure.com): the pages that may "
        "show Seminar in a frame. Blank: the issuer's address.",
    )
    trusts_email = models.BooleanField(
        "links accounts by email",
        default=False,
        help_text="Tick only if this LMS verifies its users' email addresses (accounts come from the campus "
        "directory): a first launch then opens the Seminar account with the same email, e.g. a roster import's. "
        "Unticked, a first launch makes a new account.",
    )
    new_courses_under = models.CharField(
        max_length=255,
        blank=True,
        help_text="Where an instructor's first launch from a course Seminar does not know creates it: a course "
        "catalogue, as HOST, HOST/path/ or /path/ on the default site (as create_course --under). Blank: the "
        "default site's root, which must be a catalogue.",
    )

    class Meta:
        verbose_name = "LMS platform options"

    def __str__(self):
        return f"Options of {self.registration}"


class CourseLink(models.Model):
    """An LMS course (one deployment's context) and the Seminar course its launches open."""

    context = models.OneToOneField(LtiContext, on_delete=models.CASCADE, related_name="seminar_link")
    course = models.ForeignKey("home.HomePage", on_delete=models.CASCADE, related_name="lms_links")
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "LMS course link"

    def __str__(self):
        return f"{self.context} → {self.course}"
