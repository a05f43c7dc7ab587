from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "Course units and student posts"

    def ready(self):
        from wagtail.signals import page_published

        from blog.models import CourseUnitPage, StudentPostPage
        from blog.search import reindex_published
        from blog.visibility import on_post_published

        page_published.connect(on_post_published, sender=StudentPostPage, dispatch_uid="seminar_class_only")
        for model in (StudentPostPage, CourseUnitPage):  # their notes' words are searched (issue 22)
            page_published.connect(reindex_published, sender=model, dispatch_uid=f"seminar_reindex_{model.__name__}")
