"""Extra time for one student or a whole section on one unit: a later due date, and a cut-off moved as far
(grading/rules.py applies them)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from .assignments import when


class ExtensionQuerySet(models.QuerySet):
    def applying_to(self, student, section=""):
        """The extensions that may apply to `student`: their own, and their section's when they have one."""
        wanted = Q(student=student)
        if section:
            wanted |= Q(section=section)
        return self.filter(wanted)


class Extension(models.Model):
    unit = models.ForeignKey("blog.CourseUnitPage", on_delete=models.CASCADE, related_name="extensions")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="grading_extensions",
        help_text="The student who gets more time. Leave blank to give a whole section more time.",
    )
    section = models.CharField(
        max_length=50,
        blank=True,
        help_text="The section that gets more time, as on the roster (e.g. 001). Leave blank for one student.",
    )
    due_date = models.DateTimeField(
        help_text="Their new due date. It replaces the unit's, and a cut-off date moves by as much."
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ExtensionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(student__isnull=False) & Q(section="")) | (Q(student__isnull=True) & ~Q(section="")),
                name="extension_student_or_section",
            ),
            models.UniqueConstraint(
                fields=["unit", "student"], condition=Q(student__isnull=False), name="one_extension_per_student"
            ),
            models.UniqueConstraint(
                fields=["unit", "section"], condition=~Q(section=""), name="one_extension_per_section"
            ),
        ]

    def __str__(self):
        who = f"Section {self.section}" if self.section else str(self.student)
        return f"{who}: due {when(self.due_date)}"

    def clean(self):
        if (self.student_id is None) == (not self.section):
            raise ValidationError("Give the extension to one student or to one section.")
        due = self.unit.due_date if self.unit_id else None
        if due and self.due_date and self.due_date <= due:
            raise ValidationError({"due_date": f"An extension must end after the unit's due date ({when(due)})."})
