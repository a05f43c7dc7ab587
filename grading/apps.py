from django.apps import AppConfig


class GradingConfig(AppConfig):
    """Feedback and grades on posts: rubrics, each unit's assignment settings, extensions and grades."""

    name = "grading"
    verbose_name = "Grading"

    def ready(self):
        from grading.rollover import copy_grading
        from terms.signals import course_rolled_over

        course_rolled_over.connect(copy_grading, dispatch_uid="grading_copy_on_rollover")
