from django.apps import AppConfig


class LmsConfig(AppConfig):
    """LTI 1.3 Advantage, the tool side: launches from Canvas, Moodle, Blackboard or D2L, roster sync, grades back."""

    name = "lms"
    verbose_name = "LMS (LTI 1.3)"

    def ready(self):
        from grading.signals import grades_released
        from lms.grade_passback import queue_scores

        grades_released.connect(queue_scores, dispatch_uid="lms_send_scores")
