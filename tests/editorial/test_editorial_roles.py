"""The course roles: students add posts (never units, never by moving or copying), authorship is the instructors'
to change, and every course, old or new, reviews its posts through the "Instructor review" workflow."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowPage,
)

from blog.models import CourseUnitPage, StudentPostPage
from courses.roles import INSTRUCTORS, Role, enrol
from courses.roles import SITE_ADMINISTRATORS as SITE_ADMINS
from editorial.roles import (
    COURSE_IMAGES,
    REVIEW_TASK,
    REVIEW_WORKFLOW,
    STUDENT_UPLOADS,
    Kind,
    course_collection,
    set_up_course,
)
from home.models import HomePage
from tests.editorial_helpers import *  # noqa: F403
from tests.editorial_helpers import edit_form
from tests.factories import HomePageFactory, StudentPostPageFactory

pytestmark = pytest.mark.django_db


def test_a_student_cannot_create_a_unit(client, course, unit, student_a, instructor):
    client.force_login(student_a)
    assert f"/admin/pages/{course.pk}/add_subpage/" not in client.get(f"/admin/pages/{course.pk}/").content.decode()
    assert client.get(f"/admin/pages/{course.pk}/add_subpage/")["Location"] == "/admin/"
    create_unit = f"/admin/pages/add/blog/courseunitpage/{course.pk}/"
    assert client.get(create_unit)["Location"] == "/admin/"
    client.post(create_unit, {"title": "A unit of my own", "slug": "my-unit"})
    assert not CourseUnitPage.objects.filter(slug="my-unit").exists()
    assert client.get(f"/admin/pages/add/home/homepage/{Page.get_first_root_node().pk}/")["Location"] == "/admin/"
    client.force_login(instructor)
    assert client.get(create_unit).status_code == 200


def test_a_student_writes_a_post_as_its_author_and_cannot_reassign_it(client, unit, student_a, student_b):
    client.force_login(student_a)
    create_post = f"/admin/pages/add/blog/studentpostpage/{unit.pk}/"
    assert 'name="author"' not in client.get(create_post).content.decode()
    new = StudentPostPage(title="My essay on the Thaw", slug="my-essay")
    client.post(create_post, edit_form(new, author=student_b.pk))
    post = StudentPostPage.objects.get(slug="my-essay")
    assert (post.author, post.owner, post.live) == (student_a, student_a, False)


def test_a_student_neither_moves_nor_copies_their_own_post(client, unit, draft, student_a):
    client.force_login(student_a)
    for url in (f"/admin/pages/{draft.pk}/move/", f"/admin/pages/{draft.pk}/copy/"):
        assert client.get(url)["Location"] == "/admin/"
    client.post(f"/admin/pages/{draft.pk}/copy/", {"new_title": "Copy", "new_slug": "copy", "new_parent_page": unit.pk})
    assert not Page.objects.filter(slug="copy").exists()


def test_an_instructor_reassigns_a_post_and_its_ownership_follows(client, draft, student_a, student_b, instructor):
    client.force_login(instructor)
    assert 'name="author"' in client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    client.post(f"/admin/pages/{draft.pk}/edit/", edit_form(draft, author=student_b.pk))
    draft.refresh_from_db()
    assert (draft.author, draft.owner) == (student_b, student_b)
    client.force_login(student_b)
    assert client.get(f"/admin/pages/{draft.pk}/edit/").status_code == 200
    client.force_login(student_a)
    assert client.get(f"/admin/pages/{draft.pk}/edit/")["Location"] == "/admin/"


def test_course_posts_use_their_courses_instructor_review_not_the_default_workflow(unit, draft, course):
    assert Workflow.objects.get(name="Moderators approval").workflow_pages.filter(page__depth=1).exists()
    assert draft.get_workflow().name == REVIEW_WORKFLOW
    assert [task.name for task in draft.get_workflow().tasks] == [REVIEW_TASK]
    reviewers = draft.get_workflow().tasks.get().specific.groups.all()
    assert {(group.course_role.course_id, group.course_role.role) for group in reviewers.exclude(name=SITE_ADMINS)} == {
        (course.pk, Role.INSTRUCTOR),
        (course.pk, Role.TA),
    }
    assert reviewers.filter(name=SITE_ADMINS).exists()  # who may act in every course
    assert not reviewers.filter(name=INSTRUCTORS).exists()


@pytest.mark.parametrize("how", ["factory", "add_child"])
def test_a_new_course_gets_its_review_workflow_and_its_students_access(db, how, student_a, student_b, course):
    root = Page.get_first_root_node()
    if how == "factory":
        new = HomePageFactory(parent=root, title="Modern Russia")
    else:
        new = root.add_child(instance=HomePage(title="Modern Russia", slug="modern-russia"))
    assert WorkflowPage.objects.get(page=new).workflow.name == REVIEW_WORKFLOW
    assert WorkflowPage.objects.get(page=new).workflow != WorkflowPage.objects.get(page=course).workflow
    enrol(student_a, new, Role.STUDENT)
    unit = CourseUnitPage(title="Perestroika", slug="perestroika")
    new.add_child(instance=unit)
    post = StudentPostPageFactory(parent=unit, author=student_a, publish=False)
    assert post.get_workflow().name == REVIEW_WORKFLOW
    assert post.permissions_for_user(student_a).can_edit()
    assert unit.permissions_for_user(student_a).can_add_subpage()
    assert not new.permissions_for_user(student_a).can_add_subpage()
    assert not unit.permissions_for_user(student_b).can_add_subpage()  # enrolled in the other course only


def test_setting_rights_up_again_adds_nothing(db, course):
    migration = importlib.import_module("courses.migrations.0004_rights_by_course")
    models = (Collection, GroupPagePermission, GroupCollectionPermission, Workflow, Task, WorkflowPage, Group)
    before = {model: model.objects.count() for model in models}
    migration.rights_by_course(apps, None)
    importlib.import_module("editorial.migrations.0001_course_collections").course_collections(apps, None)
    set_up_course(course)
    assert {model: model.objects.count() for model in models} == before
    names = set(Collection.objects.values_list("name", flat=True))
    assert names == {"Root", course_collection(course, Kind.COURSE).name, COURSE_IMAGES, STUDENT_UPLOADS}
