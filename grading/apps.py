from django.apps import AppConfig


class GradingConfig(AppConfig):
    """Feedback and grades on posts: rubrics, each unit's assignment settings, extensions and grades."""

    name = "grading"
    verbose_name = "Grading"
