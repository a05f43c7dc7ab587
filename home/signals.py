"""Signals of the course's content for the apps above it, which home must not import."""

from django.dispatch import Signal

# Sent at the end of load_demo's transaction, with `course` (the demo HomePage) and `units` ({slug: CourseUnitPage}):
# apps above (grading: a rubric and a unit graded with it) add their part of the demo, idempotently.
demo_loaded = Signal()
