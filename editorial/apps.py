from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial roles and review"

    def ready(self):
        from editorial import permissions, review_emails, signals  # noqa: F401  (signals: a new course is set up)

        review_emails.connect()  # replaces wagtail.admin's workflow emails: this app comes after wagtail.admin
        permissions.register_policies()  # after wagtail.images' ready(), which registers Wagtail's image policy
