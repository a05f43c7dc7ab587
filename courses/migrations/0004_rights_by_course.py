"""Rights move from the install-wide groups to each course's own (editorial.roles describes them): every course
gets a group per role with that role's rights on the course alone, its own review workflow, and its members in
its groups from their enrolments; class-only pages are opened to their course's groups; the install-wide
Instructors and Students groups keep their members (some lists still read them) but no right any more."""

from django.db import migrations

ROLES = {"instructor": "Instructors", "ta": "Teaching assistants", "student": "Students", "guest": "Guests"}
PAGE_RIGHTS = {
    "instructor": ("add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"),
    "ta": ("change_page", "publish_page"),
    "student": ("add_page",),
}
MODEL_RIGHTS = {
    "instructor": (("wagtailadmin", "access_admin"), ("django_comments", "can_moderate"), ("blog", "change_post_author")),
    "ta": (("wagtailadmin", "access_admin"), ("django_comments", "can_moderate")),
    "student": (("wagtailadmin", "access_admin"),),
}
IMAGE_RIGHTS = {
    "instructor": ((None, ("add", "change", "choose")), ("Course images", ("add", "change", "choose", "delete"))),
    "student": (("Student uploads", ("add",)), ("Course images", ("choose",))),
}


def rights_by_course(apps, schema_editor):
    get = apps.get_model
    Group, Permission, ContentType = get("auth", "Group"), get("auth", "Permission"), get("contenttypes", "ContentType")
    HomePage, Enrolment, CourseGroup = get("home", "HomePage"), get("courses", "Enrolment"), get("courses", "CourseGroup")
    GroupPagePermission, GroupCollectionPermission = get("wagtailcore", "GroupPagePermission"), get("wagtailcore", "GroupCollectionPermission")
    Collection, PageViewRestriction = get("wagtailcore", "Collection"), get("wagtailcore", "PageViewRestriction")
    GroupApprovalTask, Workflow = get("wagtailcore", "GroupApprovalTask"), get("wagtailcore", "Workflow")
    WorkflowTask, WorkflowPage = get("wagtailcore", "WorkflowTask"), get("wagtailcore", "WorkflowPage")

    def permission(app_label, codename):
        """Made by the migrations this one depends on (wagtailcore, wagtailimages, blog 0002/0005/0007)."""
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    task_type = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")[0]
    for course in HomePage.objects.all():
        groups = {}
        for role, plural in ROLES.items():
            link = CourseGroup.objects.filter(course_id=course.pk, role=role).first()
            if link is None:
                group = Group.objects.get_or_create(name=f"{course.title[:100]} ({course.pk}) · {plural}")[0]
                link = CourseGroup.objects.create(course_id=course.pk, role=role, group=group)
            groups[role] = Group.objects.get(pk=link.group_id)
        for role, codenames in PAGE_RIGHTS.items():
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=groups[role], page_id=course.pk, permission=permission("wagtailcore", codename)
                )
        for role, names in MODEL_RIGHTS.items():
            groups[role].permissions.add(*(permission(*name) for name in names))
        for role, grants in IMAGE_RIGHTS.items():
            for collection_name, actions in grants:
                found = Collection.objects.filter(depth=1) if collection_name is None else None
                for collection in (found or Collection.objects.filter(name=collection_name, depth=2))[:1]:
                    for action in actions:
                        GroupCollectionPermission.objects.get_or_create(
                            group=groups[role], collection=collection, permission=permission("wagtailimages", f"{action}_image")
                        )
        task = GroupApprovalTask.objects.filter(groups=groups["instructor"]).first() or GroupApprovalTask.objects.create(
            name="Instructor approval", content_type=task_type, active=True
        )
        task.groups.set([groups["instructor"], groups["ta"]])
        workflow = Workflow.objects.filter(workflow_tasks__task=task).first()
        if workflow is None:
            workflow = Workflow.objects.create(name="Instructor review", active=True)
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.update_or_create(page_id=course.pk, defaults={"workflow": workflow})
        for enrolment in Enrolment.objects.filter(course_id=course.pk, active=True):
            groups[enrolment.role].user_set.add(enrolment.user_id)
        for restriction in PageViewRestriction.objects.filter(restriction_type="groups", page__path__startswith=course.path):
            restriction.groups.set(groups.values())

    old = Group.objects.filter(name__in=["Instructors", "Students"])
    GroupPagePermission.objects.filter(group__in=old).delete()
    GroupCollectionPermission.objects.filter(group__in=old).delete()
    for group in old:
        group.permissions.clear()
    for task in GroupApprovalTask.objects.filter(groups__in=old).distinct():
        task.groups.remove(*old)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_course_groups"),
        ("blog", "0011_wordpress_models_moved"),
        ("home", "0003_catalogue_and_terms"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
    ]

    operations = [migrations.RunPython(rights_by_course, migrations.RunPython.noop)]
