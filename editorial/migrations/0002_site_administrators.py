"""The "Site administrators" group: a department's IT, who create courses and see every course as superusers do
(courses.roles.is_site_admin), without being superusers. Its rights: the whole page tree, every collection, the
admin, Sites, users and enrolments, comment moderation and a post's author."""

from django.db import migrations

GROUP = "Site administrators"
PAGE_RIGHTS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page")
COLLECTION_RIGHTS = {
    "wagtailimages": ("add_image", "change_image", "choose_image", "delete_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document", "delete_document"),
}
# (app label, model, codename, name): made here when missing, since Django makes a new model's permissions only
# after every migration has run.
MODEL_RIGHTS = [
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    *(("wagtailcore", "site", f"{action}_site", f"Can {action} site") for action in ("add", "change", "delete")),
    *(("wagtailcore", "workflow", f"{action}_workflow", f"Can {action} workflow") for action in ("add", "change")),
    *(("auth", "user", f"{action}_user", f"Can {action} user") for action in ("add", "change", "delete")),
    *(
        ("courses", "enrolment", f"{action}_enrolment", f"Can {action} enrolment")
        for action in ("add", "change", "delete")
    ),
    ("django_comments", "comment", "can_moderate", "Can moderate comments"),
    ("blog", "studentpostpage", "change_post_author", "Can change a student post's author"),
]


def site_administrators(apps, schema_editor):
    get = apps.get_model
    Group, Permission = get("auth", "Group"), get("auth", "Permission")
    Page, Collection = get("wagtailcore", "Page"), get("wagtailcore", "Collection")
    GroupPagePermission, GroupCollectionPermission = get("wagtailcore", "GroupPagePermission"), get("wagtailcore", "GroupCollectionPermission")

    ContentType = get("contenttypes", "ContentType")

    def permission(app_label, codename, model=None, name=None):
        found = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if found is None and model:
            content_type = ContentType.objects.get_or_create(app_label=app_label, model=model)[0]
            found = Permission.objects.create(content_type=content_type, codename=codename, name=name)
        return found

    group = Group.objects.get_or_create(name=GROUP)[0]
    for app_label, model, codename, name in MODEL_RIGHTS:
        group.permissions.add(permission(app_label, codename, model, name))
    root_page = Page.objects.filter(depth=1).first()
    for codename in PAGE_RIGHTS if root_page else ():
        GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission("wagtailcore", codename))
    root_collection = Collection.objects.filter(depth=1).first()
    for app_label, codenames in COLLECTION_RIGHTS.items() if root_collection else ():
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission(app_label, codename)
            )


    # Class-only pages: the site administrators read them, as superusers do.
    PageViewRestriction, CourseGroup = get("wagtailcore", "PageViewRestriction"), get("courses", "CourseGroup")
    course_groups = CourseGroup.objects.values("group_id")
    for restriction in PageViewRestriction.objects.filter(restriction_type="groups", groups__in=course_groups).distinct():
        restriction.groups.add(group)


    # Every course's review task: site administrators approve and request changes anywhere.
    GroupApprovalTask = get("wagtailcore", "GroupApprovalTask")
    for task in GroupApprovalTask.objects.filter(groups__in=course_groups).distinct():
        task.groups.add(group)


def no_site_administrators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_course_collections"),
        ("courses", "0004_rights_by_course"),
        ("blog", "0012_course_settings_per_course"),
        ("wagtailadmin", "0006_formstate"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(site_administrators, no_site_administrators)]
