"""In the admin a member finds only the courses they belong to: the explorer, the admin's page search and the page
chooser leave other courses out (site administrators see every course)."""

import pytest
from wagtail.models import Page

from courses.models import Role
from tests.factories import member_client

pytestmark = pytest.mark.django_db


def titles(client, url):
    html = client.get(url).content.decode()
    return {title for title in ("Khrushchev and the Thaw", "The Crusades") if title in html}


@pytest.mark.parametrize("role", [Role.STUDENT, Role.TA, Role.INSTRUCTOR])
def test_a_member_finds_only_their_course(unit, second_unit, role):
    client = member_client(second_unit.get_parent().specific, role)
    assert titles(client, "/admin/pages/search/?q=the") == {"The Crusades"}
    assert titles(client, "/admin/choose-page/search/?q=the") == {"The Crusades"}
    root = Page.get_first_root_node()
    chooser = client.get(f"/admin/choose-page/{root.pk}/").content.decode()
    assert "Medieval Europe" in chooser and "Soviet History" not in chooser
    assert "Khrushchev and the Thaw" not in client.get(f"/admin/choose-page/{unit.get_parent().pk}/").content.decode()


def test_the_explorer_lists_the_member_course_only(course, second_course):
    client = member_client(second_course, Role.INSTRUCTOR)
    html = client.get(f"/admin/pages/{Page.get_first_root_node().pk}/", follow=True).content.decode()
    assert "Medieval Europe" in html and "Soviet History" not in html
    assert "Soviet History" not in client.get(f"/admin/pages/{course.pk}/", follow=True).content.decode()


def test_a_site_administrator_finds_every_course(site_admin_client, unit, second_unit):
    assert titles(site_admin_client, "/admin/pages/search/?q=the") == {"Khrushchev and the Thaw", "The Crusades"}
    assert titles(site_admin_client, "/admin/choose-page/search/?q=the") == {"Khrushchev and the Thaw", "The Crusades"}
