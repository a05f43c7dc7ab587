"""Removing a student on request: their account can no longer be used, their name, email and website are erased
(readers see "Former student"), and their posts stay for the course or come down, as the instructor chooses.

Erasing, not hiding: nothing left in the database names them. Their posts, comments and revisions stay, so the
course's discussion keeps its shape."""

from dataclasses import dataclass

from django.db import transaction
from django_comments_xtd.models import XtdComment

from blog.models import AuthorProfile, StudentPostPage
from blog.models.authors import FORMER_STUDENT


@dataclass
class Removal:
    posts_kept: int
    posts_unpublished: int
    comments: int


def free_slug():
    for n in range(1, 100_000):
        slug = "former-student" if n == 1 else f"former-student-{n}"
        if not AuthorProfile.objects.filter(slug=slug).exists():
            return slug
    raise RuntimeError("No free former-student slug")


@transaction.atomic
def remove_on_request(user, *, unpublish_posts, by):
    live_posts = list(StudentPostPage.objects.live().filter(author=user).specific())
    if unpublish_posts:
        for post in live_posts:
            post.unpublish(user=by, log_action=True)
    comments = XtdComment.objects.filter(user=user).update(
        user_name=FORMER_STUDENT, user_email="", user_url="", followup=False
    )
    # Their author archive's address carried their name: it moves to a neutral one, and the old one is gone.
    AuthorProfile.objects.filter(user=user).update(slug=free_slug(), email_on_comments=False)
    user.first_name = user.last_name = user.email = ""
    user.username = f"former-student-{user.pk}"
    user.is_active = False
    user.set_unusable_password()
    user.save()  # the page cache drops every page that showed them (caching/invalidation.py)
    return Removal(
        posts_kept=0 if unpublish_posts else len(live_posts),
        posts_unpublished=len(live_posts) if unpublish_posts else 0,
        comments=comments,
    )
