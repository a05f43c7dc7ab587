from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "Course units and student posts"

    def ready(self):
        from wagtail.signals import page_published

        from blog import invalidation
        from blog.comments import moderation  # noqa: F401  (registers the moderator)
        from blog.models import StudentPostPage
        from blog.review import emails
        from blog.visibility import on_post_published

        emails.connect()
        invalidation.connect()
        page_published.connect(on_post_published, sender=StudentPostPage, dispatch_uid="seminar_class_only")

        from blog.editorial import permissions, signals  # noqa: F401  (signals: a new course gets the workflow)

        permissions.register_policies()  # after wagtail.images' ready(), which registers Wagtail's image policy
