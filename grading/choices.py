"""The choices grading offers, apart from its models so that the pure rules (grading/rules.py) can name them."""

from django.db import models


class LatePolicy(models.TextChoices):
    ACCEPT_FLAG = "accept_flag", "Accepted and flagged late"
    PENALTY = "penalty", "A penalty per day late, up to a cap"
    REFUSE_AFTER_CUTOFF = "refuse_after_cutoff", "Not accepted after the cut-off date"


class GradeStatus(models.TextChoices):
    DRAFT = "draft", "Draft (only the course's staff see it)"
    RELEASED = "released", "Released to the student"
