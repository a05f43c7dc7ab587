from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Courses and roles"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from courses.membership import enrolment_changed
        from courses.models import Enrolment

        post_save.connect(enrolment_changed, sender=Enrolment, dispatch_uid="course_membership_saved")
        post_delete.connect(enrolment_changed, sender=Enrolment, dispatch_uid="course_membership_deleted")
