"""Instructors moderate public comments: django-comments' `can_moderate` opens the admin's comment queue."""

from django.db import migrations

MODERATE = ("django_comments", "comment", "can_moderate", "Can moderate comments")


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")

    app_label, model, codename, name = MODERATE
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    instructors, _ = Group.objects.get_or_create(name="Instructors")
    instructors.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")

    app_label, model, codename, _name = MODERATE
    permission = Permission.objects.filter(
        content_type__app_label=app_label, content_type__model=model, codename=codename
    ).first()
    instructors = Group.objects.filter(name="Instructors").first()
    if permission and instructors:
        instructors.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0004_author_email_preference"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
