"""The WXR parser reads what the WordPress importer needs from every export version and refuses unsafe or broken
files with a message an instructor can act on. The fixtures and their counts are described in
tests/fixtures/wordpress/README.md."""

import dataclasses
import time
import tracemalloc
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from wordpress_import.wxr import WxrError, WxrItem, parse_wxr

FIXTURES = Path(__file__).parent.parent / "fixtures" / "wordpress"


def fixture(name):
    return FIXTURES / name


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def wxr(items, version="1.2"):
    """A minimal export around some <item> markup."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/{version}/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Course</title><wp:wxr_version>{version}</wp:wxr_version>
{items}
</channel></rss>""".encode()


@pytest.fixture(autouse=True)
def new_york(settings):
    settings.TIME_ZONE = "America/New_York"  # the fixture blog's WordPress time zone


@pytest.fixture
def course():
    return parse_wxr(fixture("course_1.2.xml"))


def by_id(export):
    return {item.wp_id: item for item in export.items}


def comments_by_id(export):
    return {comment.wp_id: comment for item in export.items for comment in item.comments}


def test_the_course_export_counts_what_the_importer_reports(course):
    assert (course.version, course.title, course.base_site_url) == (
        "1.2",
        "HIST 3350 – Soviet History",
        "https://courseblog.example.edu",
    )
    assert len(course.posts()) == 9
    assert sorted(course.attachments()) == [41, 42, 43]
    assert course.skipped_counts() == {"page": 1, "nav_menu_item": 1, "wp_block": 1}
    assert Counter(post.status for post in course.posts()) == {
        "publish": 5,
        "draft": 1,
        "pending": 1,
        "private": 1,
        "future": 1,
    }
    assert [post.wp_id for post in course.posts() if post.password] == [27]
    assert by_id(course)[27].password == "thaw1956"
    assert course.problems == () and all(item.problems == () for item in course.items)


def test_dates_are_utc_from_gmt_and_local_time_when_wordpress_left_gmt_empty(course, settings):
    items, comments = by_id(course), comments_by_id(course)
    assert items[21].date == utc(2017, 3, 28, 18, 5)
    assert items[26].date == utc(2017, 4, 20, 13, 0)  # scheduled: its go-live date
    assert items[23].date == utc(2017, 4, 6, 1, 40)  # draft: 0000-00-00 gmt, 21:40 in New York (EDT)
    assert comments[106].date == utc(2017, 3, 29, 12, 30)
    assert parse_wxr(fixture("course_1.1_http.xml")).items[1].date == utc(2016, 11, 20, 23, 30)  # EST
    settings.TIME_ZONE = "Europe/Moscow"
    assert by_id(parse_wxr(fixture("course_1.2.xml")))[23].date == utc(2017, 4, 5, 18, 40)


def test_categories_keep_document_order_and_tags_are_separate(course):
    assert [category.nicename for category in course.categories][0] == "stalin-and-stalinism"
    items = by_id(course)
    assert items[21].categories == (
        ("khrushchev-and-the-thaw", "Khrushchev and the Thaw"),
        ("stalin-and-stalinism", "Stalin and Stalinism"),
    )
    assert items[22].categories == (("khrushchev-and-the-thaw", "Khrushchev and the Thaw"),)
    assert [slug for slug, _ in items[22].tags] == ["cult-of-personality", "de-stalinization", "secret-speech"]
    assert items[28].categories == (("uncategorized", "Uncategorized"),)
    assert items[29].categories == ()
    assert items[11].categories == ()  # the nav_menu domain is neither


def test_authors_and_their_unicode_names(course):
    assert [author.login for author in course.authors] == ["awhitaker", "mhale", "sara.ahmadi"]
    assert course.author("mhale").display_name == "Morgan Hale 👩\u200d🎓"
    sara = course.author("sara.ahmadi")
    assert (sara.wp_id, sara.display_name, sara.first_name) == (4, "سارا احمدی", "سارا")
    assert course.author("nobody") is None


def test_the_five_level_thread_is_reconstructed_from_comment_parents(course):
    comments = {comment.wp_id: comment for comment in by_id(course)[21].comments}
    chain, wp_id = [], 105
    while wp_id:
        chain.append(wp_id)
        wp_id = comments[wp_id].parent_wp_id
    assert chain == [105, 104, 103, 102, 101]


def test_comment_states_types_and_known_accounts(course):
    comments = comments_by_id(course)
    assert len(comments) == 13
    assert Counter(comment.approved for comment in comments.values()) == {"1": 10, "0": 1, "spam": 1, "trash": 1}
    assert Counter(comment.comment_type for comment in comments.values()) == {
        "": 8,
        "comment": 3,
        "pingback": 1,
        "trackback": 1,
    }
    assert sum(comment.is_comment for comment in comments.values()) == 11
    accounts = {author.wp_id: author for author in course.authors}
    known = {wp_id: comment for wp_id, comment in comments.items() if comment.user_id}
    assert sorted(known) == [102, 104, 204]
    assert all(accounts[comment.user_id].email == comment.author_email for comment in known.values())
    assert comments[203].author_name == "נועה כהן 👩🏽\u200d🏫"
    assert comments[201].author_url == "https://history.example.edu/news/teaching-the-thaw/"


def test_bodies_stay_raw_for_the_converter_and_padding_is_stripped(course):
    items = by_id(course)
    assert items[21].title == "Stalin’s Funeral and the Struggle for Power"
    assert items[21].content.startswith("When Stalin died")
    assert '[caption id="attachment_41" align="aligncenter" width="300"]' in items[21].content
    assert "\n\nhttps://www.youtube.com/watch?v=Xj3kq9Z2mA0\n\n" in items[21].content
    assert '<!-- wp:image {"id":42,' in items[22].content and '[gallery ids="41,42"]' in items[22].content
    assert "<script>" in items[28].content and 'onerror="' in items[28].content  # sanitising is the importer's job
    assert items[21].excerpt == "How a secretary with no obvious claim outlasted his rivals."
    assert (items[21].slug, items[23].slug) == ("stalins-funeral-and-the-struggle-for-power", "")


def test_attachments_carry_url_caption_and_file(course):
    funeral = course.attachments()[41]
    assert funeral.attachment_url == "https://courseblog.example.edu/wp-content/uploads/2017/03/stalin-funeral.jpg"
    assert (funeral.title, funeral.excerpt, funeral.parent_wp_id) == (
        "Stalin’s funeral",
        "Mourners file past the coffin, March 1953.",
        21,
    )
    assert funeral.meta["_wp_attached_file"] == "2017/03/stalin-funeral.jpg"
    assert funeral.meta["_wp_attachment_image_alt"] == "Mourners in the Hall of Columns"


def test_each_item_knows_its_line(course):
    lines = fixture("course_1.2.xml").read_text().splitlines()
    assert all(lines[item.line - 1].strip() == "<item>" for item in course.items)
    assert [item.line for item in course.items] == sorted({item.line for item in course.items})


def without_lines(export):
    return tuple(dataclasses.replace(item, line=None) for item in export.items)


def test_versions_and_namespace_spellings_parse_to_the_same_shapes(course):
    v10, v11 = parse_wxr(fixture("course_1.0.xml")), parse_wxr(fixture("course_1.1_http.xml"))
    assert (v10.version, v11.version) == ("1.0", "1.1")
    assert without_lines(v10) == without_lines(v11)  # 1.0's "tag" domain and duplicate categories absorbed
    assert v10.categories == v11.categories and v10.tags == v11.tags
    assert v11.categories[1].parent_nicename == "khrushchev-and-the-thaw"
    assert v10.authors == () and [author.login for author in v11.authors] == ["awhitaker", "mhale"]
    assert v11.items[0].tags == (("kitchen-debate", "Kitchen Debate"),)
    assert [comment.parent_wp_id for comment in v10.items[0].comments] == [0, 61]
    https_11 = fixture("course_1.1_http.xml").read_bytes().replace(b"http://wordpress.org/", b"https://wordpress.org/")
    assert parse_wxr(https_11) == v11
    http_12 = fixture("course_1.2.xml").read_bytes().replace(b"https://wordpress.org/", b"http://wordpress.org/")
    assert parse_wxr(http_12) == course
    for export in (v10, v11, course):
        assert all(isinstance(item, WxrItem) and isinstance(item.wp_id, int) for item in export.items)


def test_a_later_export_differs_only_by_what_is_new(course):
    later = parse_wxr(fixture("later_export.xml"))
    assert set(by_id(later)) - set(by_id(course)) == {30}
    assert set(comments_by_id(later)) - set(comments_by_id(course)) == {109, 401}
    assert set(comments_by_id(course)) <= set(comments_by_id(later))
    unchanged = [dataclasses.replace(item, line=None, comments=()) for item in later.items if item.wp_id != 30]
    assert unchanged == [dataclasses.replace(item, comments=()) for item in without_lines(course)]


def test_without_author_blocks_posts_still_name_their_creator():
    export = parse_wxr(fixture("missing_author.xml"))
    assert export.authors == ()
    assert [post.creator for post in export.posts()] == ["mhale", "", "dreyes"]


def test_bytes_paths_and_file_objects_read_alike(course):
    path = fixture("course_1.2.xml")
    assert parse_wxr(str(path)) == course
    assert parse_wxr(path.read_bytes()) == course
    with path.open("rb") as file:
        assert parse_wxr(file) == course


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("malformed.xml", "The file is not well-formed XML: line 28, column 35: mismatched tag."),
        ("truncated.xml", "The file ends before the export is complete (line 377)"),
        ("wrong_root.xml", "The file is not a WordPress export: its root element is <feed>, not <rss>."),
        ("unknown_version.xml", "WXR version 2.0 is not supported; this importer reads 1.0, 1.1 and 1.2."),
        ("entity_bomb.xml", "declares a DTD or entities (line 2), which WordPress exports never do; refused as unsafe"),
        ("external_entity.xml", "declares a DTD or entities (line 2)"),
    ],
)
def test_bad_files_are_refused_with_a_readable_message(name, message):
    with pytest.raises(WxrError) as error:
        parse_wxr(fixture(name))
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("after", "back"),
    [
        ("</wp:post_id>", 0),  # between elements
        ("<wp:comment_author_IP", 0),  # inside a tag
        ("Mourners file past", 0),  # inside CDATA
        ("سارا احمدی", 1),  # inside a two-byte character
    ],
)
def test_a_file_cut_off_anywhere_is_reported_as_truncated(after, back):
    data = fixture("course_1.2.xml").read_bytes()
    end = data.rindex(after.encode()) + len(after.encode()) - back
    with pytest.raises(WxrError, match=r"ends before the export is complete \(line \d+\)"):
        parse_wxr(data[:end])


def test_the_entity_bomb_is_refused_before_any_expansion():
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(WxrError):
        parse_wxr(fixture("entity_bomb.xml"))
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 1 and peak < 2 * 1024 * 1024  # expanded, &lol9; alone is 3 GB


def test_an_external_entity_never_reads_the_file():
    with pytest.raises(WxrError) as error:
        parse_wxr(fixture("external_entity.xml"))
    assert "root:" not in str(error.value) and "/bin/" not in str(error.value)
    with pytest.raises(WxrError, match="refused as unsafe"):
        parse_wxr(b'<?xml version="1.0"?>\n<!DOCTYPE rss>\n<rss><channel/></rss>')


def test_a_feed_or_an_empty_file_is_not_an_export():
    feed = b'<rss version="2.0"><channel><title>Course</title><item><title>A post</title></item></channel></rss>'
    with pytest.raises(WxrError, match=r"has no wp:wxr_version\. Is it the blog's RSS feed\?"):
        parse_wxr(feed)
    with pytest.raises(WxrError, match="The file is empty or not XML"):
        parse_wxr(b"")


def test_a_broken_item_or_comment_is_parsed_as_far_as_possible_and_says_why():
    export = parse_wxr(
        wxr(
            """<item><title>Broken</title><wp:post_id>abc</wp:post_id><wp:post_type>post</wp:post_type>
            <wp:post_date_gmt>2017-13-45 99:00:00</wp:post_date_gmt></item>
            <item><title>Fine</title><wp:post_id>2</wp:post_id><wp:post_type>post</wp:post_type>
            <wp:comment><wp:comment_id>x1</wp:comment_id><wp:comment_date>2017-03-28 16:11:00</wp:comment_date>
            <wp:comment_parent>0</wp:comment_parent></wp:comment></item>"""
        )
    )
    broken, fine = export.posts()
    assert (broken.title, broken.wp_id, broken.date) == ("Broken", None, None)
    assert broken.problems == (
        "wp:post_id 'abc' is not a number",
        "wp:post_date_gmt '2017-13-45 99:00:00' is not a date",
    )
    assert (fine.wp_id, fine.problems, fine.date) == (2, (), None)
    assert fine.comments[0].problems == ("wp:comment_id 'x1' is not a number",)
    assert fine.comments[0].date == utc(2017, 3, 28, 20, 11)
