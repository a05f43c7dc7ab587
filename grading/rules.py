"""The grading arithmetic: due dates with extensions, days late, late penalties, refusal and scores.

Pure functions of what they are given: none queries the database except `due_for` when it is not given the unit's
extensions, and `max_points` when the settings' rubric is not fetched, so a gradebook computes every student's
figures from one fetch. The rules, as docs/instructors.md ("Grading") tells instructors:

- A student's due date is their own extension's, else their section's extension's, else the unit's due date. An
  extension never makes a due date earlier than the unit's (if the unit's due date has moved past it, the unit's
  holds).
- Days late count each started 24 hours after the due date: a post one minute late is one day late, one 24 hours
  and one minute late two days. On time, or no due date, is 0 days.
- Late policy "Accepted and flagged late": no penalty; the days late are shown. "A penalty per day late, up to a
  cap": days late × the penalty per day, never more than the cap. "Not accepted after the cut-off date": a post late
  but before the cut-off is flagged, not penalised; one submitted after the cut-off is refused.
- An extension moves the cut-off by as much as it moves the due date (due date 1 March, cut-off 3 March, an
  extension to 5 March: the student's cut-off is 7 March). Without a unit due date the cut-off stays, though never
  before the extension's due date.
- The score is the points given, or with a rubric the chosen levels' points added up; the final score is the score
  less the penalty (score × (1 − penalty/100)), rounded to the hundredth (half up), never below 0.
"""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from grading.choices import LatePolicy

ZERO = Decimal("0")
HUNDREDTH = Decimal("0.01")
DAY = timedelta(days=1)


def due_for(unit, student, section=None, extensions=None):
    """When `student` (in `section`, their Enrolment's section in the unit's course) must submit for `unit`; None
    when there is no due date. `extensions` may be the unit's extensions fetched beforehand (any iterable; those of
    other units are ignored), to spare a listing a query per student."""
    if extensions is None:
        extensions = unit.extensions.applying_to(student, section)
    student_id = getattr(student, "pk", None)
    own = sections = None
    for extension in extensions:
        if extension.unit_id != unit.pk:
            continue
        if student_id is not None and extension.student_id == student_id:
            own = extension
        elif section and extension.student_id is None and extension.section == section:
            sections = extension
    extension = own or sections
    if extension is None:
        return unit.due_date
    if unit.due_date is None:
        return extension.due_date
    return max(extension.due_date, unit.due_date)


def late_days(submitted_at, due):
    """Whole days late, rounded up: each started 24 hours after `due` counts. 0 when on time or with no due date."""
    if submitted_at is None or due is None or submitted_at <= due:
        return 0
    days, rest = divmod(submitted_at - due, DAY)
    return days + (1 if rest else 0)


def penalty_percent(settings, days):
    """The percentage taken off a post `days` late: only "A penalty per day late" takes any, days × the penalty per
    day up to the cap. (Refusal after a cut-off is `is_refused`'s question, not a penalty.)"""
    if settings is None or days <= 0 or settings.late_policy != LatePolicy.PENALTY:
        return ZERO
    return min(days * Decimal(settings.penalty_percent_per_day), Decimal(settings.penalty_cap_percent))


def cutoff_for(settings, due):
    """The cut-off for a student whose due date is `due` (from `due_for`): the unit's cut-off, moved by as much as
    their extension moves their due date. Reads the settings' unit (fetch it with them in a listing)."""
    if settings is None or settings.cutoff_date is None:
        return None
    unit_due = settings.unit.due_date
    if due is None:
        return settings.cutoff_date
    if unit_due is None:
        return max(settings.cutoff_date, due)
    return settings.cutoff_date + max(due - unit_due, timedelta(0))


def is_refused(settings, submitted_at, due):
    """Whether a post submitted at `submitted_at` is not accepted: only under "Not accepted after the cut-off date",
    and only when it came after the student's cut-off (see `cutoff_for`)."""
    if settings is None or submitted_at is None or settings.late_policy != LatePolicy.REFUSE_AFTER_CUTOFF:
        return False
    cutoff = cutoff_for(settings, due)
    return cutoff is not None and submitted_at > cutoff


def rubric_score(scores):
    """The chosen levels' points added up (`scores` are CriterionScores with their levels)."""
    return sum((score.level.points for score in scores), ZERO)


def max_points(settings):
    """What the unit is graded out of: its points, or its rubric's maximum; None when neither is set."""
    if settings is None:
        return None
    if settings.points is not None:
        return settings.points
    return settings.rubric.max_points if settings.rubric_id else None


def final_score(raw, penalty):
    """`raw` less `penalty` percent, rounded to the hundredth half up, never below 0; None when `raw` is None."""
    if raw is None:
        return None
    score = Decimal(raw) * (1 - Decimal(penalty) / 100)
    return max(score.quantize(HUNDREDTH, rounding=ROUND_HALF_UP), ZERO)
