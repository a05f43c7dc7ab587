from django.apps import AppConfig


class MembersConfig(AppConfig):
    """The members' side: a student's home (/me/), the members' bar on public pages, the instructor's desk."""

    name = "members"
    verbose_name = "Members"

    def ready(self):
        from members import cookie

        cookie.connect()
