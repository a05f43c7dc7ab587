"""Wagtail admin views that name any page by id, guarded by editorial/guards.py: each keeps working for
the post's author and the instructor, and tells student B nothing about student A's posts."""

import pytest
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.permissions import policy_registry

from editorial.permissions import EditorialImagePolicy, EditorialPagePolicy
from tests.editorial_helpers import *  # noqa: F403
from tests.editorial_helpers import DRAFT_TITLE, REVISION_TITLE

pytestmark = pytest.mark.django_db


def paste_link(client, url):
    response = client.post("/admin/choose-external-link/", {"external-link-chooser-url": url})
    assert response.status_code == 200
    return response.json()


def test_a_pasted_link_to_a_classmates_post_stays_external(client, published, student_a, student_b):
    client.force_login(student_a)  # the author's link becomes a page link, named by the draft title
    assert paste_link(client, published.url)["result"]["adminTitle"] == REVISION_TITLE
    client.force_login(student_b)
    data = paste_link(client, published.url)
    assert data["step"] == "external_link_chosen" and "id" not in data["result"]
    assert data["result"]["url"] == published.url and REVISION_TITLE not in str(data)


def test_chosen_pages_by_id_leave_a_classmates_posts_out(client, unit, draft, published, student_a, student_b):
    url = f"/admin/choose-page/chosen-multiple/?id={draft.pk}&id={published.pk}&id={unit.pk}"
    client.force_login(student_a)
    assert {page["id"] for page in client.get(url).json()["result"]} == {draft.pk, published.pk, unit.pk}
    client.force_login(student_b)
    assert [page["id"] for page in client.get(url).json()["result"]] == [unit.pk]


def test_bulk_actions_do_not_list_or_touch_a_classmates_posts(client, unit, draft, student_b, instructor):
    client.force_login(student_b)
    url = f"/admin/bulk/wagtailcore/page/delete/?id={draft.pk}&next=/admin/"
    assert DRAFT_TITLE not in client.get(url).content.decode()
    client.post(url)
    assert Page.objects.filter(pk=draft.pk).exists()
    client.force_login(instructor)
    assert DRAFT_TITLE in client.get(url).content.decode()


def test_the_page_types_report_is_for_instructors(client, draft, student_a, instructor):
    client.force_login(student_a)
    assert client.get("/admin/reports/page-types-usage/")["Location"] == "/admin/"
    assert client.get("/admin/reports/page-types-usage/results/")["Location"] == "/admin/"
    assert "/admin/reports/page-types-usage/" not in client.get("/admin/").content.decode()
    client.force_login(instructor)
    assert "/admin/reports/page-types-usage/" in client.get("/admin/").content.decode()
    assert DRAFT_TITLE in client.get("/admin/reports/page-types-usage/").content.decode()


def test_the_editorial_policies_are_the_registered_ones():
    assert isinstance(policy_registry.get_by_type(Page), EditorialPagePolicy)
    assert isinstance(policy_registry.get_by_type(get_image_model()), EditorialImagePolicy)
