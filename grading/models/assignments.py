"""How a unit's posts are graded: out of points or with a rubric, and what happens to late posts.

Units are `blog.CourseUnitPage`s, named by label as a foreign key would; the rules that read these settings are in
grading/rules.py."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.timezone import localtime

from grading.choices import LatePolicy

from .rubrics import Rubric

PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


def when(moment):
    return date_format(localtime(moment), "DATETIME_FORMAT")


class AssignmentSettings(models.Model):
    unit = models.OneToOneField("blog.CourseUnitPage", on_delete=models.CASCADE, related_name="assignment")
    cutoff_date = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name="Cut-off date",
        help_text="After this no late post is accepted (with “Not accepted after the cut-off date”). Must be after "
        "the unit's due date. An extension moves it by as much as it moves the due date.",
    )
    late_policy = models.CharField(
        max_length=20,
        choices=LatePolicy.choices,
        default=LatePolicy.ACCEPT_FLAG,
        help_text="What happens to a post submitted after its due date.",
    )
    penalty_percent_per_day = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=PERCENT,
        verbose_name="Penalty per day late (%)",
        help_text="With “A penalty per day late”: taken off the score for each day late. A day starts at each "
        "24 hours after the due date, so a post one minute late loses one day's penalty.",
    )
    penalty_cap_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("100"),
        validators=PERCENT,
        verbose_name="Most a late penalty takes off (%)",
        help_text="However late the post, the penalty stops here.",
    )
    points = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        verbose_name="Graded out of (points)",
        help_text="Give each post a number of points out of this. Leave blank to grade with a rubric instead.",
    )
    rubric = models.ForeignKey(
        Rubric,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments",
        help_text="Grade with one of this course's rubrics: the levels chosen add up to the score. Leave blank to "
        "grade out of a number of points instead.",
    )
    lock_after_grading = models.BooleanField(
        default=False, help_text="Once a post is graded, its student can no longer change it."
    )
    grades_released_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the unit's grades were released to its students; blank while students cannot see them.",
    )

    class Meta:
        verbose_name = "assignment settings"
        verbose_name_plural = "assignment settings"
        constraints = [
            models.CheckConstraint(
                condition=Q(penalty_percent_per_day__gte=0, penalty_percent_per_day__lte=100)
                & Q(penalty_cap_percent__gte=0, penalty_cap_percent__lte=100),
                name="assignment_penalties_are_percentages",
            ),
            models.CheckConstraint(
                condition=Q(points__isnull=True) | Q(points__gt=0), name="assignment_points_positive"
            ),
            models.CheckConstraint(
                condition=Q(points__isnull=True) | Q(rubric__isnull=True), name="assignment_points_or_rubric"
            ),
        ]

    def __str__(self):
        return f"Assignment settings of {self.unit.title}"

    @property
    def grades_released(self):
        return self.grades_released_at is not None

    def clean(self):
        errors = {}
        due = self.unit.due_date if self.unit_id else None
        if self.cutoff_date and due and self.cutoff_date <= due:
            errors["cutoff_date"] = f"The cut-off date must be after the unit's due date ({when(due)})."
        elif self.late_policy == LatePolicy.REFUSE_AFTER_CUTOFF and not self.cutoff_date:
            errors["cutoff_date"] = "Set the cut-off date after which late posts are not accepted."
        if self.late_policy == LatePolicy.PENALTY and not self.penalty_percent_per_day:
            errors["penalty_percent_per_day"] = "Set the penalty per day late, or choose another late policy."
        if self.points is not None and self.rubric_id:
            errors["rubric"] = "Grade out of a number of points or with a rubric, not both."
        elif self.rubric_id and self.unit_id and self.rubric.course_id != self.unit.get_course().pk:
            errors["rubric"] = "This rubric belongs to another course: copy it to this course first."
        if errors:
            raise ValidationError(errors)
