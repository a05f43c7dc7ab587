"""A post's grade: the exact version graded, the score, private feedback, and the lateness it was graded with.

Posts are `blog.StudentPostPage`s, named by label as a foreign key would. A grade is one thing to edit with its
rubric scores (modelcluster children), so a grading form can show the score of what is being entered before saving.

The graded revision is pinned with RESTRICT, not PROTECT: deleting the post (or its course) deletes its revisions and
its grade together, which PROTECT would refuse, while deleting the graded revision alone is refused. Wagtail's
`purge_revisions` skips only PROTECT-ed revisions and would stop at a pinned one: this project does not run it.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField

from grading import rules
from grading.choices import GradeStatus

from .assignments import PERCENT
from .rubrics import Criterion, Level

FEEDBACK_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class GradeQuerySet(models.QuerySet):
    def released(self):
        return self.filter(status=GradeStatus.RELEASED)

    def drafts(self):
        return self.filter(status=GradeStatus.DRAFT)

    def in_unit(self, unit):
        return self.filter(post__path__startswith=unit.path)

    def with_scores(self):
        """With the post, grader and rubric levels chosen, so a gradebook's scores cost no query per grade."""
        return self.select_related("post", "grader").prefetch_related("scores__level")


class Grade(ClusterableModel):
    post = models.ForeignKey("blog.StudentPostPage", on_delete=models.CASCADE, related_name="grades")
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.RESTRICT,
        related_name="+",
        help_text="The version of the post that was graded: later edits do not change it.",
    )
    grader = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="grades_given"
    )
    points = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="The points given, when the unit is graded out of a number of points. With a rubric, the levels "
        "chosen make the score.",
    )
    feedback = RichTextField(
        blank=True,
        features=FEEDBACK_FEATURES,
        help_text="For the student alone (and the course's staff): never shown on the public site. The student "
        "reads it once the grade is released.",
    )
    status = models.CharField(max_length=10, choices=GradeStatus.choices, default=GradeStatus.DRAFT)
    submitted_at = models.DateTimeField(
        null=True, blank=True, help_text="When the graded version was submitted for review: lateness counts from it."
    )
    late_days = models.PositiveIntegerField(
        default=0, help_text="Days late by the student's due date (with any extension); a started day counts."
    )
    penalty_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=PERCENT,
        verbose_name="Late penalty (%)",
        help_text="Taken off the score for lateness, by the unit's late policy.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GradeQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post"], name="one_grade_per_post"),
            models.CheckConstraint(
                condition=Q(points__isnull=True) | Q(points__gte=0), name="grade_points_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(penalty_percent__gte=0, penalty_percent__lte=100), name="grade_penalty_is_a_percentage"
            ),
        ]

    def __str__(self):
        return f"Grade of {self.post.title}"

    @property
    def is_released(self):
        return self.status == GradeStatus.RELEASED

    @property
    def raw_score(self):
        """The score before any late penalty: the points given, else the rubric levels chosen added up (None when
        nothing is entered yet). Prefetch `scores__level` (GradeQuerySet.with_scores) in listings."""
        if self.points is not None:
            return self.points
        scores = list(self.scores.all())
        return rules.rubric_score(scores) if scores else None

    @property
    def final_score(self):
        """The score the student gets: the raw score less the late penalty, to the cent."""
        return rules.final_score(self.raw_score, self.penalty_percent)

    @property
    def changed_since_graded(self):
        """The student has saved a newer version of the post than the one graded."""
        return self.post.latest_revision_id != self.revision_id

    def clean(self):
        if self.revision_id and self.post_id and self.revision.object_id != str(self.post_id):
            raise ValidationError({"revision": "This version belongs to another post."})


class CriterionScore(models.Model):
    """The level chosen for one criterion of the rubric in one grade. A criterion or level in use by a grade
    cannot be deleted (RESTRICT), unless its grade goes too (the post or the course is deleted)."""

    grade = ParentalKey(Grade, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.RESTRICT, related_name="+")
    level = models.ForeignKey(Level, on_delete=models.RESTRICT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["grade", "criterion"], name="one_score_per_criterion")]

    def __str__(self):
        return f"{self.criterion}: {self.level}"

    def clean(self):
        if self.level_id and self.criterion_id and self.level.criterion_id != self.criterion_id:
            raise ValidationError({"level": "Choose one of this criterion's own levels."})


class NoteComment(models.Model):
    """The grader's comment on one footnote of the graded version (issue 22): private like the feedback, read by the
    student beside the note once the grade is released."""

    grade = models.ForeignKey(Grade, on_delete=models.CASCADE, related_name="note_comments")
    note = models.UUIDField(help_text="The footnote's id (blog.Footnote.uuid) in the graded version.")
    number = models.PositiveIntegerField(help_text="The note's number in the graded version, as its reader sees it.")
    note_text = models.TextField(blank=True, help_text="The note as it read when graded, in plain text.")
    comment = models.TextField(max_length=2000)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["grade", "note"], name="one_comment_per_note_per_grade")]

    def __str__(self):
        return f"Comment on note {self.number} of {self.grade}"
