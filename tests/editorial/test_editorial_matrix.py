"""Who may do what, cell by cell, through the real admin URLs: anonymous, student A (the author), student B (a
classmate), an instructor × each action on A's never-published draft and on A's live post with a newer draft."""

import pytest
from wagtail.models import Page

from tests.editorial_helpers import *  # noqa: F403
from tests.editorial_helpers import edit_form
from tests.factories import CourseUnitPageFactory

pytestmark = pytest.mark.django_db
NEW_TITLE = "Title saved through the admin"


@pytest.fixture
def other_unit(course):
    page = CourseUnitPageFactory(parent=course, title="The Brezhnev Years")
    page.save_revision().publish()
    return page


def reload(post):
    return Page.objects.filter(pk=post.pk).first()


def shows(client, url, text):
    response = client.get(url)
    return response.status_code == 200 and text in response.content.decode()


def edited(client, post, action=None, **fields):
    client.post(f"/admin/pages/{post.pk}/edit/", edit_form(post, action, **fields))
    return reload(post)


def previewed(client, post):
    url = f"/admin/pages/{post.pk}/edit/preview/"
    return client.post(url, edit_form(post, title=NEW_TITLE)).status_code == 200 and shows(client, url, NEW_TITLE)


def went_live(client, post):
    page = edited(client, post, "action-publish", title=NEW_TITLE)
    return page.live and page.title == NEW_TITLE


def unpublished(client, post):
    client.post(f"/admin/pages/{post.pk}/unpublish/")
    return not reload(post).live


def deleted(client, post):
    client.post(f"/admin/pages/{post.pk}/delete/")
    return reload(post) is None


def moved(client, post, destination):
    client.post(f"/admin/pages/{post.pk}/move/{destination.pk}/confirm/")
    return reload(post).get_parent().pk == destination.pk


# Each action does what the admin's button does and answers whether it happened.
ACTIONS = {
    "view draft": lambda client, post, dest: shows(client, f"/admin/pages/{post.pk}/view_draft/", post.draft_title),
    "preview": lambda client, post, dest: previewed(client, post),
    "edit": lambda client, post, dest: shows(client, f"/admin/pages/{post.pk}/edit/", post.draft_title),
    "submit for review": lambda client, post, dest: edited(client, post, "action-submit").workflow_in_progress,
    "publish": lambda client, post, dest: went_live(client, post),
    "unpublish": lambda client, post, dest: unpublished(client, post),
    "delete": lambda client, post, dest: deleted(client, post),
    "move": moved,
    "view revisions": lambda client, post, dest: shows(client, f"/admin/pages/{post.pk}/history/", "History"),
    "moderate comments": lambda client, post, dest: shows(client, "/admin/comments/", "Comments"),
    "view report": lambda client, post, dest: shows(client, "/admin/reports/participation/", "Participation"),
    "import roster": lambda client, post, dest: shows(client, "/admin/roster/", "Roster"),
}

YES, NO = True, False
# action, post: anonymous, student A (author), student B (classmate), instructor
MATRIX = [
    ("view draft", "draft", NO, YES, NO, YES),
    ("view draft", "published", NO, YES, NO, YES),
    ("preview", "draft", NO, YES, NO, YES),
    ("preview", "published", NO, YES, NO, YES),
    ("edit", "draft", NO, YES, NO, YES),
    ("edit", "published", NO, YES, NO, YES),
    ("submit for review", "draft", NO, YES, NO, YES),
    ("submit for review", "published", NO, YES, NO, YES),
    ("publish", "draft", NO, NO, NO, YES),
    ("publish", "published", NO, NO, NO, YES),
    ("unpublish", "published", NO, NO, NO, YES),
    ("delete", "draft", NO, YES, NO, YES),  # Wagtail lets an owner delete a never-published draft
    ("delete", "published", NO, NO, NO, YES),
    ("move", "draft", NO, NO, NO, YES),
    ("move", "published", NO, NO, NO, YES),
    ("view revisions", "draft", NO, YES, NO, YES),
    ("view revisions", "published", NO, YES, NO, YES),
    ("moderate comments", "published", NO, NO, NO, YES),
    ("view report", "published", NO, NO, NO, YES),
    ("import roster", "published", NO, NO, NO, YES),
]
ROLES = ("anonymous", "student_a", "student_b", "instructor")
CELLS = [
    pytest.param(action, post, role, expected, id=f"{action}-{post}-{role}")
    for action, post, *row in MATRIX
    for role, expected in zip(ROLES, row, strict=True)
]


@pytest.mark.parametrize(("action", "post_kind", "role", "expected"), CELLS)
def test_permission_matrix(client, request, other_unit, action, post_kind, role, expected):
    post = request.getfixturevalue(post_kind)
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    assert bool(ACTIONS[action](client, post, other_unit)) is expected
