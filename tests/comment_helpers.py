"""Building valid comment form posts the way the browser sends them, and seeding approved comments."""

import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from blog.comments.forms import CommentForm
from blog.models import StudentPostPage
from tests.factories import UserFactory

POST_URL = reverse("comments-post-comment")


def form_data(post, **fields):
    """What the comment form submits for `post`: security fields from a fresh form, then the reader's input."""
    data = {key: str(value) for key, value in CommentForm(post).initial.items()}
    data.update(
        name="Boris Readerov",
        email="boris@example.org",
        url="",
        comment="A fine post.",
        honeypot="",
        reply_to="0",
    )
    data.update({key: str(value) for key, value in fields.items()})
    return data


def confirm_link(message):
    """The path of the confirmation link in an email sent to a stranger."""
    return re.search(r"https?://[^/\s]+(/comments/confirm/\S+/)", message.body).group(1)


def approved_comment(
    post, text="Approved comment", parent=None, user=None, email="reader@example.org", is_public=True, **extra
):
    fields = {"user_name": user.first_name if user else "Reader", "user_email": user.email if user else email}
    return XtdComment.objects.create(
        content_type=ContentType.objects.get_for_model(StudentPostPage),
        object_pk=str(post.pk),
        site_id=1,
        user=user,
        comment=text,
        parent_id=parent.pk if parent else 0,
        is_public=is_public,
        **{**fields, **extra},
    )


def held_comment(post, text="Held comment", **fields):
    """A comment waiting in the moderation queue."""
    return approved_comment(post, text=text, is_public=False, **fields)


@pytest.fixture
def instructor(client):
    """An instructor, logged in to `client`."""
    user = member("Instructors", first_name="Anne", last_name="Whitaker")
    client.force_login(user)
    return user


def member(group_name, **fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=group_name))
    return user
