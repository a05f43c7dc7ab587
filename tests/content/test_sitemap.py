"""/sitemap.xml lists what a search engine may index: live, public pages only."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import CourseUnitPageFactory

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_paths(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert "xml" in response["Content-Type"]
    root = ET.fromstring(response.content)
    return {urlsplit(loc.text).path for loc in root.findall("sm:url/sm:loc", NS)}


def test_sitemap_lists_live_public_pages_only(client, course, unit, make_post, make_draft):
    post = make_post(title="The Illusion of Khrushchev")
    draft = make_draft(title="Unfinished")
    withdrawn = make_post(title="Withdrawn")
    withdrawn.unpublish()
    private = make_post(title="Members only")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="samizdat")
    draft_unit = CourseUnitPageFactory(parent=course, title="Draft unit", live=False)

    paths = sitemap_paths(client)
    assert {course.url, unit.url, post.url} <= paths
    for hidden in (draft, withdrawn, private, draft_unit):
        assert not [path for path in paths if hidden.slug in path], f"{hidden.title} is in the sitemap"


def test_sitemap_hides_posts_under_a_restricted_unit(client, course, unit, make_post):
    post = make_post(title="Behind the curtain")
    PageViewRestriction.objects.create(page=unit, restriction_type=PageViewRestriction.PASSWORD, password="x")
    paths = sitemap_paths(client)
    assert post.url not in paths and unit.url not in paths
    assert course.url in paths
