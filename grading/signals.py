"""What grading tells other apps, which it must not import: grades_released is sent, once the transaction commits,
with `grades` (Grade objects with their post) whose score their students now see: a unit's release, a grade saved
after it, or a released grade graded again. The LMS app sends their scores to the LMS's gradebook."""

from django.dispatch import Signal

grades_released = Signal()
