"""Rubrics: what an instructor grades a unit's posts on, criterion by criterion, each with its levels and points.

A rubric belongs to one course (a `home.HomePage`, named by label as a foreign key would). It is one thing to edit:
its criteria and their levels are modelcluster children (`ParentalKey`), so one Wagtail form with nested
`InlinePanel`s can hold the rubric, its criteria and their levels in memory, validate them together and save them at
once, and `copy_to` copies the whole cluster the same way. Plain foreign keys would need a formset per level list.
"""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models, transaction
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable


class RubricQuerySet(models.QuerySet):
    def for_course(self, course):
        return self.filter(course=course)

    def with_levels(self):
        """With every criterion and level in two more queries, so a listing shows each rubric's maximum."""
        return self.prefetch_related("criteria__levels")


class Rubric(ClusterableModel):
    course = models.ForeignKey(
        "home.HomePage",
        on_delete=models.CASCADE,
        related_name="rubrics",
        help_text="The course whose units may be graded with it. Copy it to use it in another course.",
    )
    title = models.CharField(max_length=255, help_text="e.g. “Analysing a primary source”.")
    description = models.TextField(blank=True, help_text="What it assesses and when to use it.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RubricQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title

    @property
    def max_points(self):
        """The most a post can score: each criterion's highest level, added up."""
        return sum((criterion.max_points for criterion in self.criteria.all()), Decimal("0"))

    @transaction.atomic
    def copy_to(self, course):
        """A saved copy in `course`, with copies of its criteria and levels: editing one leaves the other alone."""
        copy, _ = self.copy_cluster(exclude_fields=["created_at", "updated_at"])
        copy.course = course
        copy.save()
        return copy


class Criterion(Orderable, ClusterableModel):
    rubric = ParentalKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    title = models.CharField(max_length=255, help_text="e.g. “Use of sources”.")
    description = models.TextField(blank=True, help_text="What you look for under this criterion.")

    class Meta(Orderable.Meta):
        verbose_name_plural = "criteria"

    def __str__(self):
        return self.title

    @property
    def max_points(self):
        return max((level.points for level in self.levels.all()), default=Decimal("0"))


class Level(Orderable):
    criterion = ParentalKey(Criterion, on_delete=models.CASCADE, related_name="levels")
    title = models.CharField(max_length=100, help_text="e.g. “Excellent”, “Good”, “Needs work”.")
    points = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Points a post at this level earns for the criterion (0 or more).",
    )
    description = models.TextField(blank=True, help_text="What work at this level looks like.")

    class Meta(Orderable.Meta):
        constraints = [models.CheckConstraint(condition=models.Q(points__gte=0), name="level_points_not_negative")]

    def __str__(self):
        return f"{self.title} ({self.points} points)"
