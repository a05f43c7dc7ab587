from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "Course units and student posts"

    def ready(self):
        from wagtail.signals import page_published

        from blog.models import StudentPostPage
        from blog.visibility import on_post_published

        page_published.connect(on_post_published, sender=StudentPostPage, dispatch_uid="seminar_class_only")
