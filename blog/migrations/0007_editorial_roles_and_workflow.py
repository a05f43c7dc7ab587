"""Complete the course roles and create the review workflow. Idempotent: what exists is kept, what is missing added.

- Students: `add` page permission on each course home page (they write posts; Wagtail lets them edit their own);
  image `add` on a "Student uploads" collection and `choose` on "Course images" (blog/editorial/permissions.py
  lets them choose their own uploads too). Not `add` on the root collection: a student could then upload into
  "Course images", which every student may choose from.
- Instructors: `bulk_delete` beside their page permissions on the root page (deleting a unit with its posts),
  add/change/choose/delete on "Course images", and the new `blog.change_post_author`.
- The "Instructor review" workflow (one GroupApprovalTask, "Instructor approval", for Instructors) assigned to
  every course home page; it overrides Wagtail's "Moderators approval" on the root page for everything below.
  Courses created later get it from blog/editorial/hooks.py.
"""

from django.db import migrations

STUDENTS, INSTRUCTORS = "Students", "Instructors"
REVIEW_WORKFLOW, REVIEW_TASK = "Instructor review", "Instructor approval"
COURSE_IMAGES, STUDENT_UPLOADS = "Course images", "Student uploads"
INSTRUCTOR_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "bulk_delete_page",
)
CHANGE_POST_AUTHOR = ("change_post_author", "Can change a student post's author")
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's, for the Collection tree's 4-character steps
STEPLEN = 4


def _next_child_path(parent, Collection):
    last = Collection.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    number = 0 if last is None else int(last.path[-STEPLEN:], 36)
    step, number = "", number + 1
    for _ in range(STEPLEN):
        number, digit = divmod(number, 36)
        step = ALPHABET[digit] + step
    return parent.path + step


def _collection(apps, name):
    """A child of the root collection, created with the historical model (no treebeard methods)."""
    Collection = apps.get_model("wagtailcore", "Collection")
    root = Collection.objects.filter(depth=1).order_by("path").first()
    existing = Collection.objects.filter(depth=2, path__startswith=root.path, name=name).first()
    if existing:
        return existing
    collection = Collection.objects.create(name=name, path=_next_child_path(root, Collection), depth=2, numchild=0)
    Collection.objects.filter(pk=root.pk).update(numchild=Collection.objects.filter(depth=2).count())
    return collection


def complete_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("home", "HomePage")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    def permission(app_label, model, codename, name=None):
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        return Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name or codename.replace("_", " ")}
        )[0]

    access_admin = permission("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    students = Group.objects.get_or_create(name=STUDENTS)[0]
    instructors = Group.objects.get_or_create(name=INSTRUCTORS)[0]
    for group in (students, instructors):
        group.permissions.add(access_admin)
    instructors.permissions.add(permission("blog", "studentpostpage", *CHANGE_POST_AUTHOR))

    root = Page.objects.filter(depth=1).order_by("path").first()
    for codename in INSTRUCTOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=instructors, page=root, permission=permission("wagtailcore", "page", codename)
        )
    add_page = permission("wagtailcore", "page", "add_page")
    for course in HomePage.objects.all():
        GroupPagePermission.objects.get_or_create(group=students, page_id=course.pk, permission=add_page)

    course_images, student_uploads = _collection(apps, COURSE_IMAGES), _collection(apps, STUDENT_UPLOADS)
    grants = [(students, student_uploads, "add_image"), (students, course_images, "choose_image")]
    grants += [(instructors, course_images, f"{action}_image") for action in ("add", "change", "choose", "delete")]
    for group, collection, codename in grants:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission("wagtailimages", "image", codename)
        )


def create_review_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    HomePage = apps.get_model("home", "HomePage")

    # Historical models do not set a task's content_type; without it Wagtail cannot find the specific task.
    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK, content_type=task_type, active=True)
    task.groups.add(Group.objects.get(name=INSTRUCTORS))
    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for course in HomePage.objects.all():
        WorkflowPage.objects.update_or_create(page_id=course.pk, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0006_author_section"),
        ("home", "0002_course_home_page"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="studentpostpage",
            options={
                "permissions": [("change_post_author", "Can change a student post's author")],
                "verbose_name": "student post",
            },
        ),
        migrations.RunPython(complete_roles, migrations.RunPython.noop),
        migrations.RunPython(create_review_workflow, migrations.RunPython.noop),
    ]
