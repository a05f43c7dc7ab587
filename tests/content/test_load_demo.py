"""`manage.py load_demo` seeds the demo course, and running it again changes nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page

from blog.models import CourseUnitPage, StudentPostPage

pytestmark = pytest.mark.django_db

SEED_POSTS = ["The Illusion of Khrushchev", "The Man of Steel Falls and The Union is Reborn"]


def counts():
    return {
        "pages": Page.objects.count(),
        "live pages": Page.objects.live().count(),
        "users": get_user_model().objects.count(),
        "images": get_image_model().objects.count(),
        "tags": Tag.objects.count(),
    }


def test_load_demo_is_idempotent_and_seeds_the_course(client):
    call_command("load_demo", force=True, verbosity=0)
    first = counts()
    call_command("load_demo", force=True, verbosity=0)
    assert counts() == first

    thaw = CourseUnitPage.objects.get(title="Khrushchev and the Thaw")
    for title in SEED_POSTS:
        post = StudentPostPage.objects.get(title=title)
        assert post.live and post.get_parent().pk == thaw.pk
        assert client.get(post.url).status_code == 200

    units = [unit.title for unit in CourseUnitPage.objects.live().order_by("path")]
    assert units.index("Stalin and Stalinism") < units.index("Khrushchev and the Thaw")
    home = client.get("/").content.decode()
    assert home.index("Stalin and Stalinism") < home.index("Khrushchev and the Thaw")
