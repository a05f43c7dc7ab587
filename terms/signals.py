"""What the terms app tells the apps above it (caching listens: every page of an archived course shows so)."""

from django.dispatch import Signal

# Sent with `course` (a HomePage) once a course is archived or reopened.
course_archive_changed = Signal()
