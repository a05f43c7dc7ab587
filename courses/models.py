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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="one_enrolment_per_course")]
        indexes = [models.Index(fields=["course", "role", "active"])]

    def __str__(self):
        return f"{self.member} · {self.get_role_display()}"

    @property
    def member(self):
        """The member as staff know them: full name and login."""
        name = self.user.get_full_name()
        return f"{name} ({self.user.get_username()})" if name else self.user.get_username()
