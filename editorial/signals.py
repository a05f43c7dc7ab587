"""A course created after the migration (in the admin, or in code such as load_demo or a test factory) gets what
migration blog/0007 gave the existing ones: the review workflow and the students' right to add posts below it.
Imported by EditorialConfig.ready()."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from editorial.roles import set_up_course
from home.models import HomePage


@receiver(post_save, sender=HomePage, dispatch_uid="seminar_set_up_new_course")
def set_up_new_course(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        set_up_course(instance)
