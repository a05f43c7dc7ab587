from django.apps import AppConfig


class LmsConfig(AppConfig):
    """LTI 1.3 Advantage, the tool side: launches from Canvas, Moodle, Blackboard or D2L, roster sync, grades back."""

    name = "lms"
    verbose_name = "LMS (LTI 1.3)"
