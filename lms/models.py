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


class RosterSync(models.Model):
    """When an LMS course's roster was last read (Names and Roles) and what that changed: a launch asks for a sync
    only when the last one is older than roster_sync.LAUNCH_SYNC_AFTER, so a class launching at once asks once."""

    context = models.OneToOneField(LtiContext, on_delete=models.CASCADE, related_name="seminar_roster_sync")
    requested_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    summary = models.CharField(max_length=255, blank=True, help_text="e.g. “3 added, 1 ended”")
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = "LMS roster sync"

    def __str__(self):
        return f"Roster sync of {self.context}"


class ScoreSubmission(models.Model):
    """A released grade's score sent (or being sent) to one LMS course's gradebook, with what went wrong last: the
    gradebook lists the failed ones (lms.grade_passback)."""

    class Status(models.TextChoices):
        PENDING = "pending", "being sent"
        SENT = "sent", "sent"
        FAILED = "failed", "not sent"

    grade = models.ForeignKey("grading.Grade", on_delete=models.CASCADE, related_name="lms_submissions")
    context = models.ForeignKey(LtiContext, on_delete=models.CASCADE, related_name="seminar_score_submissions")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True, help_text="When the task worker tries again.")
    sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "LMS score submission"
        constraints = [models.UniqueConstraint(fields=["grade", "context"], name="one_score_submission_per_lms")]

    def __str__(self):
        return f"{self.grade} → {self.context} ({self.get_status_display()})"
