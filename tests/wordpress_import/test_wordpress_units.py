"""The units a WordPress import makes (issue 17, rough edge 8): a unit is live only once it holds a live post, so
readers never meet an empty "Imported posts"; and a category's nicename, whatever it holds (bidi and control
characters, raw or percent-encoded, as real exports have), gives a valid slug: no post is skipped for it.
`odd_categories.xml` (tests/fixtures/wordpress/README.md) holds such categories and a draft in no category."""

import logging
from datetime import UTC, datetime

import pytest

from blog.models import CourseUnitPage
from tests.wordpress_import.test_wordpress_import import FIXTURES, post, run

pytestmark = pytest.mark.django_db


def unit(title):
    return CourseUnitPage.objects.get(title=title)


def test_a_unit_whose_posts_are_all_drafts_stays_a_hidden_draft(client, course):
    report = run("odd_categories.xml")

    imported = unit("Imported posts")
    assert not imported.live and imported.first_published_at is None
    assert not post(93).live and post(93).get_parent().pk == imported.pk
    assert "Note: Unit “Imported posts” holds no published post; it stays a draft, hidden from readers." in report
    home = client.get("/").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "Posters of the Thaw" in home and "/posters-of-the-thaw/" in sitemap  # the live ones are listed
    assert "Imported posts" not in home
    assert "/imported-posts/" not in sitemap
    assert client.get("/imported-posts/").status_code == 404


def test_a_unit_holding_a_live_post_is_live(course):
    run("course_1.2.xml")

    assert unit("Imported posts").live  # posts 28 and 29, both published
    assert unit("Khrushchev and the Thaw").live
    stalin = unit("Stalin and Stalinism")  # a draft, a pending, a password-protected post: nothing live
    assert not stalin.live
    assert not any(p.live for p in stalin.get_children())


def test_a_later_export_with_a_live_post_opens_the_draft_unit(course, tmp_path):
    run("odd_categories.xml")
    later = tmp_path / "later.xml"
    later.write_text(
        (FIXTURES / "odd_categories.xml")
        .read_text()
        .replace("<wp:status><![CDATA[draft]]></wp:status>", "<wp:status><![CDATA[publish]]></wp:status>")
        .replace("<wp:post_id>93</wp:post_id>", "<wp:post_id>94</wp:post_id>")
        .replace("?p=93", "?p=94")
    )
    assert "Posts: 1 published" in run(str(later))
    assert unit("Imported posts").live and post(94).live


def test_a_unit_whose_first_live_post_is_scheduled_goes_live_with_it(course, tmp_path):
    scheduled = tmp_path / "scheduled.xml"
    scheduled.write_text(
        (FIXTURES / "odd_categories.xml")
        .read_text()
        .replace("<wp:status><![CDATA[draft]]></wp:status>", "<wp:status><![CDATA[future]]></wp:status>")
        .replace("0000-00-00 00:00:00", "2031-04-20 13:00:00")
    )
    run(str(scheduled))

    imported = unit("Imported posts")
    assert not imported.live
    goes_live = datetime(2031, 4, 20, 13, tzinfo=UTC)
    assert imported.scheduled_revision.approved_go_live_at == post(93).go_live_at == goes_live


def test_bidi_and_control_characters_in_a_nicename_give_a_valid_slug(course, caplog):
    with caplog.at_level(logging.ERROR, logger="wordpress_import"):
        report = run("odd_categories.xml")

    assert "Posts: 2 published, 0 scheduled, 1 drafts; 0 already imported; 0 skipped." in report
    assert "Skipped:" not in report
    assert not caplog.records  # no traceback logged
    posters, samizdat = post(91).get_parent(), post(92).get_parent()
    assert (posters.title, posters.slug, posters.live) == ("Posters of the Thaw", "posters-of-the-thaw", True)
    assert (samizdat.title, samizdat.slug, samizdat.live) == ("Samizdat", "samizdat", True)  # nicename all control
    for page in (posters, samizdat):
        page.full_clean()  # Wagtail's own slug validation


def test_the_same_export_again_finds_its_units(course):
    run("odd_categories.xml")
    before = CourseUnitPage.objects.count()
    assert "Units created: none." in run("odd_categories.xml")
    assert CourseUnitPage.objects.count() == before
