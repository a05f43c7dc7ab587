"""Private drafts: student B finds nothing of student A's posts anywhere in the admin, URL by URL, while A and
the instructor still see them. Neither the draft's title nor the unpublished revision's title ever appears."""

import pytest

from tests.editorial_helpers import *  # noqa: F403
from tests.editorial_helpers import DRAFT_TITLE, LIVE_TITLE, REVISION_TITLE, SECRETS

pytestmark = pytest.mark.django_db

# Listings that answer, with A's posts left out (B may not open a classmate's published post in the admin either).
LISTINGS = [
    "/admin/pages/{unit}/",  # the explorer
    "/admin/pages/{unit}/results/",
    "/admin/api/main/pages/?child_of={unit}&for_explorer=1",  # the explorer menu
    "/admin/pages/search/?q=virgin",
    "/admin/pages/search/?q=thaw",
    "/admin/pages/{unit}/?q=thaw&search_all=1",
    "/admin/choose-page/{unit}/",
    "/admin/choose-page/search/?q=virgin",
    "/admin/choose-page/search/?q=thaw",
    "/admin/choose-page/chosen-multiple/?id={draft}&id={live}",
    "/admin/pages/usage/blog/studentpostpage/",
    "/admin/reports/site-history/",
    "/admin/reports/workflow/",
    "/admin/bulk/wagtailcore/page/delete/?id={draft}&id={live}",
    "/admin/bulk/wagtailcore/page/move/?id=all&childOf={unit}",
]
# Views of one post: refused (a redirect to the dashboard with "no permission", or 404).
VIEWS = [
    "/admin/pages/{draft}/",
    "/admin/api/main/pages/{draft}/",
    "/admin/choose-page/{draft}/",
    "/admin/pages/{draft}/edit/",
    "/admin/pages/{draft}/edit/preview/",
    "/admin/pages/{draft}/view_draft/",
    "/admin/pages/{live}/view_draft/",
    "/admin/pages/{live}/revisions/{revision}/view/",
    "/admin/pages/{live}/revisions/compare/live...{revision}/",
    "/admin/pages/{draft}/history/",
    "/admin/pages/{live}/history/",
    "/admin/pages/{draft}/workflow_history/",
    "/admin/pages/{draft}/usage/",
    "/admin/pages/{draft}/delete/",
    "/admin/pages/{live}/move/",
    "/admin/pages/{live}/copy/",
    "/admin/reports/page-types-usage/",  # it names the last edited page of each type
]


def urls(templates, unit, draft, published):
    ids = {"unit": unit.pk, "draft": draft.pk, "live": published.pk, "revision": published.latest_revision_id}
    return [template.format(**ids) for template in templates]


@pytest.fixture
def as_student_b(client, student_b, draft, published):
    client.force_login(student_b)
    return client


def assert_no_secrets(response, *more):
    html = response.content.decode()
    for secret in (*SECRETS, *more):
        assert secret not in html, f"{response.request['PATH_INFO']} shows {secret!r}"


@pytest.mark.parametrize("template", LISTINGS)
def test_listings_leave_a_classmates_posts_out(as_student_b, unit, draft, published, template):
    (url,) = urls([template], unit, draft, published)
    response = as_student_b.get(url)
    assert response.status_code == 200
    assert_no_secrets(response, LIVE_TITLE)


@pytest.mark.parametrize("template", VIEWS)
def test_a_classmates_post_cannot_be_opened(as_student_b, unit, draft, published, template):
    (url,) = urls([template], unit, draft, published)
    response = as_student_b.get(url)
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert response["Location"] == "/admin/"
    assert_no_secrets(as_student_b.get(url, follow=True))


def test_the_author_and_the_instructor_still_find_the_posts(client, unit, draft, published, student_a, instructor):
    for user in (student_a, instructor):
        client.force_login(user)
        assert DRAFT_TITLE in client.get(f"/admin/pages/{unit.pk}/").content.decode()
        assert REVISION_TITLE in client.get("/admin/pages/search/?q=thaw").content.decode()
        assert DRAFT_TITLE in client.get("/admin/choose-page/search/?q=virgin").content.decode()
        api = client.get(f"/admin/api/main/pages/?child_of={unit.pk}&for_explorer=1").json()
        assert {item["id"] for item in api["items"]} >= {draft.pk, published.pk}
        assert client.get(f"/admin/pages/{draft.pk}/").status_code == 200


def test_a_student_sees_the_course_and_units_to_write_under(as_student_b, course, unit):
    explorer = as_student_b.get(f"/admin/api/main/pages/?child_of={course.pk}&for_explorer=1").json()
    assert [item["title"] for item in explorer["items"]] == [unit.title]
    assert f"/admin/pages/{unit.pk}/add_subpage/" in as_student_b.get(f"/admin/pages/{unit.pk}/").content.decode()
    assert as_student_b.get(f"/admin/pages/{unit.pk}/add_subpage/")["Location"].startswith(
        f"/admin/pages/add/blog/studentpostpage/{unit.pk}/"
    )
