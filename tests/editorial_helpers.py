"""Shared setup for the editorial tests: users in the course roles, student A's two posts, the admin's forms.

Import the fixtures into a test module with `from tests.editorial_helpers import *  # noqa: F403`.
"""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.factories import StudentPostPageFactory, member

DRAFT_TITLE = "Virgin Lands private draft"
LIVE_TITLE = "The Thaw, as published"
REVISION_TITLE = "Thaw rewrite not yet approved"
SECRETS = (DRAFT_TITLE, REVISION_TITLE)  # what student B must never read anywhere in the admin

__all__ = ["draft", "instructor", "published", "student_a", "student_b"]


@pytest.fixture
def student_a(db):
    return member("Students", username="student_a", first_name="Ana", last_name="Author")


@pytest.fixture
def student_b(db):
    return member("Students", username="student_b", first_name="Boris", last_name="Classmate")


@pytest.fixture
def instructor(db):
    return member("Instructors", username="instructor", first_name="Lewis", last_name="Siegelbaum")


@pytest.fixture
def draft(unit, student_a):
    """Student A's post, saved as a draft and never published."""
    return StudentPostPageFactory(parent=unit, author=student_a, title=DRAFT_TITLE, slug="virgin-lands", publish=False)


@pytest.fixture
def published(unit, student_a):
    """Student A's published post with a newer draft revision (a rewrite the public must not see yet)."""
    post = StudentPostPageFactory(parent=unit, author=student_a, title=LIVE_TITLE, slug="the-thaw")
    rewrite = post.get_latest_revision_as_object()
    rewrite.title = REVISION_TITLE
    rewrite.save_revision(user=student_a)
    post.refresh_from_db()
    return post


def edit_form(post, action=None, **fields):
    """A post's edit (or create) form as the admin's buttons send it. `action`: "action-submit" (submit for
    review), "action-publish"; none saves a draft."""
    data = {
        "title": post.draft_title if post.pk else post.title,
        "slug": post.slug,
        "body": streamfield([("paragraph_block", rich_text("<p>The Secret Speech shook the Party.</p>"))]),
        "excerpt": "",
        "tags": "",
        "allow_comments": "on",
        "comments": inline_formset([]),
        "sources": inline_formset([]),
        "footnotes": inline_formset([]),
        **fields,
    }
    form = nested_form_data(data)
    if action:
        form[action] = action
    return form
