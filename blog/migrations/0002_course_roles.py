"""The two course roles. Students' permissions are completed with the review workflow."""

from django.db import migrations

ROLES = ("Students", "Instructors")
INSTRUCTOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
INSTRUCTOR_IMAGE_PERMISSIONS = ("add_image", "change_image", "choose_image")


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    for group in groups.values():
        group.permissions.add(access_admin)

    instructors = groups["Instructors"]
    root = Page.objects.filter(depth=1).first()
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    for codename in INSTRUCTOR_PAGE_PERMISSIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=page_type, codename=codename, defaults={"name": codename.replace("_", " ")}
        )
        GroupPagePermission.objects.get_or_create(group=instructors, page=root, permission=permission)
    image_type, _ = ContentType.objects.get_or_create(app_label="wagtailimages", model="image")
    collection = Collection.objects.filter(depth=1).first()
    for codename in INSTRUCTOR_IMAGE_PERMISSIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=image_type, codename=codename, defaults={"name": codename.replace("_", " ")}
        )
        GroupCollectionPermission.objects.get_or_create(
            group=instructors, collection=collection, permission=permission
        )


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
