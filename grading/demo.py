"""The demo course's grading (load_demo sends home.signals.demo_loaded): a three-criterion rubric for analysing a
primary source, and "Khrushchev and the Thaw" graded with it, late posts losing 5% a day up to 25%. Nothing is
graded: the demo instructor grades the two seed posts from the review list or the post's editor."""

from decimal import Decimal

from grading.choices import LatePolicy
from grading.models import AssignmentSettings, Criterion, Level, Rubric

RUBRIC = "Analysing a primary source"
CRITERIA = {
    "Use of sources": [
        ("Excellent", "4", "Quotes and cites the primary source precisely, and weighs who wrote it and why."),
        ("Good", "3", "Uses the source accurately, with some sense of its origin."),
        ("Weak", "1", "Mentions the source without reading it closely."),
    ],
    "Argument": [
        ("Excellent", "4", "A clear claim, argued step by step from the evidence."),
        ("Adequate", "2", "A claim, but the evidence only partly carries it."),
        ("Missing", "0", "Summary without a claim."),
    ],
    "Writing": [
        ("Clear", "2", "Clear, well-organised prose with few errors."),
        ("Unclear", "1", "Hard to follow in places."),
    ],
}
GRADED_UNIT = "khrushchev-and-the-thaw"


def demo_rubric(course):
    rubric = Rubric.objects.filter(course=course, title=RUBRIC).first()
    if rubric is not None:
        return rubric
    rubric = Rubric.objects.create(course=course, title=RUBRIC, description="For the unit's response posts.")
    for order, (title, levels) in enumerate(CRITERIA.items()):
        criterion = Criterion.objects.create(rubric=rubric, title=title, sort_order=order)
        for level_order, (level, points, description) in enumerate(levels):
            Level.objects.create(
                criterion=criterion,
                title=level,
                points=Decimal(points),
                description=description,
                sort_order=level_order,
            )
    return rubric


def load_demo_grading(sender, course, units, **kwargs):
    unit = units.get(GRADED_UNIT)
    if unit is None or AssignmentSettings.objects.filter(unit=unit).exists():
        return
    AssignmentSettings.objects.create(
        unit=unit,
        rubric=demo_rubric(course),
        late_policy=LatePolicy.PENALTY,
        penalty_percent_per_day=Decimal("5"),
        penalty_cap_percent=Decimal("25"),
    )
