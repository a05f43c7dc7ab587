"""The comment moderation queue is the course's: its staff see, count and act on their course's comments only;
another course's instructor sees neither the comments nor the commenters' emails, and cannot act on them."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from courses.models import Role
from tests.comment_helpers import held_comment
from tests.factories import CourseUnitPageFactory, StudentPostPageFactory, member_client

pytestmark = pytest.mark.django_db
INDEX = reverse("comment_moderation:index")


@pytest.fixture
def held(course, second_course, second_unit):
    unit = CourseUnitPageFactory(parent=course, title="Khrushchev and the Thaw", live=False)
    unit.save_revision().publish()
    first = StudentPostPageFactory(parent=unit, title="The Thaw")
    second = StudentPostPageFactory(parent=second_unit, title="The First Crusade")
    return {
        1: held_comment(first, "Held on the Thaw", email="nina@example.org"),
        2: held_comment(second, "Held on the Crusade", email="crusader@example.org"),
    }


@pytest.mark.parametrize("role", [Role.INSTRUCTOR, Role.TA])
def test_a_courses_staff_see_and_count_their_courses_comments_only(held, course, role):
    client = member_client(course, role)
    queue = client.get(INDEX).content.decode()
    assert "Held on the Thaw" in queue and "nina@example.org" in queue
    assert "Held on the Crusade" not in queue and "crusader@example.org" not in queue
    assert "The First Crusade" not in queue  # not even as a filter choice
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Comments awaiting moderation (1)" in dashboard and "Comments (1)" in dashboard


def test_another_courses_comment_cannot_be_acted_on(held, second_course, course):
    client = member_client(second_course, Role.INSTRUCTOR)
    foreign = held[1]
    assert client.post(reverse("comment_moderation:action", args=[foreign.pk, "approve"])).status_code == 404
    assert client.get(reverse("comment_moderation:reply", args=[foreign.pk])).status_code == 404
    client.post(reverse("comment_moderation:bulk"), {"action": "approve", "comments": [foreign.pk, held[2].pk]})
    assert not XtdComment.objects.get(pk=foreign.pk).is_public
    assert not XtdComment.objects.get(pk=held[2].pk).is_public  # the form refused the whole request


def test_a_site_administrator_sees_every_course(held):
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.edu", "pw"))
    queue = client.get(INDEX).content.decode()
    assert "Held on the Thaw" in queue and "Held on the Crusade" in queue
