"""What the terms app tells the apps beside and above it (caching listens: every page of an archived course shows
so; grading copies a rolled-over course's rubrics and units' grading settings)."""

from django.dispatch import Signal

# Sent with `course` (a HomePage) once a course is archived or reopened.
course_archive_changed = Signal()

# Sent with `source` and `course` (HomePages), `units` (pairs of the source's unit and its copy) and `shift` (the
# timedelta between the terms' first days, or None) inside rollover's transaction, once the new course is built.
course_rolled_over = Signal()
