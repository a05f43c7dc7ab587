from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Courses and roles"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from courses.membership import enrolment_changed
        from courses.models import Enrolment
        from courses.spreadsheets import protect_spreadsheet_exports

        post_save.connect(enrolment_changed, sender=Enrolment, dispatch_uid="course_membership_saved")
        post_delete.connect(enrolment_changed, sender=Enrolment, dispatch_uid="course_membership_deleted")
        protect_spreadsheet_exports()  # every CSV download in the admin: formulas neutralised, a UTF-8 BOM first
