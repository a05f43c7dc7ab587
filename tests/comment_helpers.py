"""Building valid comment form posts the way the browser sends them, and seeding approved comments."""

import re

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from blog.models import StudentPostPage
from discussion.forms import CommentForm

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
