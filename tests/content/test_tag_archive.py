"""/tags/<slug>/ lists the live posts with that tag, and nothing else."""

import pytest

pytestmark = pytest.mark.django_db


def tag_url(course, slug):
    return course.url + course.reverse_subpage("tag_archive", args=[slug])


def test_tag_page_lists_only_live_tagged_posts(client, course, make_post, make_draft):
    make_post(title="Thaw in Literature", tags=["thaw"])
    make_post(title="Thaw in Cinema", tags=["thaw", "film"])
    make_post(title="Collectivization", tags=["stalinism"])
    make_post(title="Untagged essay")
    make_draft(title="Draft about the thaw", tags=["thaw"])

    response = client.get(tag_url(course, "thaw"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thaw in Literature" in html and "Thaw in Cinema" in html
    for absent in ("Collectivization", "Untagged essay", "Draft about the thaw"):
        assert absent not in html
    assert [post.title for post in response.context["posts"]] == ["Thaw in Cinema", "Thaw in Literature"]


def test_unknown_tag_is_404(client, course, make_post):
    make_post(title="Thaw in Literature", tags=["thaw"])
    assert client.get(tag_url(course, "no-such-tag")).status_code == 404


def test_tag_used_only_by_drafts_is_404(client, course, make_draft):
    make_draft(title="Secret draft", tags=["purges"])
    assert client.get(tag_url(course, "purges")).status_code == 404
