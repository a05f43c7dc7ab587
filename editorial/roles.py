"""What each role may do in a course, granted to the course's own groups (courses.models.CourseGroup), and the
course's review workflow. `set_up_course` gives a course all of it when it is created (editorial.signals), and
migration courses/0004 gave it to the courses that existed; it is idempotent.

- Instructors: add, change, publish, lock, unlock and bulk-delete pages of their course; add, change, choose and
  delete images in the course's collection (its "Course images" and "Student uploads"); change a post's author;
  moderate comments; the admin.
- Teaching assistants: review their course's posts (the workflow's task; approving publishes, so they hold change and
  publish, which editorial.permissions narrows to the students' posts), moderate comments; the admin.
- Students: add pages below their course (editorial.permissions narrows that to posts in units); add images to
  the course's "Student uploads" (choosing only their own there: editorial.permissions), choose from its "Course
  images"; the admin.
- Guests: nothing but reading the course's class-only pages (blog.visibility).
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from courses.membership import sync_course
from courses.models import CourseGroup, Role
from courses.roles import SITE_ADMINISTRATORS
from editorial.models import CourseCollection

REVIEW_WORKFLOW = "Instructor review"
REVIEW_TASK = "Instructor approval"
COURSE_IMAGES = "Course images"
STUDENT_UPLOADS = "Student uploads"
# Instructors (and superusers) may change a post's author; the author field is hidden from everyone else.
CHANGE_POST_AUTHOR = "blog.change_post_author"

PAGE_RIGHTS = {
    Role.INSTRUCTOR: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"),
    Role.TA: ("change_page", "publish_page"),  # approving a post publishes it; narrowed to posts (permissions.py)
    Role.STUDENT: ("add_page",),
}
MODEL_RIGHTS = {
    Role.INSTRUCTOR: ("wagtailadmin.access_admin", "django_comments.can_moderate", CHANGE_POST_AUTHOR),
    Role.TA: ("wagtailadmin.access_admin", "django_comments.can_moderate"),
    Role.STUDENT: ("wagtailadmin.access_admin",),
}
Kind = CourseCollection.Kind
IMAGE_RIGHTS = {
    Role.INSTRUCTOR: ((Kind.COURSE, ("add", "change", "choose", "delete")),),
    Role.TA: ((Kind.IMAGES, ("choose",)),),
    Role.STUDENT: ((Kind.UPLOADS, ("add",)), (Kind.IMAGES, ("choose",))),
}
COLLECTION_NAMES = {Kind.IMAGES: COURSE_IMAGES, Kind.UPLOADS: STUDENT_UPLOADS}
PLURALS = {
    Role.INSTRUCTOR: "Instructors",
    Role.TA: "Teaching assistants",
    Role.STUDENT: "Students",
    Role.GUEST: "Guests",
}


def permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def course_groups(course):
    """{role: Group} for the course, made when missing."""
    groups = {}
    for role in Role:
        course_group = CourseGroup.objects.filter(course=course, role=role).select_related("group").first()
        if course_group is None:
            name = f"{course.title[:100]} ({course.pk}) · {PLURALS[role]}"
            group = Group.objects.get_or_create(name=name)[0]
            course_group = CourseGroup.objects.create(course=course, role=role, group=group)
        groups[role] = course_group.group
    return groups


def course_collections(course):
    """{kind: Collection} for the course, made when missing: its own collection below the root, named after it,
    with "Course images" and "Student uploads" inside."""
    links = {link.kind: link.collection for link in CourseCollection.objects.filter(course=course)}
    if Kind.COURSE not in links:
        name = f"{course.title[:200]} · {course.term}" if course.term else course.title[:255]
        links[Kind.COURSE] = Collection.get_first_root_node().add_child(name=name)
        CourseCollection.objects.create(course=course, kind=Kind.COURSE, collection=links[Kind.COURSE])
    for kind, name in COLLECTION_NAMES.items():
        if kind not in links:
            links[kind] = links[Kind.COURSE].add_child(name=name)
            CourseCollection.objects.create(course=course, kind=kind, collection=links[kind])
    return links


def course_collection(course, kind=Kind.IMAGES):
    """One of the course's collections (its "Course images" unless told)."""
    return course_collections(course)[kind]


def review_task(course, groups):
    """The course's own review task (the one its instructors' group reviews), for its instructors and TAs (and the
    site administrators, who may act in every course; the review emails still go to the course's staff only). Every
    course's is called "Instructor approval", in a workflow called "Instructor review": that is what students read
    ("Submit to Instructor review")."""
    task = GroupApprovalTask.objects.filter(groups=groups[Role.INSTRUCTOR]).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=REVIEW_TASK, content_type=ContentType.objects.get_for_model(GroupApprovalTask)
        )
    task.groups.set([groups[Role.INSTRUCTOR], groups[Role.TA], *Group.objects.filter(name=SITE_ADMINISTRATORS)])
    return task


def set_up_course(course):
    """Give the course its groups and their rights, and its own review workflow; then its members their groups."""
    groups = course_groups(course)
    for role, codenames in PAGE_RIGHTS.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[role], page=course, permission=permission(f"wagtailcore.{codename}")
            )
    for role, dotted in MODEL_RIGHTS.items():
        groups[role].permissions.add(*(permission(name) for name in dotted))
    collections = course_collections(course)
    for role, grants in IMAGE_RIGHTS.items():
        for kind, actions in grants:
            for action in actions:
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[role],
                    collection=collections[kind],
                    permission=permission(f"wagtailimages.{action}_image"),
                )
    task = review_task(course, groups)
    workflow = Workflow.objects.filter(workflow_tasks__task=task).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=REVIEW_WORKFLOW)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=course, defaults={"workflow": workflow})
    sync_course(course.pk)
