from django.apps import AppConfig


class GradingConfig(AppConfig):
    """Feedback and grades on posts: rubrics, each unit's assignment settings, extensions and grades."""

    name = "grading"
    verbose_name = "Grading"

    def ready(self):
        from grading.demo import load_demo_grading
        from grading.rollover import copy_grading
        from home.signals import demo_loaded
        from terms.signals import course_rolled_over

        course_rolled_over.connect(copy_grading, dispatch_uid="grading_copy_on_rollover")
        demo_loaded.connect(load_demo_grading, dispatch_uid="grading_demo")
