"""Who belongs to which course, in which role: a member holds a role *in a course*, never install-wide.

A course is a `home.HomePage` (named by label: the content apps sit above this one). One person may hold different
roles in different courses; an enrolment ends (inactive) without the account ending.
"""

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    INSTRUCTOR = "instructor", "Instructor"
    TA = "ta", "Teaching assistant"
    STUDENT = "student", "Student"
    GUEST = "guest", "Guest"


# Instructors and teaching assistants review posts, moderate comments and read the reports of their course.
STAFF_ROLES = (Role.INSTRUCTOR, Role.TA)


class EnrolmentQuerySet(models.QuerySet):
    def active(self):
        """Enrolments that count today: not ended, and the account still open."""
        return self.filter(active=True, user__is_active=True)

    def staff(self):
        return self.filter(role__in=STAFF_ROLES)


class Enrolment(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    course = models.ForeignKey("home.HomePage", on_delete=models.CASCADE, related_name="enrolments")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.STUDENT)
    section = models.CharField(max_length=50, blank=True, help_text="e.g. 001, or a seminar group's name.")
    active = models.BooleanField(default=True, help_text="Off when the member has left the course.")
    # Archiving a course ends its students' and guests' enrolments and marks them, so that reopening it restores
    # exactly those (terms.archive), not enrolments ended for another reason.
    ended_by_archive = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="one_enrolment_per_course")]
        indexes = [models.Index(fields=["course", "role", "active"])]

    def __str__(self):
        return f"{self.member} · {self.get_role_display()}"

    def end(self):
        """The member leaves the course (their account and work stay); saved, so their rights there end too."""
        self.active = False
        self.save(update_fields=["active", "updated_at"])

    @property
    def member(self):
        """The member as staff know them: full name and login."""
        name = self.user.get_full_name()
        return f"{name} ({self.user.get_username()})" if name else self.user.get_username()


class CourseGroup(models.Model):
    """The Django group that carries one role's rights in one course: Wagtail grants page, collection and review
    rights to groups, so each course has a group per role (editorial.roles.set_up_course gives it its rights). Its
    members are the role's active enrolments (courses.membership keeps them so): never edit them by hand."""

    course = models.ForeignKey("home.HomePage", on_delete=models.CASCADE, related_name="role_groups")
    role = models.CharField(max_length=20, choices=Role.choices)
    group = models.OneToOneField("auth.Group", on_delete=models.CASCADE, related_name="course_role")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["course", "role"], name="one_group_per_course_role")]

    def __str__(self):
        return self.group.name


class OutboxEmail(models.Model):
    """One outgoing email, written by courses.outbox.OutboxBackend in the sender's transaction and delivered by a
    background task: `raw` is the whole message as sent (its Message-ID fixed once, so a resend is recognisable)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Could not be sent"

    message_id = models.CharField(max_length=255, unique=True)
    from_email = models.CharField(max_length=320)
    recipients = models.TextField(help_text="One address a line.")
    subject = models.CharField(max_length=255, blank=True)
    raw = models.BinaryField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self):
        return f"{self.subject} → {self.recipients.replace(chr(10), ', ')}"
