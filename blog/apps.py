from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "Course units and student posts"

    def ready(self):
        from blog.comments import moderation  # noqa: F401  (registers the moderator)
        from blog.review import emails

        emails.connect()
