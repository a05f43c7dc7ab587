from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    name = "discussion"
    verbose_name = "Discussion"

    def ready(self):
        from discussion import moderation  # noqa: F401  (registers the moderator and the readers' flag rule)
